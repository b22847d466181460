import { DomainError } from './domain-error';

/** The contract's messages, each written once. */
export const MSG = {
  notProvided: 'Authentication credentials were not provided.',
  noActiveAccount: 'No active account found with the given credentials',
  invalidOrExpired: 'Token is invalid or expired',
  notValidForAnyType: 'Given token not valid for any token type',
  wrongType: 'Token has wrong type',
  noType: 'Token has no type',
  noId: 'Token has no id',
  blacklisted: 'Token is blacklisted',
  userNotFound: 'User not found',
  userInactive: 'User is inactive',
  noUserId: 'Token contained no recognizable user identification',
  twoValues: 'Authorization header must contain two space-delimited values',
  required: 'This field is required.',
  blank: 'This field may not be blank.',
  nullField: 'This field may not be null.',
  notString: 'Not a valid string.',
  nullCharacters: 'Null characters are not allowed.',
  invalidBoolean: 'Must be a valid boolean.',
  notFound: 'Not found.',
  serviceUnavailable: 'Service temporarily unavailable',
  tooLarge: 'Request body is too large.',
  permissionDenied: 'You do not have permission to perform this action.',
  invalidApiKey: 'Invalid API key.',
  apiKeyExpired: 'API key has expired.',
  apiKeyHeaderEmpty: 'Invalid API key header. No credentials provided.',
  apiKeyHeaderSpaces: 'Invalid API key header. API key string should not contain spaces.',
  apiKeyOwnerInactive: 'User inactive or deleted.',
  notWithApiKey: 'API keys cannot be used for this action.',
} as const;

export const tooLong = (max: number): string => `Ensure this field has no more than ${max} characters.`;
export const noClaim = (claim: string): string => `Token has no '${claim}' claim`;
export const claimExpired = (claim: string): string => `Token '${claim}' claim has expired`;

export const Errors = {
  notAuthenticated: () => new DomainError('not_authenticated', { detail: MSG.notProvided }),
  badAuthorizationHeader: () => DomainError.coded('bad_authorization_header', MSG.twoValues),
  noActiveAccount: () => new DomainError('authentication_failed', { detail: MSG.noActiveAccount }),
  tokenNotValid: (detail: string = MSG.invalidOrExpired) => DomainError.coded('token_not_valid', detail),
  /** The secure endpoint's answer when the token fails AccessToken validation. */
  accessTokenRejected: (message: string) =>
    new DomainError('token_not_valid', {
      detail: MSG.notValidForAnyType,
      code: 'token_not_valid',
      messages: [{ token_class: 'AccessToken', token_type: 'access', message }],
    }),
  userNotFound: () => DomainError.coded('user_not_found', MSG.userNotFound),
  userInactive: () => DomainError.coded('user_inactive', MSG.userInactive),
  permissionDenied: () => DomainError.coded('permission_denied', MSG.permissionDenied),
  /** DRF's AuthenticationFailed for an API key (TokenAuthentication's answers, in API-key words). */
  apiKeyRejected: (detail: string) => DomainError.coded('authentication_failed', detail),
  notWithApiKey: () => DomainError.coded('permission_denied', MSG.notWithApiKey),
  notFound: () => new DomainError('not_found', { detail: MSG.notFound }),
  methodNotAllowed: (method: string, allow: string) =>
    new DomainError('method_not_allowed', { detail: `Method "${method}" not allowed.` }, { Allow: allow }),
  unsupportedMediaType: (type: string) =>
    new DomainError('unsupported_media_type', { detail: `Unsupported media type "${type}" in request.` }),
  parseError: (message: string) =>
    new DomainError('invalid_input', { detail: `JSON parse error - ${message}` }),
  requestTooLarge: () => DomainError.coded('request_too_large', MSG.tooLarge),
  serviceUnavailable: () =>
    DomainError.coded('service_unavailable', MSG.serviceUnavailable, { 'Retry-After': '5' }),
};
