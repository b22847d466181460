import { matchingStep, otpauthUrl, totpCode, TotpParams } from './totp-codes';

/** RFC 6238 appendix B: the SHA-1 key "12345678901234567890". */
const RFC: TotpParams = {
  keyHex: '3132333435363738393031323334353637383930',
  digits: 8,
  step: 30,
  t0: 0,
  drift: 0,
};

describe('TOTP codes', () => {
  it('gives the RFC 6238 test vectors', () => {
    expect(totpCode(RFC, 59_000)).toBe('94287082');
    expect(totpCode(RFC, 1111111109_000)).toBe('07081804');
    expect(totpCode(RFC, 20000000000_000)).toBe('65353130');
  });

  it('accepts one step either side and names the step; refuses further ones and malformed codes', () => {
    const now = 1111111109_000;
    const step = Math.floor(now / 30_000);
    expect(matchingStep(RFC, totpCode(RFC, now), now)).toBe(step);
    expect(matchingStep(RFC, totpCode(RFC, now - 30_000), now)).toBe(step - 1);
    expect(matchingStep(RFC, totpCode(RFC, now + 30_000), now)).toBe(step + 1);
    expect(matchingStep(RFC, totpCode(RFC, now - 60_000), now)).toBeNull();
    expect(matchingStep(RFC, totpCode(RFC, now).slice(1), now)).toBeNull();
    expect(matchingStep(RFC, 'abcdefgh', now)).toBeNull();
  });

  it("counts from django-otp's t0 and drift", () => {
    const moved = { ...RFC, t0: 30, drift: 1 };
    expect(totpCode(moved, 89_000)).toBe(totpCode(RFC, 89_000)); // (89-30)/30 = 1, +1 drift = step 2
  });

  it('builds the otpauth URL apps scan', () => {
    expect(otpauthUrl('Bastion', 'alice', { ...RFC, digits: 6 })).toBe(
      'otpauth://totp/Bastion:alice?issuer=Bastion&secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&algorithm=SHA1&digits=6&period=30',
    );
  });
});
