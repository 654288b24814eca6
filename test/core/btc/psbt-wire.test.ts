/**
 * The PSBT framing walk (src/core/btc/psbt-wire.ts) that runs before either reader: derivation
 * paths deeper than BIP32's 255 levels (100,000 once overflowed the stack), claims whose paths
 * share no prefix, more than 1,000 pairs in a map, and duplicate keys are malformed input
 * (InputError, exit 2) naming the map and field — while paths of 255 levels and honest PSBTs read.
 */
import { describe, expect, it } from 'vitest';
import { Transaction } from '@scure/btc-signer';
import { checkPsbtWire, MAX_PAIRS_PER_MAP } from '../../../src/core/btc/psbt-wire.js';
import { readPsbt } from '../../../src/core/btc/psbt-read.js';
import { InputError } from '../../../src/core/errors.js';
import { buildPsbt, rootOf } from '../../helpers/build-psbt.js';
import { honest } from '../../helpers/hostile-psbt.js';

/** The honest 1-input PSBT with extra BIP32 derivation claims on input 0 (one per path, each its own key). */
function withClaims(paths: number[][]): Uint8Array {
  const tx = honest();
  const root = rootOf();
  const input = tx.getInput(0);
  const extra = paths.map((p, n): [Uint8Array, { fingerprint: number; path: number[] }] => [root.deriveChild(1000 + n).publicKey!, { fingerprint: root.fingerprint, path: p }]);
  const out = new Transaction({ allowUnknownOutputs: true });
  out.addInput({ ...input, bip32Derivation: [...input.bip32Derivation!, ...extra] });
  for (let i = 0; i < tx.outputsLength; i++) out.addOutput(tx.getOutput(i));
  return out.toPSBT();
}

async function malformed(raw: Uint8Array): Promise<InputError> {
  const e = await readPsbt(raw).then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(InputError);
  return e as InputError;
}

describe('derivation depth: BIP32 allows 255 levels', () => {
  it('255 levels read', async () => {
    expect((await readPsbt(withClaims([new Array(255).fill(7)]))).view.inputsLength).toBe(1);
  });
  it.each([256, 5000, 100_000])('%i levels: exit 2 naming the field, before any parser', async (depth) => {
    const raw = withClaims([new Array(depth).fill(7)]);
    const t = Date.now();
    const e = await malformed(raw);
    expect(e.message).toBe(`psbt: is not a valid PSBT: input 0 PSBT_IN_BIP32_DERIVATION: a derivation path ${depth} levels deep; BIP32 allows at most 255`);
    expect(Date.now() - t).toBeLessThan(2000);
  });
  it('claims whose paths share no prefix: refused before millions of derivations', async () => {
    const paths = Array.from({ length: 12 }, (_, n) => new Array(255).fill(0).map((_, k) => n * 1000 + k));
    expect((await malformed(withClaims(paths))).message).toMatch(/derivation paths of its 1\d claims pass through more than \d+ distinct keys/);
  });
});

describe('map limits and duplicate keys', () => {
  it(`more than ${MAX_PAIRS_PER_MAP} pairs in one map`, () => {
    const raw = buildPsbt({ kind: 'wpkh', inputs: 1 });
    const pairs = Array.from({ length: MAX_PAIRS_PER_MAP }, (_, n) => [0x21, 0x02, n & 0xff, n >> 8, ...new Uint8Array(30), 0x04, 1, 2, 3, 4]).flat();
    const many = Uint8Array.from([...raw.subarray(0, raw.length - 1), ...pairs, 0x00]);
    expect(() => checkPsbtWire(many)).toThrow(/^psbt: is not a valid PSBT: output 1: more than 1000 key-value pairs/);
  });
  it('a key twice in one map (BIP174 keys are unique)', () => {
    const raw = buildPsbt({ kind: 'wpkh', inputs: 1 });
    // Append the same derivation pair twice to output 1, the last map.
    const layout = checkPsbtWire(raw);
    expect(layout.maps.map((m) => `${m.section}${m.index}`)).toEqual(['global0', 'input0', 'output0', 'output1']);
    const derivation = Uint8Array.from([0x21, 0x02, ...rootOf().publicKey!.subarray(1), 0x04, 1, 2, 3, 4]);
    const dup = Uint8Array.from([...raw.subarray(0, raw.length - 1), ...derivation, ...derivation, 0x00]);
    expect(() => checkPsbtWire(dup)).toThrow(/^psbt: is not a valid PSBT: output 1 PSBT_OUT_BIP32_DERIVATION: the same key appears twice/);
  });
});
