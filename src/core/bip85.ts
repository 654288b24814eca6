/**
 * BIP85: deterministic entropy from a BIP32 keychain, so a cold master seed can issue child seeds
 * and keys without a new backup.
 *
 * "For each application that requires its own wallet, a unique private key is derived from the
 * BIP32 master root key using a fully hardened derivation path. The resulting private key (k) is
 * then processed with HMAC-SHA512, where the key is "bip-entropy-from-k", and the message payload
 * is the private key k." Paths are m/83696968'/{app}'/…'. Applications here:
 *
 *   BIP39 (39')      m/83696968'/39'/{language}'/{words}'/{index}'   English (0') only
 *   HD-seed WIF (2') m/83696968'/2'/{index}'                         first 32 bytes, compressed WIF
 *   XPRV (32')       m/83696968'/32'/{index}'     chain code = bytes 0..32, key = bytes 32..64
 *   HEX (128169')    m/83696968'/128169'/{num_bytes}'/{index}'       16 ≤ num_bytes ≤ 64
 *   PWD BASE64 (707764'), PWD BASE85 (707785'), DICE (89101', via BIP85-DRNG-SHAKE256) and
 *   Nostr (128002'), whose test vectors the BIP also gives.
 *
 * A derived key of zero or ≥ n "should hard fail (forcing users to iterate to the next index)".
 * Pure: the root key comes in, values go out. Callers keep results away from logs and journals.
 */
import { bech32, base64 } from '@scure/base';
import { HDKey } from '@scure/bip32';
import { WIF } from '@scure/btc-signer';
import { hmac } from '@noble/hashes/hmac.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { shake256 } from '@noble/hashes/sha3.js';
import { mnemonicFromEntropy } from './bip39/mnemonic.js';
import { InputError } from './errors.js';
import type { BtcNetwork } from './network.js';
import { HARDENED, formatPath } from './hd/path.js';
import { SECP256K1_N } from './curve-order.js';

/** The BIP85 purpose, 83696968' ("SEED" in ASCII decimal). */
export const BIP85_PURPOSE = 83696968;
const KEY = new TextEncoder().encode('bip-entropy-from-k');
const N = SECP256K1_N;

/** A derived value with the path it came from (formatted with ' for hardened, as the BIP writes it). */
export interface Bip85Derived<T> {
  path: string;
  value: T;
}

function index(n: number, field: string): number {
  if (!Number.isInteger(n) || n < 0 || n >= HARDENED) throw new InputError(`must be an integer from 0 to ${HARDENED - 1}`, field);
  return n;
}

/**
 * The 64 bytes of BIP85 entropy at `levels` below m/83696968' (each level hardened here). The
 * root must be a master private key (depth 0): BIP85 derives from "the BIP32 master root key".
 */
export function bip85Entropy(root: HDKey, levels: readonly number[]): Bip85Derived<Uint8Array> {
  if (!root.privateKey) throw new InputError('BIP85 needs the master private key, not a public key', 'root');
  if (root.depth !== 0) throw new InputError(`BIP85 derives from the master root key (depth 0), this key is at depth ${root.depth}`, 'root');
  const indices = [BIP85_PURPOSE, ...levels].map((i) => index(i, 'path') + HARDENED);
  let node = root;
  for (const i of indices) node = node.deriveChild(i);
  const k = node.privateKey!;
  const entropy = hmac(sha512, KEY, k);
  node.wipePrivateData();
  return { path: formatPath(indices), value: entropy };
}

/** A 32-byte secp256k1 key from entropy, refusing 0 and values ≥ n as the BIP requires. */
function checkedKey(key: Uint8Array, path: string): Uint8Array {
  const d = BigInt('0x' + Array.from(key, (b) => b.toString(16).padStart(2, '0')).join(''));
  if (d === 0n || d >= N) throw new InputError(`the key derived at ${path} is not a valid secp256k1 key (probability below 2^-127); use the next index`, 'index');
  return key;
}

/** Word counts BIP85 application 39' defines, with their entropy bytes. */
export const BIP85_WORDS: Readonly<Record<number, number>> = { 12: 16, 15: 20, 18: 24, 21: 28, 24: 32 };

/** A child BIP39 mnemonic (English): the entropy truncated to the word count's length. */
export function bip85Mnemonic(root: HDKey, words: number, idx: number): Bip85Derived<{ entropy: Uint8Array; mnemonic: string }> {
  const bytes = BIP85_WORDS[words];
  if (bytes === undefined) throw new InputError(`BIP85 derives 12, 15, 18, 21 or 24 words, not ${words}`, 'words');
  const { path, value } = bip85Entropy(root, [39, 0, words, index(idx, 'index')]);
  const entropy = value.slice(0, bytes);
  value.fill(0);
  return { path, value: { entropy, mnemonic: mnemonicFromEntropy(entropy) } };
}

/** An HD-seed WIF (compressed) for Bitcoin Core wallets: the first 32 bytes as the key. */
export function bip85Wif(root: HDKey, idx: number, net: BtcNetwork): Bip85Derived<string> {
  const { path, value } = bip85Entropy(root, [2, index(idx, 'index')]);
  const key = checkedKey(value.slice(0, 32), path);
  value.fill(0);
  return { path, value: WIF({ bech32: net.bech32, pubKeyHash: net.pubKeyHash, scriptHash: net.scriptHash, wif: net.wif }).encode(key) };
}

/**
 * A child extended private key: "the first 32 bytes are the chain code, and the second 32 bytes
 * are the private key … Child number, depth, and parent fingerprint are forced to zero." TPRV only
 * when the root is a testnet key (the root's version bytes are kept).
 */
export function bip85Xprv(root: HDKey, idx: number): Bip85Derived<string> {
  const { path, value } = bip85Entropy(root, [32, index(idx, 'index')]);
  const privateKey = checkedKey(value.slice(32, 64), path);
  const child = new HDKey({ versions: root.versions, chainCode: value.slice(0, 32), privateKey, depth: 0, index: 0, parentFingerprint: 0 });
  value.fill(0);
  return { path, value: child.privateExtendedKey };
}

/** HEX: the first `numBytes` (16..64) bytes of the entropy. */
export function bip85Hex(root: HDKey, numBytes: number, idx: number): Bip85Derived<Uint8Array> {
  if (!Number.isInteger(numBytes) || numBytes < 16 || numBytes > 64) throw new InputError('HEX takes 16 to 64 bytes', 'bytes');
  const { path, value } = bip85Entropy(root, [128169, numBytes, index(idx, 'index')]);
  return { path, value: value.slice(0, numBytes) };
}

/** BIP85-DRNG-SHAKE256: a reader of SHAKE256 output seeded with exactly the 64 entropy bytes. */
export function bip85Drng(entropy: Uint8Array): (n: number) => Uint8Array {
  if (entropy.length !== 64) throw new InputError('BIP85-DRNG takes exactly 64 bytes of BIP85 entropy', 'entropy');
  const xof = shake256.create({}).update(entropy);
  return (n: number) => xof.xof(n);
}

/** PWD BASE64: base64 of all 64 bytes, first `length` (20..86) characters. */
export function bip85Base64Password(root: HDKey, length: number, idx: number): Bip85Derived<string> {
  if (!Number.isInteger(length) || length < 20 || length > 86) throw new InputError('a BASE64 password is 20 to 86 characters', 'length');
  const { path, value } = bip85Entropy(root, [707764, length, index(idx, 'index')]);
  return { path, value: base64.encode(value).slice(0, length) };
}

/** The Base85 alphabet of RFC 1924 (Python's base64.b85encode), which the BIP's vector uses. */
const B85 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~';

/** PWD BASE85: Base85 of all 64 bytes, first `length` (10..80) characters. */
export function bip85Base85Password(root: HDKey, length: number, idx: number): Bip85Derived<string> {
  if (!Number.isInteger(length) || length < 10 || length > 80) throw new InputError('a BASE85 password is 10 to 80 characters', 'length');
  const { path, value } = bip85Entropy(root, [707785, length, index(idx, 'index')]);
  let s = '';
  for (let i = 0; i < value.length; i += 4) {
    let v = ((value[i]! << 24) | (value[i + 1]! << 16) | (value[i + 2]! << 8) | value[i + 3]!) >>> 0;
    const group = new Array<string>(5);
    for (let j = 4; j >= 0; j--) {
      group[j] = B85[v % 85]!;
      v = Math.floor(v / 85);
    }
    s += group.join('');
  }
  return { path, value: s.slice(0, length) };
}

/**
 * DICE: `rolls` values in 0..sides−1 from BIP85-DRNG. Each trial reads ceil(bits/8) bytes, keeps
 * the most significant ceil(log2(sides)) bits, and is skipped when ≥ sides.
 */
export function bip85Dice(root: HDKey, sides: number, rolls: number, idx: number): Bip85Derived<number[]> {
  // The BIP allows up to 2^32−1, but both are hardened path levels, which hold at most 2^31−1.
  if (!Number.isInteger(sides) || sides < 2 || sides >= HARDENED) throw new InputError('a die has 2 to 2^31−1 sides', 'sides');
  if (!Number.isInteger(rolls) || rolls < 1 || rolls >= HARDENED) throw new InputError('roll 1 to 2^31−1 times', 'rolls');
  const { path, value } = bip85Entropy(root, [89101, sides, rolls, index(idx, 'index')]);
  const read = bip85Drng(value);
  const bits = Math.ceil(Math.log2(sides));
  const bytes = Math.ceil(bits / 8);
  const out: number[] = [];
  while (out.length < rolls) {
    const b = read(bytes);
    let v = 0n;
    for (const x of b) v = (v << 8n) | BigInt(x);
    const trial = Number(v >> BigInt(bytes * 8 - bits));
    if (trial < sides) out.push(trial);
  }
  return { path, value: out };
}

/** Nostr (128002'): the first 32 bytes as the secret key, NIP-19 `nsec` bech32. */
export function bip85Nostr(root: HDKey, identity: number, account: number): Bip85Derived<string> {
  const { path, value } = bip85Entropy(root, [128002, index(identity, 'identity'), index(account, 'account')]);
  const key = checkedKey(value.slice(0, 32), path);
  return { path, value: bech32.encode('nsec', bech32.toWords(key)) };
}
