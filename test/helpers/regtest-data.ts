/**
 * Regtest data for the online PSBT tests: funding transactions paying to a wallet's addresses (as
 * a regtest node would have mined them), the `bitcoin-cli listunspent` JSON a node prints for
 * them, and the `getrawtransaction` hex of each. Keys come from the public test mnemonic.
 */
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { sha256 } from '@noble/hashes/sha2.js';
import { ripemd160 } from '@noble/hashes/legacy.js';
import { schnorr } from '@noble/curves/secp256k1.js';
import { hex } from '@scure/base';
import { Address, OutScript, RawTx } from '@scure/btc-signer';

export const MNEMONIC = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
export const REGTEST = { bech32: 'bcrt', pubKeyHash: 0x6f, scriptHash: 0xc4, wif: 0xef };
export const TESTNET = { bech32: 'tb', pubKeyHash: 0x6f, scriptHash: 0xc4, wif: 0xef };
export const PURPOSE = { pkh: 44, 'sh-wpkh': 49, wpkh: 84, tr: 86 } as const;
export type Script = keyof typeof PURPOSE;
export const SCRIPTS: Script[] = ['pkh', 'sh-wpkh', 'wpkh', 'tr'];

const TPUB = { public: 0x043587cf, private: 0x04358394 };

/** The account node m/purpose'/1'/0' of the test mnemonic. */
export function accountNode(script: Script): HDKey {
  return HDKey.fromMasterSeed(mnemonicToSeedSync(MNEMONIC), TPUB).derive(`m/${PURPOSE[script]}'/1'/0'`);
}

/** A UTXO to fund: branch (0 receive, 1 change), index, sats. */
export interface Fund {
  branch: number;
  index: number;
  sats: bigint;
}

const sha256d = (b: Uint8Array) => sha256(sha256(b));

/** A raw transaction paying `outputs`, spending a made-up coinbase-like outpoint numbered `n`. */
export function rawFunding(outputs: { script: Uint8Array; amount: bigint }[], n: number): { hex: string; txid: string } {
  const prev = new Uint8Array(32).fill(0);
  prev[0] = n & 0xff;
  prev[1] = 0xaa;
  const raw = RawTx.encode({
    version: 2,
    segwitFlag: false,
    inputs: [{ txid: prev, index: n, finalScriptSig: new Uint8Array([0x51]), sequence: 0xfffffffe }],
    outputs,
    witnesses: [],
    lockTime: 0,
  });
  return { hex: hex.encode(raw), txid: hex.encode(sha256d(raw).reverse()) };
}

/** Descriptor origin text of a key, as Core's listunspent `desc` shows it. */
function descOf(script: Script, fp: string, branch: number, index: number, pub: string): string {
  const origin = `[${fp}/${PURPOSE[script]}h/1h/0h/${branch}/${index}]`;
  const inner = script === 'tr' ? pub.slice(2) : pub;
  return script === 'sh-wpkh' ? `sh(wpkh(${origin}${inner}))` : `${script}(${origin}${inner})`;
}

/** The output script and address for key `pub` under `script` on `net`. */
export function outputOf(script: Script, pub: Uint8Array, net = REGTEST): { script: Uint8Array; address: string } {
  let s: Uint8Array;
  if (script === 'pkh') s = OutScript.encode({ type: 'pkh', hash: hash160(pub) });
  else if (script === 'wpkh') s = OutScript.encode({ type: 'wpkh', hash: hash160(pub) });
  else if (script === 'sh-wpkh') s = OutScript.encode({ type: 'sh', hash: hash160(OutScript.encode({ type: 'wpkh', hash: hash160(pub) })) });
  else s = OutScript.encode({ type: 'tr', pubkey: trOutputKey(pub.subarray(1)) });
  return { script: s, address: Address(net).encode(OutScript.decode(s)) };
}

function hash160(b: Uint8Array): Uint8Array {
  return ripemd160(sha256(b));
}
/** BIP86 output key: internal key tweaked with TaggedHash("TapTweak", x). */
export function trOutputKey(x: Uint8Array): Uint8Array {
  const tag = sha256(new TextEncoder().encode('TapTweak'));
  const t = sha256(new Uint8Array([...tag, ...tag, ...x]));
  const P = schnorr.Point.fromHex(hex.encode(new Uint8Array([0x02, ...x])));
  const Q = P.add(schnorr.Point.BASE.multiply(BigInt('0x' + hex.encode(t))));
  return Q.toBytes(true).subarray(1);
}

/** Wallet UTXOs for `funds`: listunspent JSON (bitcoin-cli shape) and prev-txs hex lines. */
export function walletUtxos(script: Script, funds: Fund[], opts: { net?: typeof REGTEST; withDesc?: boolean; seed?: number } = {}) {
  const acct = accountNode(script);
  const fp = '73c5da0a';
  const entries = funds.map((f, i) => {
    const pub = acct.deriveChild(f.branch).deriveChild(f.index).publicKey!;
    const out = outputOf(script, pub, opts.net ?? REGTEST);
    // Each funding tx pays a stranger first, so our output sits at vout 1.
    const stranger = OutScript.encode({ type: 'wpkh', hash: new Uint8Array(20).fill(7 + i) });
    const tx = rawFunding([{ script: stranger, amount: 12345n }, { script: out.script, amount: f.sats }], (opts.seed ?? 0) * 16 + i);
    return { f, pub, out, tx };
  });
  const listunspent = entries.map((e, i) => ({
    txid: e.tx.txid,
    vout: 1,
    address: e.out.address,
    label: '',
    scriptPubKey: hex.encode(e.out.script),
    amount: Number(e.f.sats) / 1e8,
    confirmations: 10 + i,
    spendable: true,
    solvable: true,
    ...(opts.withDesc !== false ? { desc: descOf(script, fp, e.f.branch, e.f.index, hex.encode(e.pub)) } : {}),
    parent_descs: [],
    safe: true,
  }));
  return {
    listunspent,
    prevTxs: entries.map((e) => e.tx.hex).join('\n') + '\n',
    prevouts: new Map(entries.map((e) => [`${e.tx.txid}:1`, { script: e.out.script, amount: e.f.sats }])),
  };
}

/** A stranger's address on regtest of each kind (a payee). */
export function payee(kind: 'wpkh' | 'tr' | 'pkh' = 'wpkh', net = REGTEST): string {
  if (kind === 'pkh') return Address(net).encode({ type: 'pkh', hash: new Uint8Array(20).fill(0x42) });
  if (kind === 'tr') return Address(net).encode({ type: 'tr', pubkey: trOutputKey(schnorr.getPublicKey(new Uint8Array(32).fill(0x11))) });
  return Address(net).encode({ type: 'wpkh', hash: new Uint8Array(20).fill(0x42) });
}
