/** src/cli/overrides.ts: finding codes ↔ `--allow-<code>` flags, both ways. */
import { describe, expect, it } from 'vitest';
import { refusal, warning, hardRefusal, RANK } from '../../src/core/findings/finding.js';
import { allowedCodes, findingView, OVERRIDES, overrideFlag } from '../../src/cli/overrides.js';

describe('allowedCodes', () => {
  it("reads commander's camel-cased --allow-… options, only those set to true", () => {
    const opts = { allowHighFee: true, allowChainIdMismatch: true, allowFromMismatch: false, allowFingerprintMismatch: undefined, maxFee: '0.1', allowNotACode: true };
    expect(allowedCodes(opts, Object.keys(OVERRIDES))).toEqual(new Set(['high-fee', 'chain-id-mismatch']));
  });
  it('every code of the table round-trips through its flag', () => {
    for (const code of Object.keys(OVERRIDES)) {
      const key = overrideFlag(code).slice(2).replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
      expect(allowedCodes({ [key]: true }, Object.keys(OVERRIDES)), code).toEqual(new Set([code]));
    }
  });
});

describe('findingView', () => {
  it('names the flag of an overridable refusal only', () => {
    expect(findingView(refusal('high-fee', RANK.fee, 'm'))).toMatchObject({ code: 'high-fee', override: '--allow-high-fee' });
    expect(findingView(hardRefusal('request-mismatch', RANK.validity, 'm'))).not.toHaveProperty('override');
    expect(findingView(warning('unknown-calldata', RANK.content, 'm'))).not.toHaveProperty('override');
  });
});
