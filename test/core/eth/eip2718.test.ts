/**
 * EIP-2718 typed transactions: ethereum/tests ttEIP2930 (type 1) and ttEIP1559 (type 2), stored
 * verbatim in fixtures/eip2718. Valid vectors round-trip byte for byte with the same sender and
 * hash; every invalid one is refused with an input error (exit 2).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import { reviewTx } from '../../../src/core/eth/review.js';
import { decodeTx } from '../../../src/core/eth/tx.js';
import { ROOT } from '../../helpers/cli.js';

for (const [dir, type, count] of [['ttEIP2930', 1, 7], ['ttEIP1559', 2, 9]] as const) {
  describe(`ethereum/tests ${dir}`, () => {
    const base = path.join(ROOT, 'fixtures/eip2718', dir);
    const files = fs.readdirSync(base).filter((f) => f.endsWith('.json')).sort();
    it(`all ${count} vectors are stored`, () => expect(files).toHaveLength(count));
    it.each(files)('%s', (file) => {
      const doc = JSON.parse(fs.readFileSync(path.join(base, file), 'utf8'));
      const t = doc[Object.keys(doc)[0]!];
      const want = t.result.Cancun as { hash?: string; sender?: string; exception?: string };
      expect(parseInt(t.txbytes.slice(2, 4), 16)).toBe(type);
      if (want.hash) {
        const tx = decodeTx(t.txbytes, 'vector');
        expect(tx.fields.type).toBe(type);
        expect(tx.signed!.hex).toBe(t.txbytes);
        expect(tx.signed!.hash).toBe(want.hash);
        expect(tx.signed!.from.toLowerCase()).toBe(want.sender);
        expect(tx.signed!.signature.v).toBe(BigInt(tx.signed!.signature.yParity));
        // The review shows the access list in full.
        const r = reviewTx(tx);
        expect(r.accessList.map((e) => e.storageKeys.length)).toEqual(tx.fields.accessList!.map((e) => e.storageKeys.length));
      } else {
        expect(want.exception).toMatch(/^TransactionException\./);
        let err: unknown;
        try {
          decodeTx(t.txbytes, 'vector');
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(InputError);
        expect((err as Error).message).not.toMatch(/\n/);
      }
    });
  });
}

describe('oversize input', () => {
  it('refuses a transaction over 128 KiB before parsing it, naming the size and the limit', () => {
    const big = '0x02' + 'ff'.repeat(10 * 1024 * 1024);
    // Refused from its length, not after ethers' parse (which took seconds for 10 MB).
    expect(() => decodeTx(big, 'tx.hex')).toThrow(InputError);
    expect(() => decodeTx(big, 'tx.hex')).toThrow(/10485761 bytes; Ethereum nodes accept transactions up to 131072 bytes/);
  });

  it('still decodes up to the limit: a transaction of exactly 128 KiB is judged by its content, not refused for size', () => {
    const edge = '0x02' + '00'.repeat(128 * 1024 - 1);
    expect(() => decodeTx(edge, 'tx.hex')).toThrow(/is not a valid transaction/);
  });
});
