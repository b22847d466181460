/**
 * Dummy hashes shaped like a stored Django hash: verifying one costs what verifying the real hash costs
 * (same algorithm, same rounds or iterations or memory) and matches no password. An unknown username is
 * checked against the costliest shape stored, so it answers as slowly as an imported user's wrong password.
 */
export interface DummyHash {
  hash: string;
  /** Estimated nanoseconds of one core to verify it; only compared with each other. */
  cost: number;
}

/** Measured on one core: bcryptjs at cost 12 (4,096 rounds) ~1 s; PBKDF2 at 1,000,000 ~0.95 s; argon2id 19 MiB x 2 ~50 ms. */
const NS_PER_BCRYPT_ROUND = 250_000;
const NS_PER_PBKDF2_ITERATION = 1_000;
const NS_PER_ARGON2_KIB_PASS = 1_300;
const MAX_PBKDF2_ITERATIONS = 10_000_000;

const BCRYPT = /^(bcrypt|bcrypt_sha256)\$\$(2[aby])\$(\d\d)\$/;
const PBKDF2 = /^(pbkdf2_sha256|pbkdf2_sha1)\$(\d{1,8})\$/;
const ARGON2 = /^argon2\$(argon2(?:id|i|d))\$v=(\d+)\$m=(\d{1,7}),t=(\d{1,3}),p=(\d{1,3})\$/;

const b64 = (fill: string, bytes: number) => Buffer.alloc(bytes, fill).toString('base64').replace(/=+$/, '');

/** A dummy of `encoded`'s shape, or undefined when it is not a Django hash we can price. */
export function dummyHashLike(encoded: string): DummyHash | undefined {
  let m = BCRYPT.exec(encoded);
  if (m) {
    const rounds = Number(m[3]);
    if (rounds < 4 || rounds > 31) return undefined;
    // 22 characters of salt and 31 of hash, in bcrypt's alphabet: well formed, the output of no hashing.
    return { hash: `${m[1]}$$${m[2]}$${m[3]}$${'B'.repeat(53)}`, cost: 2 ** rounds * NS_PER_BCRYPT_ROUND };
  }
  m = PBKDF2.exec(encoded);
  if (m) {
    const iterations = Number(m[2]);
    if (iterations < 1 || iterations > MAX_PBKDF2_ITERATIONS) return undefined;
    const bytes = m[1] === 'pbkdf2_sha256' ? 32 : 20;
    return {
      hash: `${m[1]}$${iterations}$bastiondummy$${Buffer.alloc(bytes, 'bastion-dummy').toString('base64')}`,
      cost: iterations * NS_PER_PBKDF2_ITERATION,
    };
  }
  m = ARGON2.exec(encoded);
  if (m) {
    const [, variant, version, memory, time, lanes] = m;
    return {
      hash: `argon2$${variant}$v=${version}$m=${memory},t=${time},p=${lanes}$${b64('bastion-salt', 16)}$${b64('bastion-dummy', 32)}`,
      cost: Number(memory) * Number(time) * NS_PER_ARGON2_KIB_PASS,
    };
  }
  return undefined;
}

/** Bastion's own argon2id dummy, priced the same way (`options` are PasswordHasher's). */
export function argon2idDummy(options: {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}): DummyHash {
  const { memoryCost: m, timeCost: t, parallelism: p } = options;
  return {
    hash: `$argon2id$v=19$m=${m},t=${t},p=${p}$${b64('bastion-salt', 16)}$${b64('bastion-dummy', 32)}`,
    cost: m * t * NS_PER_ARGON2_KIB_PASS,
  };
}
