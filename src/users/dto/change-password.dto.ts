import { ApiProperty } from '@nestjs/swagger';

export class ChangePasswordDto {
  @ApiProperty()
  old_password: string;

  @ApiProperty({ description: "Django's default password validators apply" })
  new_password: string;
}
