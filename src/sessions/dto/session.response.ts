import { ApiProperty } from '@nestjs/swagger';
import { Session } from '../session';

/** One of my live sessions; `id` is the `sid` claim of its tokens. */
export class SessionResponse {
  @ApiProperty({ example: '4f9c2b0e8a7d4c1e9b3a5d6f7e8c9a0b' })
  id: string;

  @ApiProperty({ type: String, format: 'date-time' })
  created_at: string;

  @ApiProperty({ type: String, format: 'date-time' })
  last_used_at: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    description:
      'When the session ends unless refreshed: its newest refresh token expires, or JWT_SESSION_MAX_LIFETIME',
  })
  expires_at: string;

  @ApiProperty({ type: String, nullable: true, example: '203.0.113.7' })
  ip: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Mozilla/5.0' })
  user_agent: string | null;

  @ApiProperty({ description: 'The session of the token making this request' })
  current: boolean;

  static of(s: Session, currentSid: string | undefined): SessionResponse {
    return {
      id: s.id,
      created_at: s.createdAt.toISOString(),
      last_used_at: s.lastUsedAt.toISOString(),
      expires_at: new Date(Math.min(s.expiresAt.getTime(), s.refreshExpiresAt.getTime())).toISOString(),
      ip: s.ip,
      user_agent: s.userAgent,
      current: s.id === currentSid,
    };
  }
}

export class RevokedCountResponse {
  @ApiProperty({ example: 3, description: 'How many sessions were ended' })
  revoked: number;
}
