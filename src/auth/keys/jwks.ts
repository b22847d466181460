import { KeyRing, RingKey } from './key-ring';

export interface PublicJwk {
  kty: string;
  use: 'sig';
  kid: string;
  alg: string;
  /** Which tokens the key signs: access, refresh, or any (access and refresh share keys). */
  token_use: 'access' | 'refresh' | 'any';
  [member: string]: string;
}

/** RFC 7517 JWK of a key's public half: only public members, never `d` or an HMAC secret. */
export function publicJwk(key: RingKey): PublicJwk {
  const exported = key.verifying.export({ format: 'jwk' }) as Record<string, string>;
  const members = exported.kty === 'RSA' ? ['n', 'e'] : ['crv', 'x', 'y'];
  const jwk: PublicJwk = {
    kty: exported.kty,
    use: 'sig',
    kid: key.kid!,
    alg: key.algorithm,
    token_use: key.scope === 'both' ? 'any' : key.scope,
  };
  for (const m of members) jwk[m] = exported[m];
  return jwk;
}

/** The JWKS document: every asymmetric verification key, access and refresh, active and verify-only. */
export function jwksDocument(ring: KeyRing): { keys: PublicJwk[] } {
  return { keys: ring.publicKeys().map(publicJwk) };
}
