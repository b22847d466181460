import { verify } from 'node:crypto';
import { KongJwtSecret } from '../../src/auth/keys/kong-credentials';

const HASH: Record<string, string> = {
  RS256: 'sha256',
  RS384: 'sha384',
  RS512: 'sha512',
  ES256: 'sha256',
  ES384: 'sha384',
  ES512: 'sha512',
};

/**
 * What Kong's `jwt` plugin (kong/plugins/jwt/handler.lua + jwt_parser.lua) does with a bearer token,
 * for the asymmetric credentials `kong-config` writes: the key from `claims[key_claim_name]` or else
 * `header[key_claim_name]`, the credential's algorithm must equal the header's `alg`, the signature,
 * then each of claims_to_verify must be a number (a missing one fails) and pass its time check.
 * Returns null when Kong would let the request through, else its reason.
 */
export function kongRefusal(
  token: string,
  secrets: KongJwtSecret[],
  conf = { keyClaimName: 'kid', claimsToVerify: ['exp', 'nbf'] },
): string | null {
  const [h, p, s] = token.split('.');
  const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as Record<string, unknown>;
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
  const key = claims[conf.keyClaimName] ?? header[conf.keyClaimName];
  if (key === undefined) return `No mandatory '${conf.keyClaimName}' in claims`;
  const secret = secrets.find((c) => c.key === key);
  if (!secret) return `No credentials found for given '${conf.keyClaimName}'`;
  if (header.alg !== secret.algorithm) return 'Invalid algorithm';
  const ok = verify(
    HASH[secret.algorithm],
    Buffer.from(`${h}.${p}`),
    { key: secret.rsa_public_key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(s, 'base64url'),
  );
  if (!ok) return 'Invalid signature';
  const now = Date.now() / 1000;
  for (const claim of conf.claimsToVerify) {
    const v = claims[claim];
    if (typeof v !== 'number') return `${claim} must be a number`;
    if (claim === 'nbf' && v > now) return 'token not valid yet';
    if (claim === 'exp' && v <= now) return 'token expired';
  }
  return null;
}
