/**
 * Taproot vaults: `tr(NUMS,sortedmulti_a(k,KEY_1,…,KEY_n))`, a P2TR output whose key path nobody
 * can spend and whose one script leaf is a k-of-n tapscript multisig.
 *
 * - BIP387: `multi_a(k,KEY_1,…,KEY_n)` "produces KEY_1 OP_CHECKSIG KEY_2 OP_CHECKSIGADD …
 *   KEY_n OP_CHECKSIGADD OP_k OP_NUMEQUAL" (k ≤ 16); for `sortedmulti_a` "the x-only public keys
 *   are sorted lexicographically prior to the creation of the output script".
 * - BIP341: the internal key is H = lift_x(0x50929b74…803ac0), "the SHA256 of the standard uncompressed
 *   encoding of the secp256k1 generator G", a point with no known discrete logarithm, so the key path
 *   is provably unspendable. coldkit uses H itself, as x-only hex the way BIP387's vectors write it
 *   (not an xpub over H with a chain code, re-derived per address, as Bitcoin Core's `unspendable`
 *   discussion proposes to hide that the key path is dead: delvingbitcoin.org/t/unspendable-keys-in-descriptors/304).
 * - BIP341 script tree of one leaf: leaf hash = TaggedHash("TapLeaf", 0xc0 || compact_size(len) ||
 *   script) is the Merkle root; output key Q = H tweaked by TaggedHash("TapTweak", H || root); the
 *   control block is (0xc0 | parity(Q)) || H (33 bytes, no path: one leaf).
 */
import { ByteWriter, compareBytes, concatBytes } from '../bytes.js';
import { InputError } from '../errors.js';
import { taggedHash } from '../hash.js';
import { taprootTreeOutputKey } from '../secp.js';
import { fromHex } from '../text.js';

/** BIP341's unspendable internal key H (x-only), hex. */
export const NUMS_HEX = '50929b74c1a04954b78b4b6035e97a5e078a5a0f28ec96d547bfee9ace803ac0';
/** BIP341's unspendable internal key H (x-only). */
export const NUMS = fromHex(NUMS_HEX, 'NUMS');
/** BIP342 tapscript leaf version (BIP341 "0xc0"). */
export const TAPSCRIPT_LEAF_VERSION = 0xc0;

const OP_CHECKSIG = 0xac;
const OP_CHECKSIGADD = 0xba;
const OP_NUMEQUAL = 0x9c;
const OP_1 = 0x51;

/** The k-of-n tapscript `x1 OP_CHECKSIG x2 OP_CHECKSIGADD … OP_k OP_NUMEQUAL`, x-only keys sorted first when `sorted` (BIP387). */
export function multiAScript(threshold: number, xonly: readonly Uint8Array[], sorted: boolean): Uint8Array {
  const n = xonly.length;
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > n || threshold > 16) throw new InputError(`threshold ${threshold} must be between 1 and the number of keys (${n})`, 'threshold');
  if (xonly.some((k) => k.length !== 32)) throw new InputError('every key of a tapscript multisig is a 32-byte x-only public key (BIP340)', 'keys');
  const list = sorted ? [...xonly].sort(compareBytes) : xonly;
  const out = new Uint8Array(34 * n + 2);
  list.forEach((k, i) => {
    out[34 * i] = 32;
    out.set(k, 34 * i + 1);
    out[34 * i + 33] = i === 0 ? OP_CHECKSIG : OP_CHECKSIGADD;
  });
  out[34 * n] = OP_1 + threshold - 1;
  out[34 * n + 1] = OP_NUMEQUAL;
  return out;
}

/** A tapscript multisig read back: threshold and x-only keys in script order. */
export interface MultiAPolicy {
  threshold: number;
  keys: Uint8Array[];
}

/** Read `x1 OP_CHECKSIG x2 OP_CHECKSIGADD … OP_k OP_NUMEQUAL` (k ≤ 16), or undefined when the script is not exactly that. */
export function parseMultiA(script: Uint8Array): MultiAPolicy | undefined {
  const len = script.length;
  if (len < 36 || (len - 2) % 34 !== 0) return undefined;
  const n = (len - 2) / 34;
  const keys: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    if (script[34 * i] !== 32 || script[34 * i + 33] !== (i === 0 ? OP_CHECKSIG : OP_CHECKSIGADD)) return undefined;
    keys.push(script.slice(34 * i + 1, 34 * i + 33));
  }
  const k = script[34 * n]! - OP_1 + 1;
  if (k < 1 || k > n || k > 16 || script[34 * n + 1] !== OP_NUMEQUAL) return undefined;
  return { threshold: k, keys };
}

/** BIP341 leaf hash: TaggedHash("TapLeaf", leaf_version || compact_size(len) || script). */
export function tapLeafHash(script: Uint8Array, leafVersion = TAPSCRIPT_LEAF_VERSION): Uint8Array {
  return taggedHash('TapLeaf', new ByteWriter(script.length + 4).u8(leafVersion).varBytes(script).finish());
}

/** Everything about one taproot vault output: its output key, leaf script and the control block that spends it. */
export interface TapVaultScripts {
  /** x-only output key Q. */
  outputKey: Uint8Array;
  /** The internal key (NUMS). */
  internalKey: Uint8Array;
  /** The one leaf: the k-of-n tapscript (BIP342, leaf version 0xc0). */
  leafScript: Uint8Array;
  leafHash: Uint8Array;
  /** BIP341 control block: (0xc0 | parity(Q)) || internal key. */
  controlBlock: Uint8Array;
}

/** The taproot vault output over the cosigners' keys (33-byte compressed, any order; the leaf sorts their x-only forms). */
export function tapVault(threshold: number, keys: readonly Uint8Array[]): TapVaultScripts {
  if (keys.some((k) => k.length !== 33)) throw new InputError('every cosigner key must be a 33-byte compressed public key', 'keys');
  const leafScript = multiAScript(threshold, keys.map((k) => k.subarray(1)), true);
  const leafHash = tapLeafHash(leafScript);
  const q = taprootTreeOutputKey(NUMS, leafHash);
  if (!q) throw new InputError('the cosigner keys give no valid taproot output key', 'keys');
  return { outputKey: q.outputKey, internalKey: NUMS, leafScript, leafHash, controlBlock: concatBytes(Uint8Array.of(TAPSCRIPT_LEAF_VERSION | q.parity), NUMS) };
}
