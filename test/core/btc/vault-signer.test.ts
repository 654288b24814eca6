/**
 * Vault PSBTs through the one signer pipeline (src/core/btc/signer.ts with a registered vault,
 * src/core/btc/vault-proof.ts, finalize.ts, combine.ts): 2-of-3 and 3-of-5, P2WSH and P2SH-P2WSH,
 * every set of k signers — created by the coordinator code, signed by each cosigner's seed,
 * combined, finalized; the transaction must equal the one bitcoinjs-lib finalizes from the same
 * PSBT after validating every signature, each partial signature must be byte-identical to
 * bitcoinjs-lib's low-R signature with the same key, and the fee's vsize estimate must equal the
 * finalized transaction's. Then hostile PSBTs, each refused with its own code and message.
 */
import { describe, expect, it } from 'vitest';
import * as bitcoin from 'bitcoinjs-lib';
import * as ecc from 'tiny-secp256k1';
import { ECPairFactory } from 'ecpair';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { Transaction } from '@scure/btc-signer';
import { NETWORKS } from '../../../src/core/network.js';
import { InputError, RefusedError } from '../../../src/core/errors.js';
import { SeedKeys } from '../../../src/core/btc/seed-keys.js';
import type { SigningKeys } from '../../../src/core/wallet/key-source.js';
import { fingerprintHex } from '../../../src/core/hd/path.js';
import { prepare, signPsbt } from '../../../src/core/btc/signer.js';
import { combinePsbts } from '../../../src/core/btc/combine.js';
import { finalizePsbt } from '../../../src/core/btc/finalize.js';
import { decodePsbt } from '../../../src/core/btc/psbt-codec.js';
import { formatDescriptor, parseDescriptor } from '../../../src/core/wallet/descriptor.js';
import { multisigScript } from '../../../src/core/wallet/multisig.js';
import { p2sh, p2wsh } from '../../../src/core/wallet/script.js';
import { Wallet } from '../../../src/core/wallet/wallet.js';
import { COSIGNER_MNEMONICS, cosignerKey, subsets, unsignedVaultPsbt, withChangeOutput } from '../../helpers/vault-data.js';

const ECPair = ECPairFactory(ecc);
const NET = NETWORKS.testnet;

function vault(fn: 'wsh' | 'sh-wsh', k: number, who: number[]): Wallet {
  const type = fn === 'wsh' ? 2 : 1;
  const body = `sortedmulti(${k},${who.map((i) => `${cosignerKey(COSIGNER_MNEMONICS[i]!, type)}/<0;1>/*`).join(',')})`;
  return new Wallet(parseDescriptor(fn === 'wsh' ? `wsh(${body})` : `sh(wsh(${body}))`), NET);
}

const seeds = COSIGNER_MNEMONICS.map((m) => mnemonicToSeedSync(m));
const keysOf = (i: number) => SeedKeys.fromSeed(seeds[i]!);

const unsigned = (w: Wallet, sats?: bigint[], to?: bigint): Uint8Array => unsignedVaultPsbt(w, sats, to).psbt;

const opts = (w: Wallet, i: number) => ({ network: NET, keys: keysOf(i), vault: { wallet: w, label: 'vault test' } });

describe('vault round trips: create → sign by k cosigners → combine → finalize', () => {
  const shapes = [
    ['wsh', 2, [0, 1, 2]],
    ['sh-wsh', 2, [0, 1, 2]],
    ['wsh', 3, [0, 1, 2, 3, 4]],
    ['sh-wsh', 3, [0, 1, 2, 3, 4]],
  ] as const;
  for (const [fn, k, who] of shapes) {
    const w = vault(fn, k, [...who]);
    const psbt = unsigned(w);
    const signedBy = new Map<number, Uint8Array>();
    const signed = async (i: number) => {
      if (!signedBy.has(i)) signedBy.set(i, (await signPsbt(psbt, { ...opts(w, i), trim: false, encoding: 'binary' })).raw);
      return signedBy.get(i)!;
    };
    it.each(subsets(who.length, k).map((s) => [s.map((i) => who[i]).join('+'), s.map((i) => who[i]!)] as const))(`${fn} ${k}-of-${who.length}: signers %s`, async (_, signers) => {
      const parts = await Promise.all(signers.map(async (i) => ({ tx: decodePsbt(await signed(i)).tx, field: `cosigner ${i}` })));
      const combined = combinePsbts(parts);
      const before = combined.toPSBT();
      const fin = finalizePsbt(combined);
      // bitcoinjs-lib: every signature valid, its own finalizer, the same transaction.
      const bj = bitcoin.Psbt.fromBuffer(Buffer.from(before), { network: bitcoin.networks.testnet });
      // PSBT_GLOBAL_XPUB: every cosigner's xpub with its origin, as bitcoinjs-lib reads it.
      const xpubs = bj.data.globalMap.globalXpub!.map((x) => `${x.masterFingerprint.toString('hex')} ${x.path}`).sort();
      expect(xpubs).toEqual(w.descriptor.keys.map((k) => `${k.fingerprint} m/48'/1'/0'/${fn === 'wsh' ? 2 : 1}'`).sort());
      expect(bj.validateSignaturesOfAllInputs((pub, hash, sig) => ecc.verify(hash, pub, sig))).toBe(true);
      bj.finalizeAllInputs();
      const tx = bj.extractTransaction();
      expect(tx.toHex()).toBe(fin.hex);
      // The fee was computed for this size (low-R signatures: the estimate is exact).
      const p = await prepare(psbt, opts(w, signers[0]!));
      expect(p.review.vsize).toBe(tx.virtualSize());
      expect(fin.inputs.every((x) => x.signatures === k)).toBe(true);
    });
  }
});

describe('each partial signature equals bitcoinjs-lib\'s (low-R, same key)', () => {
  it('2-of-3 wsh, cosigner 1 (legal winner…)', async () => {
    const w = vault('wsh', 2, [0, 1, 2]);
    const psbt = unsigned(w);
    const ours = decodePsbt((await signPsbt(psbt, { ...opts(w, 1), encoding: 'binary' })).raw).tx;
    const bj = bitcoin.Psbt.fromBuffer(Buffer.from(psbt));
    const root = HDKey.fromMasterSeed(seeds[1]!);
    for (let i = 0; i < bj.inputCount; i++) {
      const der = bj.data.inputs[i]!.bip32Derivation!.find((d) => d.masterFingerprint.readUInt32BE(0) === root.fingerprint)!;
      const child = ECPair.fromPrivateKey(Buffer.from(root.derive(der.path).privateKey!));
      child.lowR = true;
      bj.signInput(i, child);
      const theirs = bj.data.inputs[i]!.partialSig![0]!;
      const mine = ours.getInput(i).partialSig!;
      expect(mine).toHaveLength(1);
      expect(Buffer.from(mine[0]![0]).equals(theirs.pubkey)).toBe(true);
      expect(Buffer.from(mine[0]![1]).toString('hex')).toBe(theirs.signature.toString('hex'));
    }
  });
});

/** The PSBT with its change output (index 1) replaced by `script` carrying `witnessScript` and the original derivation claims. */
function withChange(psbt: Uint8Array, script: Uint8Array, witnessScript: Uint8Array, redeemScript?: Uint8Array): Uint8Array {
  return withChangeOutput(psbt, (o) => ({ script, amount: o.amount!, bip32Derivation: o.bip32Derivation, witnessScript, ...(redeemScript ? { redeemScript } : {}) }));
}

async function refusal(p: Promise<unknown>): Promise<RefusedError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(RefusedError);
  return e as RefusedError;
}

describe('hostile vault PSBTs', () => {
  const w = vault('wsh', 2, [0, 1, 2]);
  const psbt = unsigned(w);
  const claim = Transaction.fromPSBT(psbt).getOutput(1).bip32Derivation![0]![1].path;
  const change = w.at(claim.at(-2)!, claim.at(-1)!);
  const keys = change.keys.map((k) => k.pubkey);
  const attacker = HDKey.fromMasterSeed(new Uint8Array(32).fill(7)).derive("m/48'/1'/0'/2'/1/0").publicKey!;
  it('the created PSBT has its change at the vault change address it claims', () => {
    expect(change.branch).toBe(1);
    expect(Transaction.fromPSBT(psbt).getOutput(1).script).toEqual(change.scripts.script);
  });
  it('change whose witness script swaps a cosigner for a stranger is refused, naming the key', async () => {
    const ws = multisigScript(2, [keys[0]!, keys[1]!, attacker], true);
    const e = await refusal(signPsbt(withChange(psbt, p2wsh(ws), ws), opts(w, 0)));
    expect(e.findings.map((f) => f.code)).toContain('unverified-change');
    expect(e.message).toMatch(/output 1 claims to be change of vault test \(at m\/48h\/1h\/0h\/2h\/1\/\d+\) but is not the vault's script: its witness script has key [0-9a-f]{16}… that is not a registered cosigner at 1\/\d+; cosigner 28645006 is left out/);
  });
  it('change with another threshold is refused, saying so', async () => {
    const ws = multisigScript(1, keys, true);
    const e = await refusal(signPsbt(withChange(psbt, p2wsh(ws), ws), opts(w, 0)));
    expect(e.message).toMatch(/its witness script is 1-of-3, the vault is 2-of-3/);
  });
  it('change of another script type (P2SH-P2WSH over the same keys) is refused, saying so', async () => {
    const ws = multisigScript(2, keys, true);
    const e = await refusal(signPsbt(withChange(psbt, p2sh(p2wsh(ws)), ws, p2wsh(ws)), opts(w, 0)));
    expect(e.message).toMatch(/it is a P2SH script, the vault is P2WSH/);
  });
  it('an input from another vault (other cosigner set) is not-from-vault', async () => {
    const other = vault('wsh', 2, [0, 1, 3]);
    const e = await refusal(signPsbt(unsigned(other), opts(w, 0)));
    expect(e.findings.map((f) => [f.code, f.overridable])).toContainEqual(['not-from-vault', false]);
    expect(e.message).toMatch(/input 0 is not from vault test: its witness script has key [0-9a-f]{16}… that is not a registered cosigner at 0\/0/);
  });
  describe("the signer's own key, taken as claimed and proven by its signature (vault-proof.ts provisionalProof)", () => {
    // A vault identical to the registered one but for cosigner 0's key: a stranger's xpub under
    // cosigner 0's fingerprint and origin, so every input claims cosigner 0's path with the stranger's key.
    const stranger = HDKey.fromMasterSeed(new Uint8Array(32).fill(7), { private: 0x04358394, public: 0x043587cf }).derive("m/48'/1'/0'/2'").publicExtendedKey;
    const swapped = new Wallet(parseDescriptor(formatDescriptor({ ...w.descriptor, keys: w.descriptor.keys.map((k, i) => (i === 0 ? { ...k, xpub: stranger } : k)) }, 'multi')), NET);
    const fp0 = w.descriptor.keys[0]!.fingerprint;
    // Its change replaced by the registered vault's own change (same amount), so only the inputs are foreign.
    const honestChange = Transaction.fromPSBT(psbt).getOutput(1);
    const evil = withChangeOutput(unsigned(swapped), (o) => ({ script: honestChange.script!, amount: o.amount!, bip32Derivation: honestChange.bip32Derivation, witnessScript: honestChange.witnessScript }));
    it('inputs whose script swaps in a stranger for our own key pass the review, then every one is refused as not-from-vault when the signature does not verify under the claimed key; nothing is output', async () => {
      let approved = false;
      const e = await refusal(signPsbt(evil, { ...opts(w, 0), approve: async () => void (approved = true) }));
      expect(approved).toBe(true);
      expect(e.findings.map((f) => [f.code, f.overridable])).toEqual([['not-from-vault', false], ['not-from-vault', false]]);
      for (const [i, at] of ['0/0', '1/3'].map((a) => [e.findings.findIndex((f) => f.message.includes(` at ${a};`)), a] as const)) {
        expect(e.findings[i]?.message).toMatch(new RegExp(`^input [01] is not from vault test: its witness script has key [0-9a-f]{16}… that is not a registered cosigner at ${at}; cosigner ${fp0} is left out$`));
      }
    });
    it('the same inputs already "signed" under the claimed key are proven in full at review: refused before approval', async () => {
      const tx = Transaction.fromPSBT(evil);
      const claimed = tx.getInput(0).bip32Derivation!.find(([, d]) => fingerprintHex(d.fingerprint >>> 0) === fp0)![0];
      const fake = ECPair.fromPrivateKey(Buffer.alloc(32, 3)).sign(Buffer.alloc(32, 1), true);
      tx.updateInput(0, { partialSig: [[claimed, Uint8Array.from([...bitcoin.script.signature.encode(fake, 1)])]] });
      let approved = false;
      const e = await refusal(signPsbt(tx.toPSBT(), { ...opts(w, 0), approve: async () => void (approved = true) }));
      expect(approved).toBe(false);
      expect(e.findings.filter((f) => f.code === 'not-from-vault').map((f) => f.message.slice(0, 8))).toContain('input 0 ');
    });
    it('an honest PSBT: every input signed, proven by its verified signature, and nothing in the review says provisional', async () => {
      const signed = await signPsbt(psbt, opts(w, 0));
      expect(signed.signatures.map((x) => x.index)).toEqual([0, 1]);
      expect(signed.prepared.review.inputs.every((r) => r.ours && !('provisional' in r.ours))).toBe(true);
      // A watch-only review (psbt inspect) never takes the shortcut: its proof derives every key.
      const watch = await prepare(psbt, { network: NET, vault: { wallet: w, label: 'vault test' } });
      expect(watch.review.inputs.every((r) => r.vault && !r.ours)).toBe(true);
    });
  });
  it('a vault input stripped of its derivations and witness script is named as paying the vault (foreign-input-ours)', async () => {
    const tx = Transaction.fromPSBT(psbt);
    const out = new Transaction({ allowUnknownOutputs: true, lockTime: tx.lockTime });
    for (let i = 0; i < tx.inputsLength; i++) {
      const { bip32Derivation: _d, witnessScript: _w, ...rest } = tx.getInput(i);
      out.addInput(i === 1 ? rest : tx.getInput(i));
    }
    for (let i = 0; i < tx.outputsLength; i++) out.addOutput(tx.getOutput(i));
    const ok = await signPsbt(out.toPSBT(), opts(w, 0));
    const warn = ok.prepared.findings.find((f) => f.code === 'foreign-input-ours');
    const at = w.findScript(tx.getInput(1).witnessUtxo!.script, 20)!;
    expect(warn?.message).toContain(`input 1 is presented as not ours, yet it spends our own address at wsh-multi vault m/48h/1h/0h/2h/${at.branch}/${at.index}:`);
    expect(ok.signatures.map((x) => x.index)).toEqual([0]);
  });
  it('a vault input without the vault is refused with what to give (exit 2)', async () => {
    await expect(signPsbt(psbt, { network: NET, keys: keysOf(0) })).rejects.toThrow(/multisig vault input.*--wallet vault\.json/);
  });
  it('the signer takes its child key from the vault proof only when the seed holds the registered account key, and verifies every signature against it', async () => {
    // Another seed's keys under cosigner 1's fingerprint: its account key is not the registered
    // xpub, so the proof asks it for its own child keys, which are not the script's: not-our-seed.
    const stranger = SeedKeys.fromSeed(new Uint8Array(32).fill(9));
    const sfp = stranger.fingerprint;
    const seen: boolean[] = [];
    const posing = (holds: (...a: Parameters<SeedKeys['holdsAccount']>) => boolean): SigningKeys => ({
      fingerprints: keysOf(1).fingerprints,
      label: 'seed',
      publicKey: (_f, p) => stranger.publicKey(sfp, p),
      keyPair: (_f, p) => stranger.keyPair(fingerprintHex(sfp), p),
      signingKey: (_f, p) => stranger.signingKey(fingerprintHex(sfp), p),
      holdsAccount: holds,
    });
    const honest = posing((_f, origin, account) => (seen.push(stranger.holdsAccount(sfp, origin, account)), seen.at(-1)!));
    await expect(signPsbt(psbt, { ...opts(w, 1), keys: honest })).rejects.toThrow(/no input belongs to this seed/);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((x) => !x)).toBe(true);
    // Claiming (falsely) to hold the account key: the proof then takes cosigner 1's key, and the
    // signature the other private key makes fails verification against it; nothing is output.
    await expect(signPsbt(psbt, { ...opts(w, 1), keys: posing(() => true) })).rejects.toThrow(/does not verify; nothing was output/);
  });
  it('signing twice with the same seed adds nothing and says so', async () => {
    const once = (await signPsbt(psbt, { ...opts(w, 0), encoding: 'binary' })).raw;
    await expect(signPsbt(once, opts(w, 0))).rejects.toThrow(InputError);
    await expect(signPsbt(once, opts(w, 0))).rejects.toThrow(/already signed by it; nothing to add/);
  });
  it('a vault input whose witness_script was stripped cannot be finalized', async () => {
    const a = decodePsbt((await signPsbt(psbt, { ...opts(w, 0), encoding: 'binary' })).raw).tx;
    const b = decodePsbt((await signPsbt(psbt, { ...opts(w, 1), encoding: 'binary' })).raw).tx;
    const c = combinePsbts([{ tx: a, field: 'a' }, { tx: b, field: 'b' }]);
    const stripped = Transaction.fromPSBT(c.toPSBT());
    const raw = stripped.toPSBT();
    const tx = Transaction.fromPSBT(raw);
    (tx as unknown as { inputs: { witnessScript?: Uint8Array }[] }).inputs[0]!.witnessScript = undefined;
    expect(() => finalizePsbt(tx)).toThrow(/vault input without its witness_script/);
  });
  it('one signature of two: finalize names the cosigners still missing', async () => {
    const a = decodePsbt((await signPsbt(psbt, { ...opts(w, 2), encoding: 'binary' })).raw).tx;
    expect(() => finalizePsbt(a)).toThrow(/has 1 of the 2 signatures it needs; 1 more from: (73c5da0a|b8688df1), (73c5da0a|b8688df1)/);
  });
  it('a combine of PSBTs of two different transactions is refused, naming the file', () => {
    const a = decodePsbt(psbt).tx;
    const b = decodePsbt(unsigned(w, [150_000n, 70_000n], 170_000n)).tx;
    expect(() => combinePsbts([{ tx: a, field: 'a.psbt' }, { tx: b, field: 'b.psbt' }])).toThrow(/b\.psbt: is a PSBT for another transaction/);
  });
});
