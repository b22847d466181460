import { DomainError } from '../common/domain-error';
import { MSG } from '../common/errors';

/** Why a refresh token was refused as blacklisted: `reuse_detected` when the refusal revoked its family. */
export type BlacklistedOutcome = 'blacklisted' | 'reuse_detected';

/** 401 "Token is blacklisted", carrying what the refusal decided (for bastion_token_refresh_total). */
export class RefusedRefresh extends DomainError {
  constructor(readonly outcome: BlacklistedOutcome = 'blacklisted') {
    super('token_not_valid', { detail: MSG.blacklisted, code: 'token_not_valid' });
  }
}
