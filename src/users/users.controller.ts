import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal } from '../common/current-principal.decorator';
import { Principal } from '../common/principal';
import { UserEntity } from './entities/user.entity';
import { AppConfig } from '../config/app.config';
import { DomainError } from '../common/domain-error';
import { ErrorResponse, FieldErrorsResponse } from '../common/dto/error.response';
import { Public } from '../common/public.decorator';
import { ThrottledAs } from '../traffic/throttle.decorators';
import { RegisterUserDto } from './dto/register-user.dto';
import { MeResponse, UserResponse } from './dto/user.response';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('api/users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly app: AppConfig,
  ) {}

  @Public()
  @Post()
  @HttpCode(201)
  @ThrottledAs('register')
  @ApiOperation({ summary: 'Register a user (REGISTRATION_ENABLED)' })
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded', 'multipart/form-data')
  @ApiBody({ type: RegisterUserDto })
  @ApiCreatedResponse({ type: UserResponse })
  @ApiBadRequestResponse({
    description: 'Field errors (taken username, password policy)',
    type: FieldErrorsResponse,
  })
  @ApiForbiddenResponse({ description: 'Registration is disabled', type: ErrorResponse })
  async register(@Body() body: RegisterUserDto): Promise<UserResponse> {
    if (!this.app.registrationEnabled) {
      throw DomainError.coded('permission_denied', 'Registration is disabled.');
    }
    return UserResponse.of(await this.users.register(body));
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The user the bearer token belongs to' })
  @ApiOkResponse({ type: MeResponse })
  @ApiUnauthorizedResponse({ type: ErrorResponse })
  me(@CurrentPrincipal() principal: Principal<UserEntity>): MeResponse {
    return MeResponse.ofMe(principal.user);
  }
}
