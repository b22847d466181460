import { ApiProperty } from '@nestjs/swagger';
import { ApiKey } from '../api-key';

/** A key as GET /api/keys/ lists it: never the key itself. */
export class ApiKeyResponse {
  @ApiProperty({ example: 7 })
  id: number;

  @ApiProperty({ example: 'nightly-export' })
  name: string;

  @ApiProperty({ example: 'Xk3v9QmT0bZa', description: "The key's public part: the text before the dot" })
  prefix: string;

  @ApiProperty({ type: String, format: 'date-time' })
  created: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Within a few seconds' })
  last_used: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expires_at: string | null;

  @ApiProperty({
    type: [String],
    nullable: true,
    example: ['auth.view_user'],
    description: "null: the owner's permissions, as they change",
  })
  permissions: string[] | null;

  static of(k: ApiKey): ApiKeyResponse {
    return {
      id: Number(k.id),
      name: k.name,
      prefix: k.prefix,
      created: k.created.toISOString(),
      last_used: k.lastUsed ? k.lastUsed.toISOString() : null,
      expires_at: k.expires ? k.expires.toISOString() : null,
      permissions: k.permissions,
    };
  }
}

/** POST /api/keys/: the key, shown this once. */
export class CreatedApiKeyResponse extends ApiKeyResponse {
  @ApiProperty({
    example: 'Xk3v9QmT0bZa.5mB0yJc1x2Vq8HkLw7tR3nZp4sDf6gUe9aYi0oPl2Kj',
    description: 'Send it as `Authorization: Api-Key <key>`. Shown only now: only its hash is stored.',
  })
  key: string;
}
