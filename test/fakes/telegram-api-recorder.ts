import { CallRecorder } from './call-recorder.ts';
import type { ApiErrorBody } from './telegram-api-errors.ts';
import type { ApiParams } from './telegram-params.ts';

export type { WaitOptions } from './call-recorder.ts';

/** One call the bot made to the fake Bot API. */
export interface RecordedCall {
  method: string;
  params: ApiParams;
  /** When the fake answered, in milliseconds since the epoch. */
  at: number;
  /** Present when the fake answered with an error. */
  error?: ApiErrorBody;
}

/** The fake Bot API's record of calls (see call-recorder.ts). */
export function createBotApiRecorder(): CallRecorder<RecordedCall> {
  return new CallRecorder('The fake Bot API', describeCall);
}

function describeCall(call: RecordedCall): string {
  const chat = call.params.chat_id === undefined ? '' : `chat_id=${String(call.params.chat_id)}`;
  const outcome = call.error === undefined ? 'ok' : String(call.error.error_code);
  return `${call.method}(${chat}) -> ${outcome}`;
}
