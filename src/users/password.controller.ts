import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { Device, DeviceChannel } from '../traffic/device-channel';
import { ThrottledAs } from '../traffic/throttle.decorators';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal } from '../common/current-principal.decorator';
import { Principal } from '../common/principal';
import { Client, ClientContext } from '../common/client-context.decorator';
import { ErrorResponse, FieldErrorsResponse } from '../common/dto/error.response';
import { readStringFields } from '../common/string-fields';
import { RevokedCountResponse } from '../sessions/dto/session.response';
import { sidOf } from '../sessions/session.service';
import { ChangePasswordDto } from './dto/change-password.dto';
import { UserEntity } from './entities/user.entity';
import { UserLifecycleService } from './user-lifecycle.service';

const FIELDS = { old_password: { trim: false }, new_password: { trim: false } } as const;

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users/me/password')
export class PasswordController {
  constructor(private readonly lifecycle: UserLifecycleService) {}

  @Post()
  @HttpCode(200)
  // It checks a password, so it shares the login bucket: a stolen access token buys no extra guesses.
  @ThrottledAs('login')
  @ApiOperation({ summary: 'Change my password: every other session ends, this one stays' })
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded', 'multipart/form-data')
  @ApiBody({ type: ChangePasswordDto })
  @ApiOkResponse({ type: RevokedCountResponse, description: 'How many other sessions were ended' })
  @ApiBadRequestResponse({
    description: 'Wrong old password, or the new one fails the policy',
    type: FieldErrorsResponse,
  })
  @ApiUnauthorizedResponse({ type: ErrorResponse })
  async change(
    @CurrentPrincipal() p: Principal<UserEntity>,
    @Body() body: unknown,
    @Client() client: ClientContext,
    @Device() device: DeviceChannel,
  ) {
    const { old_password, new_password } = readStringFields(body, FIELDS);
    const sid = sidOf(p.token.claims) ?? null;
    return {
      revoked: await this.lifecycle.changeOwnPassword(
        p.user,
        old_password,
        new_password,
        sid,
        device,
        client,
      ),
    };
  }
}
