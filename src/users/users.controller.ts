import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuthenticated, ApiError, ApiRequestBody } from '../common/api-responses';
import { ApiThrottled } from '../traffic/api-throttled.decorator';
import { CurrentPrincipal } from '../common/current-principal.decorator';
import { Principal } from '../common/principal';
import { UserEntity } from './entities/user.entity';
import { Public } from '../common/public.decorator';
import { ThrottledAs } from '../traffic/throttle.decorators';
import { RegisterUserDto } from './dto/register-user.dto';
import { MeResponse, UserResponse } from './dto/user.response';
import { RegistrationOpenGuard } from './registration-open.guard';
import { USERNAME_TAKEN, UsersService } from './users.service';

@ApiTags('users')
@ApiThrottled()
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Public()
  @Post()
  @HttpCode(201)
  @ThrottledAs('register')
  @UseGuards(RegistrationOpenGuard)
  @ApiOperation({
    summary: 'Register a user (REGISTRATION_ENABLED)',
    description:
      "Creates an active, non-staff user with Django's username rules and default password validators. " +
      'Public; throttled per IP (THROTTLE_REGISTER). Then log in as bob with POST /api/token/ (its example), ' +
      'click Authorize, paste the access token and call GET /api/secure/.',
  })
  @ApiRequestBody(RegisterUserDto, {
    description: 'Field errors: missing or bad fields, a taken username, the password policy',
    example: { username: [USERNAME_TAKEN] },
  })
  @ApiCreatedResponse({ type: UserResponse, description: 'Created' })
  @ApiError(403, 'Registration is disabled (REGISTRATION_ENABLED=false)', {
    detail: 'Registration is disabled.',
    code: 'permission_denied',
  })
  async register(@Body() body: RegisterUserDto): Promise<UserResponse> {
    return UserResponse.of(await this.users.register(body));
  }

  @Get('me')
  @ApiAuthenticated()
  @ApiOperation({
    summary: 'The user the bearer token belongs to',
    description: 'Read from the database on every call (a deactivated or deleted user gets a 401).',
  })
  @ApiOkResponse({ type: MeResponse })
  me(@CurrentPrincipal() principal: Principal<UserEntity>): MeResponse {
    return MeResponse.ofMe(principal.user);
  }
}
