/**
 * The fast PSBT reader against @scure/btc-signer, differentially: on the BIP174/370/371 vectors,
 * our own and other wallets' PSBTs, and thousands of mutations of them (fixed seed), whenever the
 * fast reader accepts a PSBT btc-signer must accept it too and both must give the same view of
 * every field the review and signer use. (When the fast reader declines, btc-signer reads the PSBT,
 * so declining is always safe.)
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { base64 } from '@scure/base';
import { decodePsbt } from '../../../src/core/btc/psbt-codec.js';
import { psbtBytesFrom } from '../../../src/core/btc/psbt-encoding.js';
import { fastReadPsbt } from '../../../src/core/btc/psbt-fast-reader.js';
import { viewOf, type PsbtView } from '../../../src/core/btc/psbt-view.js';
import { buildPsbt, type Kind } from '../../helpers/build-psbt.js';
import { fixturePath, mediawikiCases } from '../../helpers/mediawiki-vectors.js';
import { mnemonicToSeedSync } from '@scure/bip39';
import { NETWORKS } from '../../../src/core/network.js';
import { createPsbt } from '../../../src/core/btc/create.js';
import { parseListUnspent } from '../../../src/core/btc/utxos.js';
import { parsePrevTxs } from '../../../src/core/btc/prev-txs.js';
import { parseRecipient } from '../../../src/core/btc/recipient.js';
import { SeedKeys } from '../../../src/core/btc/seed-keys.js';
import { signPsbt } from '../../../src/core/btc/signer.js';
import { parseDescriptor } from '../../../src/core/wallet/descriptor.js';
import { Wallet } from '../../../src/core/wallet/wallet.js';
import { COSIGNER_MNEMONICS, cosignerKey, vaultUtxos } from '../../helpers/vault-data.js';

const hex = (b?: Uint8Array) => (b ? Buffer.from(b).toString('hex') : undefined);
const der = (d: { fingerprint: number; path: number[] }) => [d.fingerprint >>> 0, ...d.path];

/** Everything the review and signer read, as plain comparable data. */
function normalize(v: PsbtView): unknown {
  const ins = [];
  for (let i = 0; i < v.inputsLength; i++) {
    const x = v.getInput(i);
    const n = x.nonWitnessUtxo;
    ins.push({
      txid: hex(x.txid), index: x.index, sequence: x.sequence,
      nwu: n && { version: n.version, lockTime: n.lockTime, inputs: n.inputs.map((p) => [hex(p.txid), p.index, hex(p.finalScriptSig) ?? '', p.sequence]), outputs: n.outputs.map((o) => [o.amount, hex(o.script)]) },
      wu: x.witnessUtxo && [x.witnessUtxo.amount, hex(x.witnessUtxo.script)],
      partialSig: x.partialSig?.map(([k, s]) => [hex(k), hex(s)]),
      sighash: x.sighashType, redeem: hex(x.redeemScript), witnessScript: hex(x.witnessScript),
      bip32: x.bip32Derivation?.map(([k, d]) => [hex(k), der(d)]),
      final: [hex(x.finalScriptSig), x.finalScriptWitness?.map(hex)],
      tapKeySig: hex(x.tapKeySig), tapScriptSig: x.tapScriptSig?.length, tapLeafScript: x.tapLeafScript?.length,
      tapBip32: x.tapBip32Derivation?.map(([k, t]) => [hex(k), t.hashes.map(hex), der(t.der)]),
      tapInternalKey: hex(x.tapInternalKey), tapMerkleRoot: hex(x.tapMerkleRoot),
    });
  }
  const outs = [];
  for (let i = 0; i < v.outputsLength; i++) {
    const o = v.getOutput(i);
    outs.push({ script: hex(o.script), amount: o.amount, redeem: hex(o.redeemScript), witnessScript: hex(o.witnessScript), bip32: o.bip32Derivation?.map(([k, d]) => [hex(k), der(d)]), tapBip32: o.tapBip32Derivation?.map(([k, t]) => [hex(k), t.hashes.map(hex), der(t.der)]), tapInternalKey: hex(o.tapInternalKey) });
  }
  return { psbtVersion: v.psbtVersion, version: v.version, lockTime: v.lockTime, ins, outs };
}

function prng(seed: number) {
  let x = seed >>> 0;
  return (n: number): number => {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    return x % n;
  };
}

const KINDS: Kind[] = ['wpkh', 'sh-wpkh', 'pkh', 'tr'];
const ours = KINDS.flatMap((kind) => [buildPsbt({ kind, inputs: 3 }), buildPsbt({ kind, inputs: 2, nonWitness: false, fakeChange: true, sighashType: kind === 'tr' ? 0 : 1 })]);
const theirs = readdirSync(fixturePath('psbt-wallets')).filter((f) => f.endsWith('.psbt')).map((f) => psbtBytesFrom(readFileSync(fixturePath(`psbt-wallets/${f}`))).bytes);
const vectors = ['bip174', 'bip370', 'bip371'].flatMap((s) => mediawikiCases(`${s}/test-vectors.mediawiki`).map((c) => base64.decode(c.base64)));

/** 2-of-3 vault PSBTs (P2WSH and P2SH-P2WSH; witness scripts, change witness scripts, global xpubs), unsigned and signed by one cosigner. */
async function vaultPsbts(): Promise<Uint8Array[]> {
  const net = NETWORKS.testnet;
  const out: Uint8Array[] = [];
  for (const [fn, type] of [['wsh', 2], ['sh-wsh', 1]] as const) {
    const body = `sortedmulti(2,${[0, 1, 2].map((i) => `${cosignerKey(COSIGNER_MNEMONICS[i]!, type)}/<0;1>/*`).join(',')})`;
    const w = new Wallet(parseDescriptor(fn === 'wsh' ? `wsh(${body})` : `sh(wsh(${body}))`), net);
    const u = vaultUtxos(w, [{ branch: 0, index: 0, sats: 150_000n }, { branch: 1, index: 3, sats: 70_000n }]);
    const psbt = createPsbt({ wallet: w, utxos: parseListUnspent(JSON.stringify(u.listunspent)), recipients: [parseRecipient('tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx:0.0018', net)], rateMsat: 3000n, prevTxs: parsePrevTxs(u.prevTxs), rbf: true, lockTime: 0, gapLimit: 20, changePosition: () => 1 }).psbt;
    const signed = await signPsbt(psbt, { network: net, keys: SeedKeys.fromSeed(mnemonicToSeedSync(COSIGNER_MNEMONICS[0]!)), vault: { wallet: w, label: 'fast reader test' }, trim: false, encoding: 'binary' });
    out.push(psbt, signed.raw);
  }
  return out;
}

/** Check one PSBT; returns whether the fast reader accepted it. */
function agree(raw: Uint8Array): boolean {
  const fast = fastReadPsbt(raw);
  if (!fast) return false;
  let slow: PsbtView;
  try {
    slow = viewOf(decodePsbt(raw).tx);
  } catch (e) {
    throw new Error(`fast reader accepted a PSBT btc-signer refuses (${(e as Error).message}): ${base64.encode(raw)}`);
  }
  expect(normalize(fast)).toEqual(normalize(slow));
  return true;
}


/**
 * Mutate `count` copies of random seeds (a flipped bit, a random byte, or a cut, never in the magic)
 * and count those the fast reader accepts; `agree` fails the test on any disagreement.
 */
function mutationsAgreed(seeds: readonly Uint8Array[], count: number, rnd: (n: number) => number): number {
  let accepted = 0;
  for (let n = 0; n < count; n++) {
    const b = Uint8Array.from(seeds[rnd(seeds.length)]!);
    const k = rnd(3);
    let m: Uint8Array = b;
    if (k === 0) b[5 + rnd(b.length - 5)]! ^= 1 << rnd(8);
    else if (k === 1) b[5 + rnd(b.length - 5)] = rnd(256);
    else m = b.subarray(0, 5 + rnd(b.length - 5));
    if (agree(m)) accepted++;
  }
  return accepted;
}
describe('fast PSBT reader', () => {
  it('reads every PSBT coldkit builds and the other wallets\' unsigned PSBTs, identically to btc-signer', () => {
    expect(ours.filter(agree).length).toBeGreaterThanOrEqual(7);
    expect(theirs.filter(agree).length).toBeGreaterThanOrEqual(4);
  });

  it('reads 2-of-3 vault PSBTs (P2WSH, P2SH-P2WSH; unsigned and with one partial signature) identically to btc-signer', async () => {
    const vaults = await vaultPsbts();
    expect(vaults.filter(agree).length).toBe(vaults.length);
  });

  it('reads a Node Buffer (what a file read gives) without changing its bytes, with the same view', async () => {
    for (const raw of [...ours, ...(await vaultPsbts())]) {
      const buf = Buffer.from(raw);
      const view = fastReadPsbt(buf);
      if (!view) continue;
      expect(Buffer.compare(buf, Buffer.from(raw))).toBe(0);
      expect(view.getInput(0).txid).toEqual(fastReadPsbt(Uint8Array.from(raw))!.getInput(0).txid);
    }
  });

  it('600 mutations of vault PSBTs: fast accepts ⇒ btc-signer accepts with the same view', async () => {
    const rnd = prng(0x5a017);
    const seeds = await vaultPsbts();
    const accepted = mutationsAgreed(seeds, 600, rnd);
    expect(accepted).toBeGreaterThan(30);
  });

  it('never accepts a BIP174/370/371 vector btc-signer refuses; agrees on those it reads', () => {
    let accepted = 0;
    for (const raw of vectors) if (agree(raw)) accepted++;
    expect(accepted).toBeGreaterThan(0);
  });

  it('3000 mutations: fast accepts ⇒ btc-signer accepts with the same view', () => {
    const rnd = prng(0xfa57);
    const seeds = [...ours, ...theirs, ...vectors];
    const accepted = mutationsAgreed(seeds, 3000, rnd);
    expect(accepted).toBeGreaterThan(100);
  });
});
