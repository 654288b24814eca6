/**
 * What btc-signer's own refusals become: a value cut short inside an input is named by input and
 * field in plain words (no "Reader(inputs/0/0/value)"), and a witness_utxo that contradicts its
 * non_witness_utxo is refused as an attack (exit 3, `utxo-mismatch`, no override).
 */
import { describe, expect, it } from 'vitest';
import { decodePsbt } from '../../../src/core/btc/psbt-codec.js';
import { InputError, RefusedError } from '../../../src/core/errors.js';
import { buildPsbt } from '../../helpers/build-psbt.js';

/** Offset of input 0's PSBT_IN_WITNESS_UTXO pair (key length 1, key type 0x01, value length 31 for P2WPKH). */
function witnessUtxoAt(b: Uint8Array, amount: bigint): number {
  const amt = [...new Uint8Array(new BigUint64Array([amount]).buffer)];
  const at = b.findIndex((_, i) => b[i] === 0x01 && b[i + 1] === 0x01 && b[i + 2] === 0x1f && amt.every((v, k) => b[i + 3 + k] === v));
  expect(at).toBeGreaterThan(0);
  return at;
}

describe('btc-signer refusals in plain words', () => {
  it('a witness_utxo whose amount differs from the non_witness_utxo is an attack: utxo-mismatch, exit 3, no override', () => {
    const b = buildPsbt({ kind: 'wpkh', inputs: 2, amount: 123_457n, send: 100_000n });
    const at = witnessUtxoAt(b, 123_457n);
    b[at + 3] = 0x42; // the witness_utxo's amount, not the previous transaction's
    let e: unknown;
    try {
      decodePsbt(b);
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(RefusedError);
    const r = e as RefusedError;
    expect(r.exitCode).toBe(3);
    expect(r.overrides).toEqual([]);
    expect(r.findings.map((f) => f.code)).toEqual(['utxo-mismatch']);
    expect(r.message).toMatch(/^input 0: its witness_utxo .*hide a fee/);
    expect(r.message).not.toMatch(/validateInput|witnessUtxo different/);
  });

  it('a value cut short inside a field says so in words, not with the library reader path', () => {
    const b = buildPsbt({ kind: 'wpkh', inputs: 1, amount: 123_457n, send: 100_000n });
    const at = witnessUtxoAt(b, 123_457n);
    // Value length 31 → 30 and its last byte dropped: the framing holds, the script inside is cut short.
    const cut = Uint8Array.from([...b.subarray(0, at + 2), 0x1e, ...b.subarray(at + 3, at + 3 + 30), ...b.subarray(at + 3 + 31)]);
    let e: unknown;
    try {
      decodePsbt(cut);
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).toMatch(/^psbt: is not a valid PSBT: .*the value is cut short$/);
    expect((e as Error).message).not.toMatch(/Reader\(|readBytes|Unexpected end of buffer/);
  });
});
