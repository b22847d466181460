import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiThrottled } from './api-throttled.decorator';
import { ThrottleScope } from '../config/throttle.config';

export const THROTTLE_SCOPES_KEY = 'bastion:throttleScopes';
export const SKIP_THROTTLING_KEY = 'bastion:skipThrottling';

/**
 * The route's own limits (THROTTLE_LOGIN, ...), counted beside the global default; its documented 429 names
 * the last scope (the narrowest: login_user of login + login_user).
 */
export const ThrottledAs = (
  ...scopes: Exclude<ThrottleScope, 'default'>[]
): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(THROTTLE_SCOPES_KEY, scopes), ApiThrottled(scopes[scopes.length - 1]));

/** No throttling at all (health probes). */
export const SkipThrottling = (): MethodDecorator & ClassDecorator => SetMetadata(SKIP_THROTTLING_KEY, true);
