import type { FlowContext, FlowResult } from './context.ts';
import type { DialogState } from './state.ts';

type Handler<A extends unknown[]> = (
  ctx: FlowContext,
  ...args: A
) => FlowResult | Promise<FlowResult>;

/**
 * A service of the bot beyond reporting (volunteering, hearings, officials' reports,
 * subscriptions). The router asks each feature in turn, so a service lives in its own flow
 * modules and registers here once instead of threading itself through the router.
 */
export interface Feature {
  /** Commands it answers, by name without the slash. */
  commands?: Record<string, Handler<[args: string]>>;
  /** Main-menu buttons it answers, by the i18n key of their label. */
  menuLabels?: Record<string, Handler<[]>>;
  /** View buttons (safe to press any time, no revision) it answers, by action. */
  viewButtons?: Record<string, Handler<[arg: string | undefined]>>;
  /**
   * Its dialogue screens, by `screen`: what a message does there and what a flow button
   * (issued on that screen) does there. /cancel and /menu leave any of them for the menu.
   */
  screens?: Record<string, FeatureScreen>;
}

export interface FeatureScreen {
  message: Handler<[state: DialogState]>;
  button?: Handler<[state: DialogState, action: string, arg: string | undefined]>;
  /** The screen takes a shared contact (a phone number); elsewhere one is refused politely. */
  acceptsContact?: boolean;
  /**
   * The i18n key of what is said when a main-menu button takes the resident away mid-task
   * ("the comment was not sent"); a general "cancelled" otherwise.
   */
  leftKey?: string;
}

/** Finds the screen a state belongs to among the features, if a feature owns it. */
export function featureScreen(
  features: readonly Feature[],
  state: DialogState,
): FeatureScreen | undefined {
  for (const feature of features) {
    const screen = feature.screens?.[state.screen];
    if (screen) return screen;
  }
  return undefined;
}

/** The first feature's handler registered under `name` in the given table. */
export function featureHandler<K extends 'commands' | 'menuLabels' | 'viewButtons'>(
  features: readonly Feature[],
  table: K,
  name: string,
): NonNullable<Feature[K]>[string] | undefined {
  for (const feature of features) {
    const handler = feature[table]?.[name];
    if (handler) return handler as NonNullable<Feature[K]>[string];
  }
  return undefined;
}
