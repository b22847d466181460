import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { Device, DeviceChannel } from '../traffic/device-channel';
import { ThrottledAs } from '../traffic/throttle.decorators';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiRequestBody } from '../common/api-responses';
import { ApiThrottled } from '../traffic/api-throttled.decorator';
import { CurrentPrincipal } from '../common/current-principal.decorator';
import { TokenOnly } from '../common/access.decorator';
import { TokenPrincipal } from '../common/principal';
import { Client, ClientContext } from '../common/client-context.decorator';
import { RevokedCountResponse } from '../sessions/dto/session.response';
import { sidOf } from '../sessions/session.service';
import { ChangePasswordDto } from './dto/change-password.dto';
import { UserEntity } from './entities/user.entity';
import { UserLifecycleService, WRONG_OLD_PASSWORD } from './user-lifecycle.service';

@ApiTags('users')
@TokenOnly()
@ApiThrottled()
@Controller('api/users/me/password')
export class PasswordController {
  constructor(private readonly lifecycle: UserLifecycleService) {}

  @Post()
  @HttpCode(200)
  // It checks a password, so it shares the login bucket: a stolen access token buys no extra guesses.
  @ThrottledAs('login')
  @ApiOperation({
    summary: 'Change my password: every other session ends, this one stays',
    description:
      'Checks the old password (throttled with the login, THROTTLE_LOGIN), applies the password policy ' +
      'to the new one, then ends every other session of the user and revokes all their API keys.',
  })
  @ApiRequestBody(ChangePasswordDto, {
    description: 'Missing or bad fields, a wrong old password, or a new one that fails the policy',
    example: { old_password: [WRONG_OLD_PASSWORD] },
  })
  @ApiOkResponse({ type: RevokedCountResponse, description: 'How many other sessions were ended' })
  async change(
    @CurrentPrincipal() p: TokenPrincipal<UserEntity>,
    @Body() { old_password, new_password }: ChangePasswordDto,
    @Client() client: ClientContext,
    @Device() device: DeviceChannel,
  ) {
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
