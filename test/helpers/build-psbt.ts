/**
 * Test and benchmark PSBTs from a known seed, built with @scure/btc-signer the way a watch-only
 * updater would: one previous transaction per input (so non_witness_utxo proves each amount),
 * BIP32 (or BIP371 taproot) derivations for every input and for the change output.
 * Seed: "abandon ×11 about" (the demo's sample mnemonic), fingerprint 73c5da0a.
 */
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { p2pkh, p2sh, p2tr, p2wpkh, RawTx, Transaction, NETWORK, TEST_NETWORK } from '@scure/btc-signer';
import { sha256 } from '@noble/hashes/sha2.js';
import { ByteWriter } from '../../src/core/bytes.js';
import { SeedKeys } from '../../src/core/btc/seed-keys.js';

export const SAMPLE_MNEMONIC = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
export type Kind = 'wpkh' | 'sh-wpkh' | 'pkh' | 'tr';
const H = 0x80000000;
const PURPOSE: Record<Kind, number> = { pkh: 44, 'sh-wpkh': 49, wpkh: 84, tr: 86 };

export interface BuildOptions {
  kind: Kind;
  inputs: number;
  /** Sats per input (default 100 000). */
  amount?: bigint;
  mainnet?: boolean;
  /** Include non_witness_utxo (default true). */
  nonWitness?: boolean;
  /** Omit witness_utxo for segwit inputs. */
  noWitnessUtxo?: boolean;
  /** Recipient amount (default: half the inputs). */
  send?: bigint;
  fee?: bigint;
  /** Change-derivation tampering: claim change at this index but pay to index+1. */
  fakeChange?: boolean;
  /** Master seed override (another wallet). */
  mnemonic?: string;
  passphrase?: string;
  /** Master key override (a seed that is not a BIP39 mnemonic's, e.g. SLIP-39's). */
  root?: HDKey;
  sighashType?: number;
  /** Coin type in the derivation paths (default: the network's). */
  coinType?: number;
  /** nLockTime (default 0). */
  lockTime?: number;
}

const roots = new Map<string, HDKey>();

/** The signer's keys (src/core/btc/seed-keys.ts) of a mnemonic, for driving the real signer pipeline. */
export function seedKeysOf(mnemonic = SAMPLE_MNEMONIC, passphrase = ''): SeedKeys {
  return new SeedKeys(rootOf(mnemonic, passphrase));
}

/** The master key of a mnemonic (memoised: BIP39's PBKDF2 is deliberately slow). */
export function rootOf(mnemonic = SAMPLE_MNEMONIC, passphrase = ''): HDKey {
  const k = `${mnemonic}\u0000${passphrase}`;
  let r = roots.get(k);
  if (!r) roots.set(k, (r = HDKey.fromMasterSeed(mnemonicToSeedSync(mnemonic, passphrase))));
  return r;
}

function payment(kind: Kind, pub: Uint8Array, net: typeof NETWORK) {
  switch (kind) {
    case 'wpkh':
      return p2wpkh(pub, net);
    case 'sh-wpkh':
      return p2sh(p2wpkh(pub, net), net);
    case 'pkh':
      return p2pkh(pub, net);
    case 'tr':
      return p2tr(pub.subarray(1), undefined, net);
  }
}

/** Build an unsigned PSBT (binary). */
export function buildPsbt(o: BuildOptions): Uint8Array {
  const net = o.mainnet ? NETWORK : TEST_NETWORK;
  const root = o.root ?? rootOf(o.mnemonic, o.passphrase);
  const fp = root.fingerprint;
  const coin = o.coinType ?? (o.mainnet ? 0 : 1);
  const accountPath = [PURPOSE[o.kind] + H, coin + H, H];
  const account = root.derive(`m/${PURPOSE[o.kind]}'/${coin}'/0'`);
  const amount = o.amount ?? 100_000n;
  const tx = new Transaction({ allowUnknownOutputs: true, lockTime: o.lockTime ?? 0 });
  const receive = account.deriveChild(0);
  for (let i = 0; i < o.inputs; i++) {
    const key = receive.deriveChild(i);
    const pub = key.publicKey!;
    const pay = payment(o.kind, pub, net);
    const prevRaw = RawTx.encode({
      version: 2,
      segwitFlag: false,
      inputs: [{ txid: sha256(new Uint8Array([i & 0xff, (i >> 8) & 0xff, (i >> 16) & 0xff, 7])), index: 1, finalScriptSig: new Uint8Array([0x51]), sequence: 0xffffffff }],
      outputs: [{ script: pay.script, amount }, { script: new Uint8Array([0x6a]), amount: 0n }],
      witnesses: [],
      lockTime: 0,
    });
    const prevId = Transaction.fromRaw(prevRaw, { allowUnknownOutputs: true, allowUnknownInputs: true, disableScriptCheck: true }).id;
    const path = [...accountPath, 0, i];
    const base: Parameters<Transaction['addInput']>[0] = { txid: prevId, index: 0, sequence: 0xfffffffd };
    if (o.nonWitness !== false || o.kind === 'pkh') base.nonWitnessUtxo = prevRaw;
    if (o.kind !== 'pkh' && !o.noWitnessUtxo) base.witnessUtxo = { script: pay.script, amount };
    if (o.kind === 'sh-wpkh') base.redeemScript = p2wpkh(pub, net).script;
    if (o.kind === 'tr') {
      base.tapInternalKey = pub.subarray(1);
      base.tapBip32Derivation = [[pub.subarray(1), { hashes: [], der: { fingerprint: fp, path } }]];
    } else base.bip32Derivation = [[pub, { fingerprint: fp, path }]];
    if (o.sighashType !== undefined) base.sighashType = o.sighashType;
    tx.addInput(base);
  }
  const total = amount * BigInt(o.inputs);
  const fee = o.fee ?? BigInt(o.inputs) * 100n + 200n;
  const send = o.send ?? total / 2n;
  // A stranger's P2WPKH recipient.
  tx.addOutput({ script: p2wpkh(rootOf('zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong').derive("m/84'/0'/0'/0/0").publicKey!, net).script, amount: send });
  const changeKey = account.deriveChild(1).deriveChild(3);
  const payTo = o.fakeChange ? account.deriveChild(1).deriveChild(4) : changeKey;
  const change = payment(o.kind, payTo.publicKey!, net);
  const changePath = [...accountPath, 1, 3];
  const out: Parameters<Transaction['addOutput']>[0] = { script: change.script, amount: total - send - fee };
  if (o.kind === 'tr') {
    out.tapInternalKey = changeKey.publicKey!.subarray(1);
    out.tapBip32Derivation = [[changeKey.publicKey!.subarray(1), { hashes: [], der: { fingerprint: fp, path: changePath } }]];
  } else out.bip32Derivation = [[changeKey.publicKey!, { fingerprint: fp, path: changePath }]];
  if (o.fakeChange && o.kind === 'tr') delete out.tapInternalKey;
  tx.addOutput(out);
  return tx.toPSBT();
}

/**
 * The same P2WPKH PSBT as `buildPsbt({ kind: 'wpkh', inputs })`, written directly as BIP174 bytes
 * in one linear pass (btc-signer's addInput re-validates the whole transaction each time, so
 * 10,000 inputs would take many minutes). A test checks both builders agree byte for byte.
 */
export function buildWpkhFast(inputs: number, amount = 100_000n): Uint8Array {
  const net = TEST_NETWORK;
  const root = rootOf();
  const fp = root.fingerprint;
  const account = root.derive("m/84'/1'/0'");
  const receive = account.deriveChild(0);
  const der = (path: number[]) => {
    const w = new ByteWriter(4 + 4 * path.length);
    w.u8(fp >>> 24).u8(fp >>> 16).u8(fp >>> 8).u8(fp); // the fingerprint's bytes, as HASH160 gives them
    for (const p of path) w.u32(p);
    return w.finish();
  };
  const pair = (w: ByteWriter, key: Uint8Array, value: Uint8Array) => w.varBytes(key).varBytes(value);
  const ins: { id: Uint8Array; prev: Uint8Array; script: Uint8Array; pub: Uint8Array; path: number[] }[] = [];
  for (let i = 0; i < inputs; i++) {
    const pub = receive.deriveChild(i).publicKey!;
    const script = p2wpkh(pub, net).script;
    const prev = new ByteWriter(128)
      .u32(2)
      .compact(1)
      .reversed(sha256(new Uint8Array([i & 0xff, (i >> 8) & 0xff, (i >> 16) & 0xff, 7])))
      .u32(1)
      .varBytes(new Uint8Array([0x51]))
      .u32(0xffffffff)
      .compact(2)
      .u64(amount)
      .varBytes(script)
      .u64(0n)
      .varBytes(new Uint8Array([0x6a]))
      .u32(0)
      .finish();
    ins.push({ id: sha256(sha256(prev)), prev, script, pub, path: [84 + H, 1 + H, H, 0, i] });
  }
  const total = amount * BigInt(inputs);
  const fee = BigInt(inputs) * 100n + 200n;
  const send = total / 2n;
  const to = p2wpkh(rootOf('zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong').derive("m/84'/0'/0'/0/0").publicKey!, net).script;
  const changePub = account.deriveChild(1).deriveChild(3).publicKey!;
  const change = p2wpkh(changePub, net).script;
  const tx = new ByteWriter(64 + 41 * inputs).u32(2).compact(inputs);
  for (const x of ins) tx.bytes(x.id).u32(0).compact(0).u32(0xfffffffd);
  tx.compact(2).u64(send).varBytes(to).u64(total - send - fee).varBytes(change).u32(0);
  const w = new ByteWriter(300 * inputs + 256).bytes(new Uint8Array([0x70, 0x73, 0x62, 0x74, 0xff]));
  pair(w, new Uint8Array([0x00]), tx.finish());
  w.u8(0);
  for (const x of ins) {
    pair(w, new Uint8Array([0x00]), x.prev);
    pair(w, new Uint8Array([0x01]), new ByteWriter(40).u64(amount).varBytes(x.script).finish());
    pair(w, Uint8Array.from([0x06, ...x.pub]), der(x.path));
    w.u8(0);
  }
  w.u8(0);
  pair(w, Uint8Array.from([0x02, ...changePub]), der([84 + H, 1 + H, H, 1, 3]));
  w.u8(0);
  return w.finish();
}
