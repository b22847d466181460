/**
 * Every error the API answers on purpose. The code decides the status (ERROR_STATUS, the one place
 * where that mapping lives); the body is the contract's shape for that error.
 */
export type ErrorCode =
  | 'invalid_input' // 400 field errors / non_field_errors / parse errors
  | 'token_not_valid' // 401
  | 'not_authenticated' // 401, no credentials
  | 'bad_authorization_header' // 401
  | 'authentication_failed' // 401, login refused
  | 'user_not_found' // 401
  | 'user_inactive' // 401
  | 'permission_denied' // 403
  | 'ip_forbidden' // 403
  | 'not_found' // 404
  | 'method_not_allowed' // 405
  | 'request_too_large' // 413
  | 'uri_too_long' // 414
  | 'unsupported_media_type' // 415
  | 'throttled' // 429
  | 'service_unavailable'; // 503

export const ERROR_STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  token_not_valid: 401,
  not_authenticated: 401,
  bad_authorization_header: 401,
  authentication_failed: 401,
  user_not_found: 401,
  user_inactive: 401,
  permission_denied: 403,
  ip_forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  request_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  throttled: 429,
  service_unavailable: 503,
};

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** The exact JSON body to send. */
    readonly body: Record<string, unknown>,
    /** Extra response headers (Allow, Retry-After, ...). */
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body.detail === 'string' ? body.detail : code);
    this.name = 'DomainError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  /** `{"detail": detail, "code": code}`, the common DRF/simplejwt error body. */
  static coded(code: ErrorCode, detail: string, headers?: Record<string, string>): DomainError {
    return new DomainError(code, { detail, code }, headers);
  }

  /** `{"field": ["message"], ...}`: DRF's field errors. */
  static fields(errors: Record<string, string[]>): DomainError {
    return new DomainError('invalid_input', errors);
  }

  static nonField(message: string): DomainError {
    return new DomainError('invalid_input', { non_field_errors: [message] });
  }
}
