import { SetMetadata } from '@nestjs/common';
import { ThrottleScope } from '../config/throttle.config';

export const THROTTLE_SCOPES_KEY = 'bastion:throttleScopes';
export const SKIP_THROTTLING_KEY = 'bastion:skipThrottling';

/** The route's own limits (THROTTLE_LOGIN, ...), counted beside the global default. */
export const ThrottledAs = (
  ...scopes: Exclude<ThrottleScope, 'default'>[]
): MethodDecorator & ClassDecorator => SetMetadata(THROTTLE_SCOPES_KEY, scopes);

/** No throttling at all (health probes). */
export const SkipThrottling = (): MethodDecorator & ClassDecorator => SetMetadata(SKIP_THROTTLING_KEY, true);
