import { Controller, Get } from '@nestjs/common';
import { SkipThrottle, Throttle } from '@nestjs/throttler';
import { Public } from '../src/common/public.decorator';
import { ThrottledAs } from '../src/traffic/throttle.decorators';
import { createTestApp, TestApp } from './utils/create-test-app';
import { freshIp, storages, THROTTLED, TRUST_LOCAL } from './utils/traffic-helpers';

/** A team's own controllers, beside Bastion's, using @nestjs/throttler's decorators as its documentation shows. */
@Public()
@SkipThrottle()
@Controller('team/unthrottled')
class UnthrottledController {
  @Get()
  get(): { ok: boolean } {
    return { ok: true };
  }
}

@Public()
@Controller('team/throttled')
class ThrottledController {
  @Get()
  @Throttle({ default: { limit: 2, ttl: 60000 } })
  get(): { ok: boolean } {
    return { ok: true };
  }

  @Get('login-like')
  @ThrottledAs('login')
  @SkipThrottle({ login: true })
  loginLike(): { ok: boolean } {
    return { ok: true };
  }
}

describe.each(storages())(
  '@nestjs/throttler decorators on a team controller (%s storage)',
  (_name, storageEnv) => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(
        {
          THROTTLE_ENABLED: 'true',
          THROTTLE_DEFAULT: '4/1m',
          THROTTLE_LOGIN: '1/1m',
          ...TRUST_LOCAL,
          ...storageEnv,
        },
        { controllers: [UnthrottledController, ThrottledController] },
      );
    });
    afterAll(() => t.close());

    it('@SkipThrottle() on a controller: never throttled, no RateLimit headers', async () => {
      const ip = freshIp();
      for (let i = 0; i < 8; i++) {
        const res = await t.http.get('/team/unthrottled').set('X-Forwarded-For', ip);
        expect(res.status).toBe(200);
        expect(res.headers['x-ratelimit-limit']).toBeUndefined();
      }
      // The same client is still throttled elsewhere: the skip is the controller's alone.
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++)
        statuses.push((await t.http.get('/api/secure/').set('X-Forwarded-For', ip)).status);
      expect(statuses).toEqual([401, 401, 401, 401, 429]);
    });

    it('@Throttle({ default: { limit: 2, ttl: 60000 } }): 429 on the third call, naming the decorator', async () => {
      const ip = freshIp();
      const first = await t.http.get('/team/throttled').set('X-Forwarded-For', ip);
      expect(first.status).toBe(200);
      expect(first.headers['x-ratelimit-limit']).toBe('2');
      expect((await t.http.get('/team/throttled').set('X-Forwarded-For', ip)).status).toBe(200);
      const third = await t.http.get('/team/throttled').set('X-Forwarded-For', ip);
      expect(third.status).toBe(429);
      expect(third.body).toEqual({
        detail: expect.stringMatching(THROTTLED) as string,
        code: 'throttled',
        limit: { scope: 'default', rate: '2/1m', setting: '@Throttle() on this route' },
      });
      expect(Number(third.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    });

    it('@SkipThrottle({ login: true }) drops the login scope a route has, keeping the default', async () => {
      const ip = freshIp();
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        statuses.push((await t.http.get('/team/throttled/login-like').set('X-Forwarded-For', ip)).status);
      }
      // THROTTLE_LOGIN=1/1m would refuse the second call; THROTTLE_DEFAULT=4/1m refuses the fifth.
      expect(statuses).toEqual([200, 200, 200, 200, 429]);
    });
  },
);
