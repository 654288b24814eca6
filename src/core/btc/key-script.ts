/**
 * Which single-key output script a public key controls: the check that turns a PSBT's claim
 * ("this input / output is at m/84h/0h/0h/1/7 of fingerprint F") into a proof, by rebuilding the
 * script from the key we derived ourselves and comparing bytes.
 *
 * - P2PKH (BIP44): OP_DUP OP_HASH160 <HASH160(pk)> OP_EQUALVERIFY OP_CHECKSIG
 * - P2WPKH (BIP84, BIP141): OP_0 <HASH160(pk)>
 * - P2SH-P2WPKH (BIP49): OP_HASH160 <HASH160(OP_0 <HASH160(pk)>)> OP_EQUAL
 * - P2TR key path (BIP86): OP_1 <x(P + TaggedHash("TapTweak", x(P))·G)>, no script tree
 */
import { ripemd160 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import type { ScriptType } from '../hd/script-type.js';
import { concatBytes, equalBytes } from './bytes.js';

/** HASH160 = RIPEMD160(SHA256(x)). */
export function hash160(b: Uint8Array): Uint8Array {
  return ripemd160(sha256(b));
}

/** OP_0 <20-byte key hash>: the P2WPKH script, also the P2SH-P2WPKH redeem script. */
export function p2wpkhScript(pub: Uint8Array): Uint8Array {
  return concatBytes(new Uint8Array([0x00, 0x14]), hash160(pub));
}

/** P2PKH script of a compressed key. */
export function p2pkhScript(pub: Uint8Array): Uint8Array {
  return concatBytes(new Uint8Array([0x76, 0xa9, 0x14]), hash160(pub), new Uint8Array([0x88, 0xac]));
}

/** P2SH script wrapping a redeem script. */
export function p2shScript(redeem: Uint8Array): Uint8Array {
  return concatBytes(new Uint8Array([0xa9, 0x14]), hash160(redeem), new Uint8Array([0x87]));
}

/** P2TR script of an x-only output key. */
export function p2trScript(outputKey: Uint8Array): Uint8Array {
  return concatBytes(new Uint8Array([0x51, 0x20]), outputKey);
}

/**
 * The ECDSA script type a compressed key controls in `script`, with the key's HASH160 (reused
 * for the BIP143 scriptCode), or undefined. One HASH160 per check (two for P2SH-P2WPKH).
 */
export function ecdsaOwnership(script: Uint8Array, pub: Uint8Array): { type: Exclude<ScriptType, 'tr'>; keyHash: Uint8Array } | undefined {
  const kind = scriptKind(script);
  if (kind !== 'wpkh' && kind !== 'pkh' && kind !== 'p2sh') return undefined;
  const keyHash = hash160(pub);
  if (kind === 'wpkh') return equalBytes(script.subarray(2), keyHash) ? { type: 'wpkh', keyHash } : undefined;
  if (kind === 'pkh') return equalBytes(script.subarray(3, 23), keyHash) ? { type: 'pkh', keyHash } : undefined;
  const program = concatBytes(new Uint8Array([0x00, 0x14]), keyHash);
  return equalBytes(script.subarray(2, 22), hash160(program)) ? { type: 'sh-wpkh', keyHash } : undefined;
}

/** The ECDSA script types a compressed key can control, judged from the spent/paid script alone. */
export function ecdsaScriptTypeFor(script: Uint8Array, pub: Uint8Array): Exclude<ScriptType, 'tr'> | undefined {
  return ecdsaOwnership(script, pub)?.type;
}

/** The BIP143 scriptCode of a P2WPKH key hash: "0x1976a914{20-byte-pubkey-hash}88ac" (without the length byte). */
export function p2wpkhScriptCode(keyHash: Uint8Array): Uint8Array {
  return concatBytes(new Uint8Array([0x76, 0xa9, 0x14]), keyHash, new Uint8Array([0x88, 0xac]));
}

/** Rough script kind of any output script, for display and size estimates. */
export function scriptKind(script: Uint8Array): ScriptType | 'op_return' | 'p2wsh' | 'p2sh' | 'unknown' {
  if (script.length === 22 && script[0] === 0x00 && script[1] === 0x14) return 'wpkh';
  if (script.length === 34 && script[0] === 0x00 && script[1] === 0x20) return 'p2wsh';
  if (script.length === 34 && script[0] === 0x51 && script[1] === 0x20) return 'tr';
  if (script.length === 25 && script[0] === 0x76 && script[1] === 0xa9 && script[2] === 0x14 && script[23] === 0x88 && script[24] === 0xac) return 'pkh';
  if (script.length === 23 && script[0] === 0xa9 && script[1] === 0x14 && script[22] === 0x87) return 'p2sh';
  if (script.length >= 1 && script[0] === 0x6a) return 'op_return';
  return 'unknown';
}
