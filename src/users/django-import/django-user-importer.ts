import { Injectable } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
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
  constructor(private readonly users: UsersRepository) {}

  async import(
    text: string,
    format: 'json' | 'csv',
    onProgress?: (done: number, total: number) => void,
  ): Promise<ImportReport> {
    const { records, problems } = DjangoUserFile.parse(text, format);
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
          problems.push({
            line,
            message: `username ${JSON.stringify(user.username)} belongs to a user with another id`,
          });
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
}
