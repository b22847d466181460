import { Injectable } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { AppConfig } from '../../config/app.config';
import { DjangoPasswordHasher } from '../django-password-hasher';
import { UsernameTakenError, UsersRepository } from '../users.repository';
import { DjangoUserFile, ImportProblem } from './django-user-file';

export interface ImportReport {
  inserted: number;
  updated: number;
  problems: ImportProblem[];
  /** Users whose hash neither Bastion nor a supported Django hasher can check (they must reset). */
  unverifiable: number;
}

/**
 * `importusers`: Django's auth_user into ours, ids kept (user_id claims still match). Each record is
 * one upsert statement, so a record is written whole or not at all; bad records are reported and
 * skipped; re-running is safe. Afterwards the id sequence continues after the largest id.
 */
@Injectable()
export class DjangoUserImporter {
  constructor(
    private readonly users: UsersRepository,
    private readonly app: AppConfig,
  ) {}

  async import(
    text: string,
    format: 'json' | 'csv',
    onProgress?: (done: number, total: number) => void,
  ): Promise<ImportReport> {
    const { records, problems } = DjangoUserFile.parse(text, format);
    if (this.app.usernameCaseSensitiveUnique) await this.users.allowCaseDistinctUsernames();
    const report: ImportReport = { inserted: 0, updated: 0, problems, unverifiable: 0 };
    for (const [i, { line, user }] of records.entries()) {
      onProgress?.(i, records.length);
      try {
        if (await this.users.upsertImported(user)) report.inserted += 1;
        else report.updated += 1;
        if (!DjangoPasswordHasher.handles(user.passwordHash) && !user.passwordHash.startsWith('$argon2')) {
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
