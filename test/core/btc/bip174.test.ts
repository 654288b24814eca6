/** BIP174 (v0), BIP370 (v2 parse) and BIP371 (taproot fields) test vectors through coldkit's PSBT codec. */
import { describe, expect, it } from 'vitest';
import { base64 } from '@scure/base';
import { decodePsbt } from '../../../src/core/btc/psbt-codec.js';
import { InputError } from '../../../src/core/errors.js';
import { NETWORKS } from '../../../src/core/network.js';
import { reviewPsbt } from '../../../src/core/btc/review.js';
import { mediawikiCases } from '../../helpers/mediawiki-vectors.js';

const enc = (s: string) => new TextEncoder().encode(s);

for (const spec of ['bip174', 'bip370', 'bip371']) {
  const cases = mediawikiCases(`${spec}/test-vectors.mediawiki`);
  describe(`${spec} vectors`, () => {
    it('the stored section has cases of each kind', () => {
      expect(cases.filter((c) => c.section === 'invalid').length).toBeGreaterThan(5);
      expect(cases.filter((c) => c.section === 'valid').length).toBeGreaterThan(3);
    });
    // Invalid PSBTs and "cannot be computed" locktimes (BIP370) are refused by the reader;
    // "Fails Signer checks" (BIP174) parse, and are refused by the signer's UTXO checks, which
    // every review runs before anything is shown or signed.
    const invalid = cases.filter((c) => c.section !== 'valid');
    it.each(invalid.map((c) => [c.name, c] as const))('invalid: %s', (_n, c) => {
      let err: unknown;
      try {
        const { tx } = decodePsbt(enc(c.base64));
        expect(c.section).toBe('fails-signer-checks');
        reviewPsbt(tx, NETWORKS.mainnet);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(InputError);
      expect((err as Error).message).not.toMatch(/\n/);
    });
    const valid = cases.filter((c) => c.section === 'valid');
    it.each(valid.map((c) => [c.name, c] as const))('valid: %s', (_n, c) => {
      const d = decodePsbt(enc(c.base64));
      expect(d.encoding).toBe('base64');
      // The binary and hex forms decode to the same bytes.
      expect(decodePsbt(base64.decode(c.base64)).encoding).toBe('binary');
      if (c.hex) expect(decodePsbt(enc(c.hex)).bytes).toEqual(base64.decode(c.base64));
      if (c.lockTime !== undefined) expect(d.tx.lockTime).toBe(c.lockTime);
      // A valid PSBT also passes the signer-side UTXO checks and yields a review.
      expect(reviewPsbt(d.tx, NETWORKS.mainnet).inputs.length).toBe(d.tx.inputsLength);
    });
  });
}
