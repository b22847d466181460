import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnvReader } from './env.parsers';
import { JWT_ALGORITHMS, JwtAlgorithm, SigningKeySpec, UNSUPPORTED_ALGORITHMS } from './jwt.config';
import {
  isHmac,
  keyFitsAlgorithm,
  MIN_HMAC_KEY_BYTES,
  smallRsaProblem,
  weakSecretProblem,
} from './key-material';

export const KID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
/** A directory entry: `<kid>.<alg>.pem` (private key) or `<kid>.<alg>.pub.pem` (public, verify-only); other files are ignored. */
const DIR_ALGORITHMS = [...JWT_ALGORITHMS, ...Object.keys(UNSUPPORTED_ALGORITHMS)].join('|');
/** Unsupported algorithms match too, so that their files are refused by name rather than ignored. */
const DIR_ENTRY = new RegExp(`^([A-Za-z0-9._-]{1,64})\\.(${DIR_ALGORITHMS})\\.(pub\\.)?pem$`);

export interface KeySets {
  signingKeys: SigningKeySpec[];
  activeKid: string | undefined;
  refreshSigningKeys: SigningKeySpec[];
  refreshActiveKid: string | undefined;
}

/**
 * JWT_SIGNING_KEYS (+ JWT_SIGNING_KID) and JWT_REFRESH_SIGNING_KEYS (+ JWT_REFRESH_SIGNING_KID).
 * Entries, separated by commas or newlines: `KID:ALG:file:/path`, `KID:ALG:env:VARIABLE` or
 * `dir:/path`. Every key must fit its algorithm; kids are unique across both lists. RSA keys need
 * 2048 bits; in production HMAC secrets must not be weak (weakSecretProblem).
 */
export function readKeySets(r: EnvReader, production = false): KeySets {
  const access = readKeyList(r, 'JWT_SIGNING_KEYS', 'JWT_SIGNING_KID', production);
  const refresh = readKeyList(r, 'JWT_REFRESH_SIGNING_KEYS', 'JWT_REFRESH_SIGNING_KID', production);
  if (refresh.keys.length > 0 && access.keys.length === 0) {
    r.fail('JWT_REFRESH_SIGNING_KEYS', 'needs JWT_SIGNING_KEYS for the access tokens');
  }
  const accessKids = new Set(access.keys.map((k) => k.kid));
  for (const k of refresh.keys) {
    if (accessKids.has(k.kid))
      r.fail('JWT_REFRESH_SIGNING_KEYS', `kid "${k.kid}" is also in JWT_SIGNING_KEYS`);
  }
  return {
    signingKeys: access.keys,
    activeKid: access.active,
    refreshSigningKeys: refresh.keys,
    refreshActiveKid: refresh.active,
  };
}

function readKeyList(
  r: EnvReader,
  name: string,
  activeName: string,
  production: boolean,
): { keys: SigningKeySpec[]; active?: string } {
  const entries = (r.raw(name) ?? '')
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const keys: SigningKeySpec[] = [];
  for (const entry of entries) keys.push(...readEntry(r, name, entry));
  const seen = new Set<string>();
  const valid = keys.filter((k) => {
    if (seen.has(k.kid)) r.fail(name, `kid "${k.kid}" appears twice`);
    seen.add(k.kid);
    return checkSpec(r, name, k, production);
  });
  const given = r.string(activeName);
  if (keys.length === 0) {
    if (given !== undefined) r.fail(activeName, `set ${name} too`);
    return { keys: [] };
  }
  const signers = valid.filter((k) => canSign(k));
  const active = given ?? (signers.length === 1 ? signers[0].kid : undefined);
  if (active === undefined) r.fail(activeName, `required: which of ${name} signs (${signers.length} can)`);
  else if (!signers.some((k) => k.kid === active)) {
    r.fail(activeName, `"${active}" is not a key of ${name} that can sign (a private key or an HMAC secret)`);
  }
  return { keys, active };
}

function readEntry(r: EnvReader, name: string, entry: string): SigningKeySpec[] {
  if (entry.startsWith('dir:')) return readDirectory(r, name, entry.slice(4));
  const m = /^([^:]+):([^:]+):(file|env):(.+)$/s.exec(entry);
  if (!m) {
    r.fail(name, `"${entry.slice(0, 40)}" is not KID:ALG:file:PATH, KID:ALG:env:VARIABLE or dir:PATH`);
    return [];
  }
  const [, kid, alg, kind, where] = m;
  if (!checkKidAndAlg(r, name, kid, alg)) return [];
  const text = kind === 'env' ? r.raw(where)?.replace(/\\n/g, '\n') : readText(r, name, where);
  // A secret file usually ends with a newline that is not part of the secret.
  const material = isHmac(alg as JwtAlgorithm) ? text?.replace(/\r?\n$/, '') : text;
  if (material === undefined) {
    if (kind === 'env') r.fail(name, `kid "${kid}": environment variable ${where} is not set`);
    return [];
  }
  return [{ kid, algorithm: alg as JwtAlgorithm, material, source: `${kind}:${where}` }];
}

function readDirectory(r: EnvReader, name: string, dir: string): SigningKeySpec[] {
  let files: string[];
  try {
    files = readdirSync(dir).sort();
  } catch (e) {
    r.fail(name, `cannot read directory ${dir} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    return [];
  }
  const byKid = new Map<string, SigningKeySpec & { pub: boolean }>();
  for (const file of files) {
    const m = DIR_ENTRY.exec(file);
    if (!m || !checkKidAndAlg(r, name, m[1], m[2])) continue;
    const pub = m[3] !== undefined;
    const known = byKid.get(m[1]);
    if (known && (pub || !known.pub)) continue; // a private key wins over its public half
    const material = readText(r, name, join(dir, file));
    if (material !== undefined)
      byKid.set(m[1], { kid: m[1], algorithm: m[2] as JwtAlgorithm, material, source: join(dir, file), pub });
  }
  if (files.length > 0 && byKid.size === 0) r.fail(name, `no KID.ALG.pem or KID.ALG.pub.pem files in ${dir}`);
  return [...byKid.values()].map(({ pub: _pub, ...spec }) => spec);
}

function checkKidAndAlg(r: EnvReader, name: string, kid: string, alg: string): boolean {
  if (!KID_PATTERN.test(kid)) {
    r.fail(name, `kid "${kid.slice(0, 70)}" must be 1-64 letters, digits, ".", "_" or "-"`);
    return false;
  }
  if (Object.hasOwn(UNSUPPORTED_ALGORITHMS, alg)) {
    r.fail(name, `kid "${kid}": ${UNSUPPORTED_ALGORITHMS[alg]}`);
    return false;
  }
  if (!(JWT_ALGORITHMS as readonly string[]).includes(alg)) {
    r.fail(name, `kid "${kid}": algorithm "${alg}" is not one of ${JWT_ALGORITHMS.join(', ')}`);
    return false;
  }
  return true;
}

/**
 * HMAC secrets of at least 32 bytes (and not weak, in production); PEMs that fit the algorithm
 * (private, or public for verify-only), RSA of at least 2048 bits.
 */
function checkSpec(r: EnvReader, name: string, k: SigningKeySpec, production: boolean): boolean {
  if (isHmac(k.algorithm)) {
    if (Buffer.byteLength(k.material) < MIN_HMAC_KEY_BYTES) {
      r.fail(name, `kid "${k.kid}": an ${k.algorithm} secret needs at least ${MIN_HMAC_KEY_BYTES} bytes`);
      return false;
    }
    const weak = production ? weakSecretProblem(k.material, k.algorithm) : undefined;
    if (weak) r.fail(name, `kid "${k.kid}" (${k.source}): ${weak}`);
    return weak === undefined;
  }
  try {
    const key = k.material.includes('PRIVATE KEY')
      ? createPrivateKey(k.material)
      : createPublicKey(k.material);
    const problem = keyFitsAlgorithm(key, k.algorithm)
      ? smallRsaProblem(key)
      : `the key (${k.source}) does not fit ${k.algorithm}`;
    if (problem === undefined) return true;
    r.fail(name, `kid "${k.kid}": ${problem}`);
  } catch {
    r.fail(name, `kid "${k.kid}": ${k.source} is not a PEM key`);
  }
  return false;
}

/** An HMAC secret or a private key: the key can sign. A public key only verifies. */
export function canSign(k: SigningKeySpec): boolean {
  return isHmac(k.algorithm) || k.material.includes('PRIVATE KEY');
}

function readText(r: EnvReader, name: string, path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    r.fail(name, `cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    return undefined;
  }
}
