import { CallRecorder, type WaitOptions } from './call-recorder.ts';
import type { VkErrorObject } from './vk-api-errors.ts';
import type { VkParams } from './vk-api-http.ts';

export type VkWaitOptions = WaitOptions;

/** One API method call the fake VK API answered. */
export interface VkRecordedCall {
  method: string;
  /** The parameters as received, without access_token. */
  params: VkParams;
  /** When the fake answered, in milliseconds since the epoch. */
  at: number;
  /** Present when the fake answered with an error. */
  error?: VkErrorObject;
}

/** The fake VK API's record of calls (see call-recorder.ts). */
export function createVkRecorder(): CallRecorder<VkRecordedCall> {
  return new CallRecorder('The fake VK API', describeCall);
}

function describeCall(call: VkRecordedCall): string {
  const peer = call.params.peer_id ?? call.params.user_id ?? call.params.peer_ids;
  const outcome = call.error === undefined ? 'ok' : String(call.error.error_code);
  return `${call.method}(${peer === undefined ? '' : `peer=${peer}`}) -> ${outcome}`;
}
