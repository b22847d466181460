/** Sessions as the sessions module's services see them (camelCase; the tables stay in the repository). */

/** A session: one refresh-token family. */
export interface Session {
  id: string;
  userId: number;
  createdAt: Date;
  lastUsedAt: Date;
  /** The absolute cap (JWT_SESSION_MAX_LIFETIME). */
  expiresAt: Date;
  /** When its newest refresh (or sliding) token stops being usable. */
  refreshExpiresAt: Date;
  revokedAt: Date | null;
  ip: string | null;
  userAgent: string | null;
}

export type NewSession = Omit<Session, 'lastUsedAt' | 'revokedAt'>;

/** A refresh token of a family, with its session's state. */
export interface FamilyToken {
  sessionId: string;
  userId: number;
  rotatedAt: Date | null;
  expiresAt: Date;
  revokedAt: Date | null;
}

/** A token just signed for a session (refresh or sliding), as the session's tables record it. */
export interface IssuedToken {
  token: string;
  jti: string;
  /** Epoch seconds until which it can be used (refresh_exp for a sliding token). */
  usableUntil: number;
}
