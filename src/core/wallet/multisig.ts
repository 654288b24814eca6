/**
 * Bare multisig scripts, the witness (or redeem) script of a vault:
 *
 *   OP_k <pubkey 1> … <pubkey n> OP_n OP_CHECKMULTISIG
 *
 * BIP383: `multi(k,KEY_1,…,KEY_n)` "produces the script k KEY_1 … KEY_n n OP_CHECKMULTISIG";
 * `sortedmulti(k,…)` is the same with the public keys "sorted lexicographically" (BIP67: "sorted
 * lexicographically by their compressed serialization", ascending). Segwit (BIP143) requires
 * compressed keys, and P2WSH allows 1 ≤ k ≤ n ≤ 20 (BIP383: "up to 20 keys in wsh"); coldkit's
 * vaults keep n ≤ 15 so the same policy also fits legacy P2SH and every hardware wallet.
 * `parseMultisig` reads such a script back (the PSBT's witness script) to name what differs from
 * a registered vault.
 */
import { compareBytes } from '../bytes.js';
import { InputError } from '../errors.js';

/** OP_CHECKMULTISIG. */
const OP_CHECKMULTISIG = 0xae;
/** OP_1 … OP_16 are 0x51 … 0x60. */
const OP_1 = 0x51;

/** Most keys in a P2WSH multisig script (BIP383 "up to 20 keys"); coldkit vaults use at most 15. */
export const MAX_WSH_KEYS = 20;

function isCompressed(k: Uint8Array): boolean {
  return k.length === 33 && (k[0] === 2 || k[0] === 3);
}

/** BIP67 order: ascending lexicographic order of the compressed public keys (a sorted copy). */
export function sortKeys(keys: readonly Uint8Array[]): Uint8Array[] {
  return [...keys].sort(compareBytes);
}

/** The script `OP_k <keys…> OP_n OP_CHECKMULTISIG`, keys sorted first when `sorted` (BIP383 sortedmulti). */
export function multisigScript(threshold: number, keys: readonly Uint8Array[], sorted: boolean, maxKeys = MAX_WSH_KEYS): Uint8Array {
  const n = keys.length;
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > n) throw new InputError(`threshold ${threshold} must be between 1 and the number of keys (${n})`, 'threshold');
  if (n > maxKeys) throw new InputError(`${n} keys is more than ${maxKeys} in a multisig script`, 'keys');
  if (keys.some((k) => !isCompressed(k))) throw new InputError('every key of a segwit multisig script must be a 33-byte compressed public key (BIP143)', 'keys');
  const list = sorted ? sortKeys(keys) : keys;
  const head = smallInt(threshold);
  const tail = smallInt(n);
  const out = new Uint8Array(head.length + 34 * n + tail.length + 1);
  out.set(head, 0);
  let at = head.length;
  for (const k of list) {
    out[at] = 33;
    out.set(k, at + 1);
    at += 34;
  }
  out.set(tail, at);
  out[at + tail.length] = OP_CHECKMULTISIG;
  return out;
}

/** A number as Script pushes it minimally (BIP62): OP_1…OP_16, else a one-byte push (17…20 keys under wsh). */
function smallInt(v: number): number[] {
  return v <= 16 ? [OP_1 + v - 1] : [1, v];
}

/** A multisig script read back: threshold and keys in script order. */
export interface MultisigPolicy {
  threshold: number;
  keys: Uint8Array[];
}

/** Read `OP_k <33-byte keys…> OP_n OP_CHECKMULTISIG`, or undefined when the script is not exactly that. */
export function parseMultisig(script: Uint8Array): MultisigPolicy | undefined {
  const len = script.length;
  if (len < 37 || (len - 3) % 34 !== 0) return undefined;
  const n = (len - 3) / 34;
  const k = script[0]! - OP_1 + 1;
  if (k < 1 || k > n || script[len - 2] !== OP_1 + n - 1 || script[len - 1] !== OP_CHECKMULTISIG) return undefined;
  const keys: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    if (script[1 + 34 * i] !== 33) return undefined;
    const key = script.slice(2 + 34 * i, 35 + 34 * i);
    if (!isCompressed(key)) return undefined;
    keys.push(key);
  }
  return { threshold: k, keys };
}
