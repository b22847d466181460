import { ApiProperty } from '@nestjs/swagger';
import { MfaDevice } from '../mfa-device';

export class TotpEnrolmentResponse {
  @ApiProperty({
    example: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    description: 'The key, base32, for typing into an app',
  })
  secret: string;

  @ApiProperty({
    example:
      'otpauth://totp/Bastion:alice?issuer=Bastion&secret=JBSWY3DP...&algorithm=SHA1&digits=6&period=30',
  })
  otpauth_url: string;

  @ApiProperty({
    example: 'data:image/png;base64,iVBORw0KGgo...',
    description: 'The otpauth URL as a QR code (PNG data URL)',
  })
  qr_code: string;
}

export class RecoveryCodesResponse {
  @ApiProperty({
    type: [String],
    example: ['k3j9q-7xw2m', 'p4zt6-2hbqa'],
    description: 'Ten one-time codes, shown this once',
  })
  recovery_codes: string[];
}

export class MfaDeviceResponse {
  @ApiProperty({ example: '1' })
  id: string;

  @ApiProperty({ enum: ['totp', 'webauthn'] })
  kind: string;

  @ApiProperty({ example: 'Authenticator app' })
  name: string;

  @ApiProperty({ type: String, format: 'date-time' })
  created: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  last_used: string | null;

  static of(d: MfaDevice): MfaDeviceResponse {
    return {
      id: d.id,
      kind: d.kind,
      name: d.name,
      created: d.created.toISOString(),
      last_used: d.lastUsed?.toISOString() ?? null,
    };
  }
}

export class MfaFactorsResponse {
  @ApiProperty({ type: [MfaDeviceResponse] })
  devices: MfaDeviceResponse[];

  @ApiProperty({ example: 10 })
  recovery_codes_left: number;
}
