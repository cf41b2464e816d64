/**
 * The error vocabulary of the fake Bot API: Telegram's own descriptions, so a test that sees a
 * GrammyError from the fake sees what production would see.
 */

export interface ErrorParameters {
  retry_after?: number;
  migrate_to_chat_id?: number;
}

/** What Telegram answers on failure; the HTTP status equals error_code. */
export interface ApiErrorBody {
  ok: false;
  error_code: number;
  description: string;
  parameters?: ErrorParameters;
}

/** An error a fake method throws; the server turns it into an ApiErrorBody. */
export class BotApiError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly parameters?: ErrorParameters,
  ) {
    super(`${errorCode}: ${description}`);
    this.name = 'BotApiError';
  }

  toBody(): ApiErrorBody {
    return errorBody(this.errorCode, this.description, this.parameters);
  }
}

export function errorBody(
  errorCode: number,
  description: string,
  parameters?: ErrorParameters,
): ApiErrorBody {
  const body: ApiErrorBody = { ok: false, error_code: errorCode, description };
  if (parameters !== undefined) body.parameters = { ...parameters };
  return body;
}

/** Descriptions exactly as Telegram writes them, for assertions in tests. */
export const TELEGRAM_ERRORS = {
  unauthorized: 'Unauthorized',
  methodNotFound: 'Not Found: method not found',
  notFound: 'Not Found',
  chatNotFound: 'Bad Request: chat not found',
  textEmpty: 'Bad Request: message text is empty',
  textTooLong: 'Bad Request: message is too long',
  captionTooLong: 'Bad Request: message caption is too long',
  buttonDataInvalid: 'Bad Request: BUTTON_DATA_INVALID',
  buttonUrlInvalid: 'Bad Request: BUTTON_URL_INVALID',
  queryTooOld: 'Bad Request: query is too old and response timeout expired or query ID is invalid',
  botBlocked: 'Forbidden: bot was blocked by the user',
  groupUpgraded: 'Bad Request: group chat was upgraded to a supergroup chat',
  botKickedFromGroup: 'Forbidden: bot was kicked from the group chat',
  botKickedFromSupergroup: 'Forbidden: bot was kicked from the supergroup chat',
  botNotInGroup: 'Forbidden: bot is not a member of the group chat',
  botNotInSupergroup: 'Forbidden: bot is not a member of the supergroup chat',
  messageToEditNotFound: 'Bad Request: message to edit not found',
  messageToDeleteNotFound: 'Bad Request: message to delete not found',
  messageCantBeEdited: "Bad Request: message can't be edited",
  messageNotModified:
    'Bad Request: message is not modified: specified new message content and reply markup ' +
    'are exactly the same as a current content and reply markup of the message',
  replyNotFound: 'Bad Request: message to be replied not found',
  wrongFileId: 'Bad Request: wrong file identifier/HTTP URL specified',
  invalidFileId: 'Bad Request: invalid file_id',
  fileTooBig: 'Bad Request: file is too big',
  secretTokenCharacters: 'Bad Request: secret token contains unallowed characters',
  webhookActive:
    "Conflict: can't use getUpdates method while webhook is active; " +
    'use deleteWebhook to delete the webhook first',
  terminatedByOtherPoll:
    'Conflict: terminated by other getUpdates request; ' +
    'make sure that only one bot instance is running',
  terminatedBySetWebhook: 'Conflict: terminated by setWebhook request',
} as const;

export function badRequest(what: string): BotApiError {
  return new BotApiError(400, `Bad Request: ${what}`);
}

/** One of the catalogued descriptions, with the status its prefix implies. */
export function telegramError(description: string): BotApiError {
  return new BotApiError(statusOf(description), description);
}

export function tooManyRequests(retryAfterSeconds: number): BotApiError {
  const retryAfter = Math.max(1, Math.ceil(retryAfterSeconds));
  return new BotApiError(429, `Too Many Requests: retry after ${retryAfter}`, {
    retry_after: retryAfter,
  });
}

function statusOf(description: string): number {
  if (description.startsWith('Forbidden')) return 403;
  if (description.startsWith('Conflict')) return 409;
  if (description.startsWith('Not Found')) return 404;
  if (description === 'Unauthorized') return 401;
  return 400;
}
