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

export interface Rotation {
  sessionId: string;
  oldJti: string;
  successorJti: string;
  successorExp: Date;
  at: Date;
}
