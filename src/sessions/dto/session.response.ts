import { ApiProperty } from '@nestjs/swagger';
import { SessionRow } from '../session.repository';

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

  static of(row: SessionRow, currentSid: string | undefined): SessionResponse {
    return {
      id: row.id,
      created_at: new Date(row.created_at).toISOString(),
      last_used_at: new Date(row.last_used_at).toISOString(),
      expires_at: new Date(
        Math.min(new Date(row.expires_at).getTime(), new Date(row.refresh_expires_at).getTime()),
      ).toISOString(),
      ip: row.ip,
      user_agent: row.user_agent,
      current: row.id === currentSid,
    };
  }
}

export class RevokedCountResponse {
  @ApiProperty({ example: 3, description: 'How many sessions were ended' })
  revoked: number;
}
