/**
 * Taproot vault PSBTs through the one signer pipeline (src/core/btc/signer.ts with a registered
 * vault, vault-proof.ts, sign.ts's script path, finalize.ts + tap-vault-input.ts):
 * `tr(NUMS,sortedmulti_a(k,…))` 2-of-3 and 3-of-5, every set of k signers — created by the
 * coordinator code, signed by each cosigner's seed, combined, finalized. Independent checks with
 * @scure/btc-signer: each PSBT_IN_TAP_SCRIPT_SIG is byte-identical to the one btc-signer's own
 * signer makes with the same key and aux_rand zero; every final witness signature verifies
 * (noble Schnorr) against btc-signer's preimageWitnessV1 for the leaf; the fee's vsize estimate
 * equals the finalized transaction's.
 */
import { describe, expect, it } from 'vitest';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { schnorr } from '@noble/curves/secp256k1.js';
import { SigHash, Transaction } from '@scure/btc-signer';
import { NETWORKS } from '../../../src/core/network.js';
import { RefusedError, VerificationError } from '../../../src/core/errors.js';
import { tapTreeFields } from '../../../src/core/btc/create.js';
import { SeedKeys } from '../../../src/core/btc/seed-keys.js';
import { prepare, signPsbt } from '../../../src/core/btc/signer.js';
import { combinePsbts } from '../../../src/core/btc/combine.js';
import { finalizePsbt } from '../../../src/core/btc/finalize.js';
import { decodePsbt } from '../../../src/core/btc/psbt-codec.js';
import { parseDescriptor } from '../../../src/core/wallet/descriptor.js';
import { NUMS_HEX } from '../../../src/core/wallet/tapscript-multisig.js';
import { Wallet } from '../../../src/core/wallet/wallet.js';
import { toHex } from '../../../src/core/text.js';
import { COSIGNER_MNEMONICS, cosignerKey, subsets, unsignedVaultPsbt, withChangeOutput } from '../../helpers/vault-data.js';

const NET = NETWORKS.testnet;
const seeds = COSIGNER_MNEMONICS.map((m) => mnemonicToSeedSync(m));
const TPUB = { public: 0x043587cf, private: 0x04358394 };

function vault(k: number, who: number[]): Wallet {
  return new Wallet(parseDescriptor(`tr(${NUMS_HEX},sortedmulti_a(${k},${who.map((i) => `${cosignerKey(COSIGNER_MNEMONICS[i]!, 3)}/<0;1>/*`).join(',')}))`), NET);
}

const unsigned = (w: Wallet) => unsignedVaultPsbt(w);

const opts = (w: Wallet, i: number) => ({ network: NET, keys: SeedKeys.fromSeed(seeds[i]!), vault: { wallet: w, label: 'tr vault test' } });


describe('taproot vault round trips: create → sign by k cosigners → combine → finalize', () => {
  for (const [k, who] of [[2, [0, 1, 2]], [3, [0, 1, 2, 3, 4]]] as const) {
    const w = vault(k, [...who]);
    const { psbt, u } = unsigned(w);
    const signedBy = new Map<number, Uint8Array>();
    const signed = async (i: number) => {
      if (!signedBy.has(i)) signedBy.set(i, (await signPsbt(psbt, { ...opts(w, i), trim: false, encoding: 'binary' })).raw);
      return signedBy.get(i)!;
    };
    it.each(subsets(who.length, k).map((s) => [s.map((i) => who[i]).join('+'), s.map((i) => who[i]!)] as const))(`${k}-of-${who.length}: signers %s`, async (_, signers) => {
      const parts = await Promise.all(signers.map(async (i) => ({ tx: decodePsbt(await signed(i)).tx, field: `cosigner ${i}` })));
      const fin = finalizePsbt(combinePsbts(parts));
      expect(fin.inputs.every((x) => x.type === 'tr-multi' && x.signatures === k)).toBe(true);
      const tx = Transaction.fromRaw(fin.raw, { allowUnknownOutputs: true });
      const prevs = Array.from({ length: tx.inputsLength }, (_, i) => u.prevouts.get(`${toHex(tx.getInput(i).txid!)}:${tx.getInput(i).index}`)!);
      for (let i = 0; i < tx.inputsLength; i++) {
        const wit = tx.getInput(i).finalScriptWitness!;
        const leaf = wit[wit.length - 2]!;
        const n = who.length;
        expect(wit).toHaveLength(n + 2);
        const digest = tx.preimageWitnessV1(i, prevs.map((p) => p.script), SigHash.DEFAULT, prevs.map((p) => p.amount), undefined, leaf, 0xc0);
        // Witness item j signs for key n − 1 − j of the leaf (the stack is popped from the script's first key).
        const sigs = wit.slice(0, n);
        expect(sigs.filter((s) => s.length === 64)).toHaveLength(k);
        sigs.forEach((s, j) => {
          const key = leaf.subarray(1 + 34 * (n - 1 - j), 33 + 34 * (n - 1 - j));
          if (s.length) expect(schnorr.verify(s, digest, key)).toBe(true);
          else expect(s.length).toBe(0);
        });
      }
      const p = await prepare(psbt, opts(w, signers[0]!));
      expect(p.review.vsize).toBe(tx.vsize);
    });
  }
});

describe('each tap script signature equals @scure/btc-signer\'s (same key, aux_rand zero)', () => {
  it('2-of-3, cosigner 1 (legal winner…)', async () => {
    const w = vault(2, [0, 1, 2]);
    const { psbt } = unsigned(w);
    const ours = decodePsbt((await signPsbt(psbt, { ...opts(w, 1), encoding: 'binary' })).raw).tx;
    const theirs = Transaction.fromPSBT(psbt);
    const root = HDKey.fromMasterSeed(seeds[1]!, TPUB);
    for (let i = 0; i < theirs.inputsLength; i++) {
      const der = theirs.getInput(i).tapBip32Derivation!.find(([, d]) => d.der.fingerprint === root.fingerprint)!;
      const child = root.derive(`m/${der[1].der.path.map((x) => (x >= 0x80000000 ? `${x - 0x80000000}'` : String(x))).join('/')}`);
      theirs.signIdx(child.privateKey!, i, undefined, new Uint8Array(32));
      const mine = ours.getInput(i).tapScriptSig!;
      const btcs = theirs.getInput(i).tapScriptSig!;
      expect(mine).toHaveLength(1);
      expect(btcs).toHaveLength(1);
      expect(toHex(mine[0]![0].pubKey)).toBe(toHex(btcs[0]![0].pubKey));
      expect(toHex(mine[0]![0].leafHash)).toBe(toHex(btcs[0]![0].leafHash));
      expect(toHex(mine[0]![1])).toBe(toHex(btcs[0]![1]));
    }
  });
});

describe('more signatures than the threshold', () => {
  it('2-of-3 signed by all three: the witness carries exactly 2 (OP_NUMEQUAL needs k exactly)', async () => {
    const w = vault(2, [0, 1, 2]);
    const { psbt } = unsigned(w);
    const parts = await Promise.all([0, 1, 2].map(async (i) => ({ tx: decodePsbt((await signPsbt(psbt, { ...opts(w, i), encoding: 'binary' })).raw).tx, field: `cosigner ${i}` })));
    const fin = finalizePsbt(combinePsbts(parts));
    const tx = Transaction.fromRaw(fin.raw, { allowUnknownOutputs: true });
    for (let i = 0; i < tx.inputsLength; i++) {
      const wit = tx.getInput(i).finalScriptWitness!;
      expect(wit.slice(0, 3).filter((s) => s.length === 64)).toHaveLength(2);
    }
  });
});

/** The PSBT with its change output (index 1) replaced by `script` and `leafOwner`'s tap tree, keeping the original tap derivation claims. */
function withTapChange(psbt: Uint8Array, script: Uint8Array, leafOwner: ReturnType<Wallet['at']>): Uint8Array {
  return withChangeOutput(psbt, (o) => ({ script, amount: o.amount!, tapInternalKey: o.tapInternalKey, tapBip32Derivation: o.tapBip32Derivation, ...tapTreeFields(leafOwner) }));
}

describe('hostile taproot vault change', () => {
  const w = vault(2, [0, 1, 2]);
  const { psbt } = unsigned(w);
  const claim = Transaction.fromPSBT(psbt).getOutput(1).tapBip32Derivation![0]![1].der.path;
  const [branch, index] = [claim.at(-2)!, claim.at(-1)!];
  it('another threshold (1-of-3 over the same keys) is refused, naming both thresholds', async () => {
    const one = vault(1, [0, 1, 2]).at(branch, index);
    const e = await signPsbt(withTapChange(psbt, one.scripts.script, one), opts(w, 0)).then(() => undefined, (x: unknown) => x);
    expect(e).toBeInstanceOf(RefusedError);
    expect((e as RefusedError).findings.map((f) => f.code)).toContain('unverified-change');
    expect((e as RefusedError).message).toMatch(/output 1 claims to be change of tr vault test .* but is not the vault's script: its tap leaf is 1-of-3, the vault is 2-of-3/);
  });
  it('a P2WSH script under taproot derivations is refused as another script type', async () => {
    const wsh = new Wallet(parseDescriptor(`wsh(sortedmulti(2,${[0, 1, 2].map((i) => `${cosignerKey(COSIGNER_MNEMONICS[i]!, 3)}/<0;1>/*`).join(',')}))`), NET).at(branch, index);
    const e = await signPsbt(withTapChange(psbt, wsh.scripts.script, w.at(branch, index)), opts(w, 0)).then(() => undefined, (x: unknown) => x);
    expect(e).toBeInstanceOf(RefusedError);
    expect((e as RefusedError).message).toMatch(/it is a P2WSH script, the vault is P2TR/);
  });
});

describe('hostile tap script signatures at finalize', () => {
  // A finished 2-of-3 PSBT, then cosigner 0's signature on input 0 rewritten: every shape is a
  // VerificationError naming the input, never a crash or a finalized transaction.
  const w = vault(2, [0, 1, 2]);
  const { psbt } = unsigned(w);
  const combined = (async () => {
    const parts = await Promise.all([0, 1].map(async (i) => ({ tx: decodePsbt((await signPsbt(psbt, { ...opts(w, i), encoding: 'binary' })).raw).tx, field: `cosigner ${i}` })));
    return combinePsbts(parts).toPSBT();
  })();
  const rewrite = async (f: (sig: Uint8Array) => Uint8Array) => {
    const tx = Transaction.fromPSBT(await combined);
    const [entry, ...rest] = tx.getInput(0).tapScriptSig!;
    tx.updateInput(0, { tapScriptSig: undefined }, true);
    tx.updateInput(0, { tapScriptSig: [[entry![0], f(entry![1])], ...rest] }, true);
    return decodePsbt(tx.toPSBT()).tx;
  };
  it.each([
    ['a sighash byte that is no BIP341 type (0x04)', (s: Uint8Array) => Uint8Array.from([...s, 0x04]), /sighash byte 4/],
    ['DEFAULT written out (65 bytes ending in 0x00)', (s: Uint8Array) => Uint8Array.from([...s, 0x00]), /sighash byte 0/],
    ['SIGHASH_ALL appended to a DEFAULT signature', (s: Uint8Array) => Uint8Array.from([...s, 0x01]), /does not verify for this leaf/],
    ['one bit flipped', (s: Uint8Array) => Uint8Array.from(s, (b, j) => (j === 10 ? b ^ 1 : b)), /does not verify for this leaf/],
  ])('%s', async (_, f, message) => {
    const tx = await rewrite(f);
    expect(() => finalizePsbt(tx)).toThrow(VerificationError);
    expect(() => finalizePsbt(tx)).toThrow(message);
  });

  it('control: the untouched PSBT finalizes', async () => {
    expect(finalizePsbt(decodePsbt(await combined).tx).inputs.every((x) => x.type === 'tr-multi')).toBe(true);
  });
});
