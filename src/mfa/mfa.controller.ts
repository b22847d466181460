import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TokenOnly } from '../common/access.decorator';
import { ApiError, ApiRequestBody } from '../common/api-responses';
import { ApiThrottled } from '../traffic/api-throttled.decorator';
import { Client, ClientContext } from '../common/client-context.decorator';
import { CurrentPrincipal } from '../common/current-principal.decorator';
import { Errors, MSG } from '../common/errors';
import { Principal } from '../common/principal';
import { Device, DeviceChannel } from '../traffic/device-channel';
import { ThrottledAs } from '../traffic/throttle.decorators';
import { UserEntity } from '../users/entities/user.entity';
import { ConfirmPasskeyDto, ConfirmTotpDto, ReconfirmPasswordDto, RemoveFactorDto } from './dto/mfa.dto';
import {
  MfaDeviceResponse,
  MfaFactorsResponse,
  RecoveryCodesResponse,
  TotpEnrolmentResponse,
} from './dto/mfa.responses';
import { MFA_MSG } from './mfa-errors';
import { MfaEnrolmentService } from './mfa-enrolment.service';

type Me = Principal<UserEntity>;
const WRONG_PASSWORD = { password: [MFA_MSG.wrongPassword] };
const NOT_FOUND = ApiError(404, 'No such factor of yours', { detail: MSG.notFound });

/** The user's own second factors. Bearer tokens only; each change asks for the password again. */
@ApiTags('mfa')
@TokenOnly()
@ApiThrottled()
@Controller('api/users/me/mfa')
export class MfaController {
  constructor(private readonly mfa: MfaEnrolmentService) {}

  @Get()
  @ApiOperation({
    summary: 'My second factors',
    description: 'Confirmed devices (never their secrets) and how many recovery codes are left.',
  })
  @ApiOkResponse({ type: MfaFactorsResponse })
  async list(@CurrentPrincipal() p: Me): Promise<MfaFactorsResponse> {
    const { devices, recoveryCodesLeft } = await this.mfa.list(p.user);
    return { devices: devices.map((d) => MfaDeviceResponse.of(d)), recovery_codes_left: recoveryCodesLeft };
  }

  @Post('totp')
  @HttpCode(200)
  @ThrottledAs('login')
  @ApiOperation({
    summary: 'Start a TOTP enrolment',
    description:
      'Checks the password (throttled and counted like a login) and answers a new key, its otpauth:// URL and a QR ' +
      'code. The device is active only once POST /api/users/me/mfa/totp/confirm/ gets one of its codes.',
  })
  @ApiRequestBody(ReconfirmPasswordDto, {
    description: 'A missing or wrong password',
    example: WRONG_PASSWORD,
  })
  @ApiOkResponse({ type: TotpEnrolmentResponse })
  startTotp(
    @CurrentPrincipal() p: Me,
    @Body() b: ReconfirmPasswordDto,
    @Device() d: DeviceChannel,
    @Client() c: ClientContext,
  ) {
    return this.mfa.startTotp(p.user, b.password, d, c);
  }

  @Post('totp/confirm')
  @HttpCode(200)
  @ThrottledAs('login')
  @ApiOperation({
    summary: 'Confirm the TOTP enrolment with a code',
    description:
      'Activates the device and answers ten recovery codes (replacing any earlier set), shown this once.',
  })
  @ApiRequestBody(ConfirmTotpDto, {
    description: 'A missing or wrong code, or no enrolment under way',
    example: { otp: [MFA_MSG.codeInvalid] },
  })
  @ApiOkResponse({ type: RecoveryCodesResponse })
  async confirmTotp(
    @CurrentPrincipal() p: Me,
    @Body() b: ConfirmTotpDto,
    @Client() c: ClientContext,
  ): Promise<RecoveryCodesResponse> {
    return { recovery_codes: await this.mfa.confirmTotp(p.user, b.otp, c) };
  }

  @Post('webauthn')
  @HttpCode(200)
  @ThrottledAs('login')
  @ApiOperation({
    summary: 'Start a passkey registration',
    description:
      'Checks the password and answers the options for `navigator.credentials.create()` (WEBAUTHN_RP_ID; 400 when ' +
      'passkeys are off). Send the result to POST /api/users/me/mfa/webauthn/confirm/ within MFA_TOKEN_LIFETIME.',
  })
  @ApiRequestBody(ReconfirmPasswordDto, {
    description: 'A missing or wrong password, or passkeys off',
    example: WRONG_PASSWORD,
  })
  @ApiOkResponse({
    schema: { type: 'object', additionalProperties: true },
    description: 'PublicKeyCredentialCreationOptionsJSON',
  })
  startPasskey(
    @CurrentPrincipal() p: Me,
    @Body() b: ReconfirmPasswordDto,
    @Device() d: DeviceChannel,
    @Client() c: ClientContext,
  ) {
    return this.mfa.startPasskey(p.user, b.password, d, c);
  }

  @Post('webauthn/confirm')
  @HttpCode(200)
  @ThrottledAs('login')
  @ApiOperation({
    summary: 'Finish the passkey registration',
    description: 'Stores the passkey and answers ten new recovery codes.',
  })
  @ApiRequestBody(ConfirmPasskeyDto, {
    description: 'A missing credential, or one that does not verify',
    example: { credential: ['The passkey registration could not be verified.'] },
  })
  @ApiOkResponse({ type: RecoveryCodesResponse })
  async confirmPasskey(
    @CurrentPrincipal() p: Me,
    @Body() b: ConfirmPasskeyDto,
    @Client() c: ClientContext,
  ): Promise<RecoveryCodesResponse> {
    return { recovery_codes: await this.mfa.confirmPasskey(p.user, b.name ?? 'Passkey', b.credential, c) };
  }

  @Post('recovery-codes')
  @HttpCode(200)
  @ThrottledAs('login')
  @ApiOperation({
    summary: 'New recovery codes',
    description: 'Checks the password; ten new codes replace the old ones, shown this once.',
  })
  @ApiRequestBody(ReconfirmPasswordDto, {
    description: 'A missing or wrong password, or no factor',
    example: WRONG_PASSWORD,
  })
  @ApiOkResponse({ type: RecoveryCodesResponse })
  async regenerate(
    @CurrentPrincipal() p: Me,
    @Body() b: ReconfirmPasswordDto,
    @Device() d: DeviceChannel,
    @Client() c: ClientContext,
  ): Promise<RecoveryCodesResponse> {
    return { recovery_codes: await this.mfa.regenerateRecoveryCodes(p.user, b.password, d, c) };
  }

  @Delete(':id')
  @HttpCode(204)
  @ThrottledAs('login')
  @ApiOperation({
    summary: 'Remove a factor',
    description:
      'Checks the password. Removing the last factor also needs a current `otp` (or a `recovery_code`) and ' +
      'deletes the recovery codes: logins are password-only again.',
  })
  @ApiRequestBody(RemoveFactorDto, {
    description: 'A missing or wrong password or code',
    example: WRONG_PASSWORD,
  })
  @ApiNoContentResponse({ description: 'Removed' })
  @NOT_FOUND
  async remove(
    @CurrentPrincipal() p: Me,
    @Param('id') id: string,
    @Body() b: RemoveFactorDto,
    @Device() d: DeviceChannel,
    @Client() c: ClientContext,
  ): Promise<void> {
    if (!/^\d{1,18}$/.test(id)) throw Errors.notFound();
    const removed = await this.mfa.remove(
      p.user,
      id,
      b.password,
      { otp: b.otp, recovery_code: b.recovery_code },
      d,
      c,
    );
    if (!removed) throw Errors.notFound();
  }
}
