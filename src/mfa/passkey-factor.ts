import { Injectable } from '@nestjs/common';
import {
  AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { Clock } from '../common/clock';
import { MfaConfig } from '../config/mfa.config';
import { MfaErrors, MFA_MSG } from './mfa-errors';
import { MfaRepository } from './mfa.repository';

/**
 * Passkeys and security keys (WebAuthn, @simplewebauthn/server) as a second factor: registration
 * options and their verification, assertion options for a login's second step and their verification.
 * RP ID and origins come from WEBAUTHN_RP_ID / WEBAUTHN_ORIGINS; no attestation is asked for.
 */
@Injectable()
export class PasskeyFactor {
  constructor(
    private readonly config: MfaConfig,
    private readonly repo: MfaRepository,
    private readonly clock: Clock,
  ) {}

  get enabled(): boolean {
    return this.config.rpId !== undefined;
  }

  private get rpId(): string {
    if (this.config.rpId === undefined) throw MfaErrors.field('non_field_errors', MFA_MSG.passkeysOff);
    return this.config.rpId;
  }

  async registrationOptions(
    userId: number,
    username: string,
  ): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const existing = await this.repo.passkeysOf(userId);
    return generateRegistrationOptions({
      rpName: this.config.rpName,
      rpID: this.rpId,
      userName: username,
      userID: new TextEncoder().encode(`bastion-user-${userId}`),
      attestationType: 'none',
      excludeCredentials: existing.map((p) => ({ id: p.credentialId })),
      authenticatorSelection: { residentKey: 'discouraged', userVerification: 'preferred' },
    });
  }

  /** Stores the new passkey when the response answers `challenge`; false when it does not verify. */
  async register(userId: number, name: string, response: unknown, challenge: string): Promise<boolean> {
    try {
      const v = await verifyRegistrationResponse({
        response: response as RegistrationResponseJSON,
        expectedChallenge: challenge,
        expectedOrigin: this.config.origins,
        expectedRPID: this.rpId,
        requireUserVerification: false,
      });
      if (!v.verified) return false;
      const c = v.registrationInfo.credential;
      const publicKey = Buffer.from(c.publicKey).toString('base64url');
      return (
        (await this.repo.insertPasskey({
          userId,
          name,
          credentialId: c.id,
          publicKey,
          signCount: c.counter,
        })) !== null
      );
    } catch {
      return false; // a malformed or forged response is a refusal, never a 500
    }
  }

  /** Options for `navigator.credentials.get`, limited to the user's passkeys. */
  async assertionOptions(userId: number): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
    if (!this.enabled) return null;
    const keys = await this.repo.passkeysOf(userId);
    return generateAuthenticationOptions({
      rpID: this.rpId,
      allowCredentials: keys.map((k) => ({ id: k.credentialId })),
      userVerification: 'preferred',
    });
  }

  /** True when the assertion is by one of the user's passkeys, answers `challenge`, and its counter moves on. */
  async verifyAssertion(
    userId: number,
    response: Record<string, unknown>,
    challenge: string,
  ): Promise<boolean> {
    if (!this.enabled) return false;
    const key = (await this.repo.passkeysOf(userId)).find((k) => k.credentialId === response.id);
    if (!key) return false;
    try {
      const v = await verifyAuthenticationResponse({
        response: response as unknown as AuthenticationResponseJSON,
        expectedChallenge: challenge,
        expectedOrigin: this.config.origins,
        expectedRPID: this.rpId,
        credential: {
          id: key.credentialId,
          publicKey: Buffer.from(key.publicKey, 'base64url'),
          counter: key.signCount,
        },
        requireUserVerification: false,
      });
      if (!v.verified) return false;
      const next = v.authenticationInfo.newCounter;
      return this.repo.acceptSignCount(key.id, key.signCount, next, new Date(this.clock.now()));
    } catch {
      return false;
    }
  }
}
