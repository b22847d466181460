import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiKeyStrategy } from '../api-keys/api-key.strategy';
import { ReadOnlyPublic } from '../common/access.decorator';
import { RateLimitGuard } from '../traffic/rate-limit.guard';
import { JwtAuthGuard } from './jwt-auth.guard';
import { JwtStrategy } from './jwt.strategy';

class Routes {
  @ReadOnlyPublic()
  readable(): void {}

  plain(): void {}
}

/** A strategy that finds no credentials (what passport-jwt does without an Authorization header). */
const noCredentials = <S>(name: string): S =>
  ({
    name,
    authenticate(this: { fail(): void }) {
      this.fail();
    },
  }) as unknown as S;

function contextFor(
  handler: keyof Routes,
  method: string,
  headers: Record<string, string> = {},
): ExecutionContext {
  const req = { method, headers };
  const http = { getRequest: () => req, getResponse: () => ({}), getNext: () => undefined };
  return {
    getType: () => 'http',
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => http,
    getArgs: () => [req, {}],
    getArgByIndex: (i: number) => [req, {}][i],
  } as unknown as ExecutionContext;
}

describe('JwtAuthGuard and @ReadOnlyPublic()', () => {
  const guard = new JwtAuthGuard(
    new Reflector(),
    noCredentials<JwtStrategy>('jwt'),
    noCredentials<ApiKeyStrategy>('api-key'),
    {} as RateLimitGuard, // never reached: no request here authenticates
  );
  const decide = (handler: keyof Routes, method: string, headers?: Record<string, string>) =>
    Promise.resolve().then(() => guard.canActivate(contextFor(handler, method, headers)));

  it('lets safe methods through without credentials', async () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS'])
      await expect(decide('readable', method)).resolves.toBe(true);
  });

  it('still authenticates other methods, a given Authorization header, and routes without the rule', async () => {
    const unauthenticated = { code: 'not_authenticated' };
    await expect(decide('readable', 'POST')).rejects.toMatchObject(unauthenticated);
    await expect(decide('readable', 'GET', { authorization: 'Bearer x' })).rejects.toMatchObject(
      unauthenticated,
    );
    await expect(decide('plain', 'GET')).rejects.toMatchObject(unauthenticated);
  });
});
