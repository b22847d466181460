import { JwtModuleOptions } from '@nestjs/jwt';
import { KeyObject } from 'node:crypto';
import { VerifyOptions } from 'jsonwebtoken';
import { JwtAlgorithm } from '../config/jwt.config';
import { KeyRing } from './keys/key-ring';

/**
 * What jsonwebtoken verifies for us, on both paths (JwtService for the token endpoints, passport-jwt
 * for the guard): the signature, with an algorithm of our keys (TokenPrecheck pins it to the selected
 * key first). Time claims are TokenValidator's, with simplejwt's semantics and the injected Clock:
 * passport-jwt's options are fixed at start, so they cannot carry a per-request clockTimestamp.
 */
export function libraryVerifyOptions(ring: KeyRing): VerifyOptions & { algorithms: JwtAlgorithm[] } {
  return {
    algorithms: [...new Set(ring.keys.map((k) => k.algorithm))],
    ignoreExpiration: true,
    ignoreNotBefore: true,
  };
}

/** JwtModule.registerAsync's factory: keys are chosen per token (kid), so only the verify options. */
export function jwtModuleOptions(ring: KeyRing): JwtModuleOptions {
  return { verifyOptions: libraryVerifyOptions(ring) };
}

/**
 * A KeyObject where @nestjs/jwt's and passport-jwt's typings only name string | Buffer. jsonwebtoken
 * takes a KeyObject as it is (~12 µs per HS256 verify); given a string it runs createPublicKey /
 * createSecretKey on every call (~0.4 ms). The cast keeps the key built once, at start.
 */
export function libraryKey(key: KeyObject): string {
  return key as unknown as string;
}
