import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { ClientContext } from '../common/client-context.decorator';
import { Errors } from '../common/errors';
import { PrincipalUser } from '../common/principal';
import { RevocationService } from './revocation.service';
import { Session } from './session';
import { SessionRepository } from './session.repository';
import { SessionUses } from './session-uses';

const SID = /^[0-9a-f]{32}$/;

/** "My sessions": list them, end one, end all (log out everywhere). */
@Injectable()
export class MySessionsService {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly revocation: RevocationService,
    private readonly uses: SessionUses,
    private readonly clock: Clock,
  ) {}

  /** Most recently used first (the uses still queued are written first). */
  async list(user: PrincipalUser): Promise<Session[]> {
    await this.uses.flush();
    return this.sessions.listLive(user.id, new Date(this.clock.now()));
  }

  /** 404 for a malformed id, someone else's session, or one already ended. */
  async revoke(user: PrincipalUser, id: string, client: ClientContext): Promise<void> {
    if (!SID.test(id)) throw Errors.notFound();
    const session = await this.sessions.findSession(id);
    if (!session || session.userId !== user.id || session.revokedAt !== null) throw Errors.notFound();
    if (!(await this.revocation.revokeSession(id, user.id, 'user', { client, sessionId: id })))
      throw Errors.notFound();
  }

  /** Log out everywhere; `keepCurrent` keeps the asking token's session (or, session-less, the token). */
  revokeAll(
    user: PrincipalUser,
    keepCurrent: boolean,
    currentSid: string | undefined,
    client: ClientContext,
  ): Promise<number> {
    const keepSid = keepCurrent ? (currentSid ?? null) : null;
    const sessionless = !keepCurrent || currentSid !== undefined;
    return this.revocation.revokeUser(
      user.id,
      { exceptSid: keepSid, reason: keepCurrent ? 'logout_others' : 'logout_all', sessionless },
      { client, sessionId: currentSid ?? null },
    );
  }
}
