import { ApiProperty } from '@nestjs/swagger';
import { UserEntity } from '../entities/user.entity';

export class UserResponse {
  @ApiProperty({ example: 1 })
  id: number;

  @ApiProperty({ example: 'bob' })
  username: string;

  @ApiProperty({ example: 'bob@example.com' })
  email: string;

  static of(user: UserEntity): UserResponse {
    return { id: user.id, username: user.username, email: user.email };
  }
}

export class MeResponse extends UserResponse {
  @ApiProperty()
  is_staff: boolean;

  @ApiProperty({ type: String, format: 'date-time' })
  date_joined: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  last_login: string | null;

  static ofMe(user: UserEntity): MeResponse {
    return {
      ...UserResponse.of(user),
      is_staff: user.isStaff,
      date_joined: user.dateJoined.toISOString(),
      last_login: user.lastLogin?.toISOString() ?? null,
    };
  }
}
