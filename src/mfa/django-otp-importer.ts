import { Injectable } from '@nestjs/common';
import { UsersService } from '../users/users.service';
import { ImportedTotpDevice, MfaAdminService } from './mfa-admin.service';

/** An entry of a dumpdata file (as DjangoUserFile hands other models on). */
export interface OtpDumpEntry {
  line: number;
  model: string;
  pk: unknown;
  fields: unknown;
}

export interface OtpImportReport {
  devices: number;
  staticTokens: number;
  users: number;
  problems: { line: number; message: string }[];
}

/** The django-otp models this importer reads; every other entry is someone else's. */
export const OTP_MODELS = ['otp_totp.totpdevice', 'otp_static.staticdevice', 'otp_static.statictoken'];
export const isOtpEntry = (e: { model: string }): boolean => OTP_MODELS.includes(e.model.toLowerCase());

class BadEntry extends Error {}

interface UserFactors {
  devices: ImportedTotpDevice[];
  tokens: string[];
}

/**
 * `importusers`, django-otp's part: TOTP devices (`otp_totp.totpdevice`: key hex, step, t0, digits,
 * drift, last_t, so users keep their authenticator apps and used codes stay used) and static tokens
 * (`otp_static.statictoken`, through their `otp_static.staticdevice`) as recovery codes. A user is
 * named by id or, in a --natural-foreign dump, `["username"]`. Each imported user's factors replace
 * what they had, so re-running changes nothing. A bad entry is a problem (its line) and is skipped.
 */
@Injectable()
export class DjangoOtpImporter {
  constructor(
    private readonly users: UsersService,
    private readonly mfa: MfaAdminService,
  ) {}

  async import(entries: OtpDumpEntry[]): Promise<OtpImportReport> {
    const report: OtpImportReport = { devices: 0, staticTokens: 0, users: 0, problems: [] };
    const byUser = new Map<number, UserFactors>();
    const staticOwners = new Map<string, number>();
    const of = (model: string) => entries.filter((e) => e.model.toLowerCase() === model);
    const attempt = async (e: OtpDumpEntry, work: () => Promise<void>) => {
      try {
        await work();
      } catch (err) {
        if (!(err instanceof BadEntry)) throw err;
        report.problems.push({ line: e.line, message: `${e.model} ${JSON.stringify(e.pk)}: ${err.message}` });
      }
    };
    const factorsOf = (userId: number): UserFactors => {
      const found = byUser.get(userId) ?? { devices: [], tokens: [] };
      byUser.set(userId, found);
      return found;
    };
    for (const e of of('otp_totp.totpdevice')) {
      await attempt(e, async () => {
        const f = fieldsOf(e);
        const device = totpDevice(f); // read whole before the user is counted in
        factorsOf(await this.userOf(f.user)).devices.push(device);
      });
    }
    for (const e of of('otp_static.staticdevice')) {
      await attempt(e, async () => {
        const f = fieldsOf(e);
        if (f.confirmed === false) return;
        const userId = await this.userOf(f.user);
        factorsOf(userId);
        staticOwners.set(JSON.stringify(e.pk), userId);
      });
    }
    for (const e of of('otp_static.statictoken')) {
      await attempt(e, () => {
        const f = fieldsOf(e);
        const owner = staticOwners.get(JSON.stringify(f.device));
        if (owner === undefined)
          throw new BadEntry('its device is not in the file (otp_static.staticdevice)');
        if (typeof f.token !== 'string' || !/^[A-Za-z0-9-]{1,32}$/.test(f.token))
          throw new BadEntry('bad token');
        factorsOf(owner).tokens.push(f.token);
        return Promise.resolve();
      });
    }
    for (const [userId, { devices, tokens }] of byUser) {
      await this.mfa.importDjango(userId, devices, tokens);
      report.users += 1;
      report.devices += devices.length;
      report.staticTokens += tokens.length;
    }
    report.problems.sort((a, b) => a.line - b.line);
    return report;
  }

  private async userOf(ref: unknown): Promise<number> {
    if (Array.isArray(ref) && ref.length === 1 && typeof ref[0] === 'string') {
      const user = await this.users.findByUsername(ref[0]);
      if (!user) throw new BadEntry(`no user ${JSON.stringify(ref[0])}`);
      return user.id;
    }
    if (typeof ref !== 'number' || !Number.isInteger(ref) || ref < 1) throw new BadEntry('bad user');
    if (!(await this.users.findById(ref))) throw new BadEntry(`no user with id ${ref}`);
    return ref;
  }
}

function fieldsOf(e: OtpDumpEntry): Record<string, unknown> {
  if (typeof e.fields !== 'object' || e.fields === null || Array.isArray(e.fields))
    throw new BadEntry('no fields');
  return e.fields as Record<string, unknown>;
}

function int(f: Record<string, unknown>, name: string, fallback: number, min: number, max: number): number {
  const v = f[name] ?? fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new BadEntry(`bad ${name}`);
  return v;
}

function totpDevice(f: Record<string, unknown>): ImportedTotpDevice {
  const key = f.key;
  if (typeof key !== 'string' || !/^([0-9a-fA-F]{2}){10,64}$/.test(key)) throw new BadEntry('bad key (hex)');
  const digits = int(f, 'digits', 6, 6, 8);
  return {
    name: typeof f.name === 'string' ? f.name : 'django-otp',
    keyHex: key.toLowerCase(),
    step: int(f, 'step', 30, 1, 3600),
    t0: int(f, 't0', 0, 0, 2 ** 40),
    digits,
    drift: int(f, 'drift', 0, -1000, 1000),
    lastT: int(f, 'last_t', -1, -1, 2 ** 40),
    confirmed: f.confirmed !== false,
  };
}
