import { Injectable } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { AppConfig } from '../../config/app.config';
import { RevocationBus } from '../../revocation/revocation-bus';
import { isDjangoHash } from '../django-hashes';
import { UsernameTakenError, UsersRepository } from '../users.repository';
import { DjangoUserFile, ImportProblem, OtherEntry } from './django-user-file';

/** An imported user's `groups` and `user_permissions` as the file has them (undefined: absent). */
export interface ImportedLinks {
  line: number;
  userId: number;
  groups: unknown;
  userPermissions: unknown;
}

export interface ImportReport {
  inserted: number;
  updated: number;
  problems: ImportProblem[];
  /** Users whose hash neither Bastion nor a supported Django hasher can check (they must reset). */
  unverifiable: number;
  /** The links of the users written (not of those skipped), for the permissions' importer. */
  links: ImportedLinks[];
  /** The file's entries of other models (groups, permissions, content types, …), not looked at here. */
  others: OtherEntry[];
}

/**
 * `importusers`: Django's auth_user into ours, ids kept (user_id claims still match). Each record is
 * one upsert statement, so a record is written whole or not at all; bad records are reported and
 * skipped; re-running is safe. Afterwards the id sequence continues after the largest id, and every
 * instance is told of each updated user (the revocation bus). Groups and
 * permissions are not this module's tables: their entries and the users' links are handed back.
 */
@Injectable()
export class DjangoUserImporter {
  constructor(
    private readonly users: UsersRepository,
    private readonly app: AppConfig,
    private readonly bus: RevocationBus,
  ) {}

  async import(
    text: string,
    format: 'json' | 'csv',
    onProgress?: (done: number, total: number) => void,
  ): Promise<ImportReport> {
    const { records, problems, others } = DjangoUserFile.parse(text, format);
    if (this.app.usernameCaseSensitiveUnique) await this.users.allowCaseDistinctUsernames();
    const report: ImportReport = { inserted: 0, updated: 0, problems, unverifiable: 0, links: [], others };
    const updated: number[] = [];
    for (const [i, { line, user, links }] of records.entries()) {
      onProgress?.(i, records.length);
      try {
        if (await this.users.upsertImported(user)) report.inserted += 1;
        else updated.push(user.id);
        if (links) report.links.push({ line, userId: user.id, ...links });
        if (!isDjangoHash(user.passwordHash) && !user.passwordHash.startsWith('$argon2')) {
          report.unverifiable += 1;
        }
      } catch (e) {
        if (e instanceof UsernameTakenError) {
          problems.push({ line, message: await this.takenMessage(user.username) });
        } else if (e instanceof QueryFailedError) {
          problems.push({
            line,
            message: `refused by the database (${(e.driverError as Error | undefined)?.message ?? e.message})`,
          });
        } else throw e;
      }
    }
    onProgress?.(records.length, records.length);
    if (report.inserted > 0) await this.users.bumpIdSequence();
    report.updated = updated.length;
    // An updated user may have been deactivated or lost a role: every instance re-reads them at once.
    for (const userId of updated) await this.bus.publish({ kind: 'user', userId });
    problems.sort((a, b) => a.line - b.line);
    return report;
  }

  private async takenMessage(username: string): Promise<string> {
    const name = JSON.stringify(username);
    if (await this.users.findByUsername(username))
      return `username ${name} belongs to a user with another id`;
    return `username ${name} differs only by case from another user's (USERNAME_CASE_SENSITIVE_UNIQUE=true imports it)`;
  }
}
