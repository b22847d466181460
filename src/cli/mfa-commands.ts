import type { INestApplicationContext } from '@nestjs/common';
import { Command } from './command';
import { UsageError } from './cli-args';

const USERNAME: [string, string] = ['USERNAME', 'the login name, exactly as stored (case kept)'];

async function userNamed(app: INestApplicationContext, username: string) {
  const { UsersService } = await import('../users/users.service');
  const user = await app.get(UsersService).findByUsername(username);
  if (!user) throw new Error(`no user ${JSON.stringify(username)}`);
  return user;
}

async function mfaAdmin(app: INestApplicationContext) {
  const { MfaAdminService } = await import('../mfa/mfa-admin.service');
  return app.get(MfaAdminService);
}

export const MFA_COMMANDS: Record<string, Command> = {
  mfa: {
    summary: "list a user's second factors (never their secrets) and recovery codes left",
    positionals: [USERNAME],
    async run(app, args, io) {
      const user = await userNamed(app, args.positional[0]);
      const { devices, recoveryCodesLeft } = await (await mfaAdmin(app)).factorsOf(user.id);
      if (devices.length === 0) io.out(`${user.username}: no second factor.`);
      for (const d of devices) {
        const used = d.lastUsed ? `last used ${d.lastUsed.toISOString()}` : 'never used';
        const state = d.confirmed ? used : 'enrolment not confirmed';
        io.out(`${d.id}\t${d.kind}\t${d.name}\tadded ${d.created.toISOString()}\t${state}`);
      }
      io.out(`recovery codes left: ${recoveryCodesLeft}`);
    },
  },
  resetmfa: {
    summary: 'remove every second factor and recovery code of a user (a lost phone); audited as mfa_reset',
    positionals: [USERNAME],
    notes: ['The user logs in with the password alone until they enrol again.'],
    async run(app, args, io) {
      const user = await userNamed(app, args.positional[0]);
      const removed = await (await mfaAdmin(app)).reset(user, 'cli resetmfa');
      io.out(`Removed ${removed} second factor(s) of ${JSON.stringify(user.username)}.`);
    },
  },
  totp: {
    summary: 'print the current TOTP code of a secret (base32, as enrolment shows it)',
    positionals: [['SECRET', 'the base32 secret, e.g. from POST /api/users/me/mfa/totp/']],
    options: {
      digits: { type: 'string', value: 'N', help: 'code length (default 6)' },
      period: { type: 'string', value: 'S', help: 'seconds per code (default 30)' },
    },
    notes: ['For walkthroughs and tests: an authenticator app computes the same code.'],
    async offline(args, io) {
      const { Secret } = await import('otpauth');
      const { totpCode } = await import('../mfa/totp-codes');
      const digits = Number(args.value('digits') ?? '6');
      const step = Number(args.value('period') ?? '30');
      if (![6, 7, 8].includes(digits)) throw new UsageError('--digits: 6, 7 or 8');
      if (!Number.isInteger(step) || step < 1 || step > 3600)
        throw new UsageError('--period: 1 to 3600 seconds');
      const base32 = args.positional[0].replace(/\s+/g, '').toUpperCase();
      if (!/^[A-Z2-7]+=*$/.test(base32)) throw new UsageError('SECRET: base32 letters A-Z and digits 2-7');
      const keyHex = Secret.fromBase32(base32).hex;
      io.out(totpCode({ keyHex, digits, step, t0: 0, drift: 0 }, Date.now()));
    },
  },
};
