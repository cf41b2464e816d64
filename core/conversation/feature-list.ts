import type { Feature } from './features.ts';
import { hearingsFeature } from './flows/hearing-feature.ts';
import { officialReportsFeature } from './flows/official-reports.ts';
import { subscriptionsFeature } from './flows/subscriptions.ts';
import { volunteeringFeature } from './flows/volunteer.ts';

/** The services the router offers beyond reporting and the help desk, in menu order. */
export const FEATURES: readonly Feature[] = [
  volunteeringFeature,
  hearingsFeature,
  officialReportsFeature,
  subscriptionsFeature,
];
