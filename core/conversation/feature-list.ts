import type { Feature } from './features.ts';

/** The services the router offers beyond reporting and the help desk, in menu order. */
export const FEATURES: readonly Feature[] = [];
