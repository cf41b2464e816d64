/**
 * The error vocabulary of the fake VK API: VK's own codes and wording, so a test that sees an
 * APIError from vk-io sees what production would see. VK answers errors with HTTP 200 and an
 * `error` object that echoes the request's parameters (never the token).
 */

export interface VkRequestParam {
  key: string;
  value: string;
}

export interface VkErrorObject {
  error_code: number;
  error_msg: string;
  request_params: VkRequestParam[];
}

export interface VkErrorEnvelope {
  error: VkErrorObject;
}

/** An error to answer instead of doing a method. */
export interface VkFaultSpec {
  error_code: number;
  error_msg: string;
}

/** An error a fake method throws; the server wraps it in VK's envelope. */
export class VkApiError extends Error {
  constructor(
    readonly code: number,
    readonly errorMsg: string,
  ) {
    super(`${code}: ${errorMsg}`);
    this.name = 'VkApiError';
  }

  static of(spec: VkFaultSpec): VkApiError {
    return new VkApiError(spec.error_code, spec.error_msg);
  }
}

const INVALID = 'One of the parameters specified was missing or invalid';

/** Codes and messages exactly as VK writes them, for faults and assertions in tests. */
export const VK_ERRORS = {
  unknownMethod: { error_code: 3, error_msg: 'Unknown method passed' },
  invalidToken: {
    error_code: 5,
    error_msg: 'User authorization failed: invalid access_token (4).',
  },
  noToken: { error_code: 5, error_msg: 'User authorization failed: no access_token passed.' },
  tooMany: { error_code: 6, error_msg: 'Too many requests per second' },
  internal: { error_code: 10, error_msg: 'Internal server error' },
  accessDenied: { error_code: 15, error_msg: 'Access denied: no access to call this method' },
  messageEmpty: { error_code: 100, error_msg: `${INVALID}: message is empty or invalid` },
  randomIdRequired: {
    error_code: 100,
    error_msg: `${INVALID}: random_id is a required parameter`,
  },
  noPeer: {
    error_code: 100,
    error_msg: `${INVALID}: you should specify peer_id, user_id, domain, chat_id or user_ids param`,
  },
  invalidHash: { error_code: 121, error_msg: 'Invalid hash' },
  noPermission: {
    error_code: 901,
    error_msg: "Can't send messages for users without permission",
  },
  keyboardInvalid: { error_code: 911, error_msg: 'Keyboard format is invalid' },
  messageTooLong: { error_code: 914, error_msg: 'Message is too long' },
} as const satisfies Record<string, VkFaultSpec>;

/** Error 100 about one parameter, worded as VK words it. */
export function invalidParam(what: string): VkApiError {
  return new VkApiError(100, `${INVALID}: ${what}`);
}

export function vkError(spec: VkFaultSpec): VkApiError {
  return VkApiError.of(spec);
}

/** VK echoes the parameters it got, the method and `oauth`; the token it leaves out. */
export function errorEnvelope(
  error: VkFaultSpec,
  method: string,
  params: Readonly<Record<string, string>>,
): VkErrorEnvelope {
  const echoed = Object.entries(params)
    .filter(([key]) => key !== 'access_token')
    .map(([key, value]) => ({ key, value }));
  return {
    error: {
      error_code: error.error_code,
      error_msg: error.error_msg,
      request_params: [...echoed, { key: 'method', value: method }, { key: 'oauth', value: '1' }],
    },
  };
}
