import type { VkParams } from './vk-api-http.ts';

/** What a fake VK method gets besides its parameters. */
export interface VkMethodContext {
  /** The token the call came with (already checked). */
  readonly token: string;
}

/** A fake VK API method: returns the `response`, or throws a VkApiError. */
export type VkMethodHandler = (params: VkParams, ctx: VkMethodContext) => unknown;
