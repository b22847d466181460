import { TOTP } from 'otpauth';
import { Clock } from '../../src/common/clock';
import { TestApp } from './create-test-app';
import { TestUser } from './factories';
import { bearer } from './sessions-helpers';

/**
 * The server's clock, held still by the test and moved a TOTP step at a time (a code is good for one
 * use, so each login needs the next step's code); restored by `release`.
 */
export class TestClock {
  private at: number;
  private readonly spy: jest.SpyInstance;

  constructor(t: TestApp) {
    const clock = t.app.get(Clock);
    this.at = Date.now();
    this.spy = jest.spyOn(clock, 'now').mockImplementation(() => this.at);
  }

  now(): number {
    return this.at;
  }

  advance(seconds: number): void {
    this.at += seconds * 1000;
  }

  release(): void {
    this.spy.mockRestore();
  }
}

/** The code of `secret` (base32) for the server's time, after moving it on one step (a fresh code). */
export function nextCode(clock: TestClock, secret: string): string {
  clock.advance(30);
  return codeAt(secret, clock.now());
}

export const codeAt = (secret: string, ms: number): string =>
  new TOTP({ secret }).generate({ timestamp: ms });

export interface Enrolled {
  secret: string;
  recoveryCodes: string[];
}

/** Enrols a TOTP factor for `u` through the API (password, then a code); its secret and recovery codes. */
export async function enrolTotp(t: TestApp, u: TestUser, clock: TestClock): Promise<Enrolled> {
  const login = await t.http
    .post('/api/token/')
    .send({ username: u.username, password: u.password })
    .expect(200);
  const access = (login.body as { access: string }).access;
  const started = await t.http
    .post('/api/users/me/mfa/totp/')
    .set(...bearer(access))
    .send({ password: u.password })
    .expect(200);
  const secret = (started.body as { secret: string }).secret;
  const confirmed = await t.http
    .post('/api/users/me/mfa/totp/confirm/')
    .set(...bearer(access))
    .send({ otp: nextCode(clock, secret) })
    .expect(200);
  return { secret, recoveryCodes: (confirmed.body as { recovery_codes: string[] }).recovery_codes };
}

/** The first step for a user with a factor: the 401 body (mfa_token, methods). */
export async function firstStep(
  t: TestApp,
  u: TestUser,
  path = '/api/token/',
): Promise<{ mfa_token: string; methods: string[]; code: string }> {
  const res = await t.http.post(path).send({ username: u.username, password: u.password }).expect(401);
  return res.body as { mfa_token: string; methods: string[]; code: string };
}

/**
 * beforeAll's limit for booting the app: the first file a jest worker runs also compiles the whole app
 * (ts-jest) and builds the embedded database's template, which on a loaded machine passes jest's 60 s.
 */
export const BOOT_TIMEOUT = 180_000;
