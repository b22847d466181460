import { ApiResponse } from '@nestjs/swagger';
import { ThrottledResponse } from '../common/dto/error.response';
import { ThrottleScope } from '../config/throttle.config';
import { THROTTLE_DEFAULTS, throttleSetting } from '../config/traffic.settings';

const RATE_LIMIT_HEADERS = {
  'Retry-After': { description: 'Seconds until a request is let through again', schema: { type: 'integer' } },
  RateLimit: {
    description: 'The closest limit: `"<policy>";r=<remaining>;t=<seconds to reset>` (THROTTLE_HEADERS)',
    schema: { type: 'string', example: '"default-1s";r=0;t=1' },
  },
  'RateLimit-Policy': {
    description: 'Every limit the request counted against: `"<name>";q=<requests>;w=<window s>`',
    schema: { type: 'string', example: '"default-1s";q=20;w=1, "default-60s";q=300;w=60' },
  },
  'X-RateLimit-Limit': { description: 'Requests of the closest limit', schema: { type: 'integer' } },
  'X-RateLimit-Remaining': { description: 'Requests left in its window', schema: { type: 'integer' } },
  'X-RateLimit-Reset': { description: 'Seconds until its window resets', schema: { type: 'integer' } },
};

/**
 * The route counts against the per-IP limits (THROTTLE_DEFAULT, and `scope`'s when given): 429 with
 * Retry-After and the RateLimit headers. The example names the limit that refuses first at the defaults
 * outside production (where Swagger UI is on by default): the route's own scope, else the default's.
 */
export const ApiThrottled = (scope: ThrottleScope = 'default'): MethodDecorator & ClassDecorator => {
  const { development, production } = THROTTLE_DEFAULTS[scope];
  const settings =
    scope === 'default' ? 'THROTTLE_DEFAULT' : `${throttleSetting(scope)} and THROTTLE_DEFAULT`;
  return ApiResponse({
    status: 429,
    description:
      `Throttled by ${settings}; ${throttleSetting(scope)} is \`${development}\` by default outside ` +
      `production, \`${production}\` in production. The body names the limit that refused`,
    type: ThrottledResponse,
    headers: RATE_LIMIT_HEADERS,
    example: {
      detail: 'Request was throttled. Expected available in 42 seconds.',
      code: 'throttled',
      limit: { scope, rate: development.split(',')[0], setting: throttleSetting(scope) },
    },
  });
};
