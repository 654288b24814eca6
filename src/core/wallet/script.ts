/**
 * Output scripts at the byte level: the standard scriptPubKey forms a wallet template builds from
 * keys (template.ts), and the classification of any output script by its form. A PSBT's claim
 * ("this output is at m/84h/0h/0h/1/7 of fingerprint F") becomes a proof only when the script
 * rebuilt from our own key equals the output's script byte for byte.
 *
 * - P2PKH (BIP44 wallets): OP_DUP OP_HASH160 <20-byte key hash> OP_EQUALVERIFY OP_CHECKSIG
 * - P2SH (BIP16): OP_HASH160 <HASH160(redeemScript)> OP_EQUAL
 * - P2WPKH (BIP141): OP_0 <20-byte key hash>
 * - P2WSH (BIP141): OP_0 <SHA256(witnessScript)>
 * - P2TR (BIP341): OP_1 <32-byte x-only output key>
 */
import { concatBytes } from '../bytes.js';
import { hash160, sha256 } from '../hash.js';

/** The form of an output script. */
export type OutputKind = 'p2pkh' | 'p2sh' | 'p2wpkh' | 'p2wsh' | 'p2tr' | 'op_return' | 'unknown';

/** P2PKH script of a 20-byte key hash. */
export function p2pkh(keyHash: Uint8Array): Uint8Array {
  return concatBytes(new Uint8Array([0x76, 0xa9, 0x14]), keyHash, new Uint8Array([0x88, 0xac]));
}

/** P2WPKH script (OP_0 <key hash>), also the redeem script of P2SH-P2WPKH (BIP49). */
export function p2wpkh(keyHash: Uint8Array): Uint8Array {
  return concatBytes(new Uint8Array([0x00, 0x14]), keyHash);
}

/** P2SH script wrapping a redeem script. */
export function p2sh(redeemScript: Uint8Array): Uint8Array {
  return concatBytes(new Uint8Array([0xa9, 0x14]), hash160(redeemScript), new Uint8Array([0x87]));
}

/** P2WSH script committing to a witness script. */
export function p2wsh(witnessScript: Uint8Array): Uint8Array {
  return concatBytes(new Uint8Array([0x00, 0x20]), sha256(witnessScript));
}

/** P2TR script of an x-only output key. */
export function p2tr(outputKey: Uint8Array): Uint8Array {
  return concatBytes(new Uint8Array([0x51, 0x20]), outputKey);
}

/** The form of any output script (for display, size estimates, and which templates could have made it). */
export function scriptKind(script: Uint8Array): OutputKind {
  const n = script.length;
  if (n === 22 && script[0] === 0x00 && script[1] === 0x14) return 'p2wpkh';
  if (n === 34 && script[0] === 0x00 && script[1] === 0x20) return 'p2wsh';
  if (n === 34 && script[0] === 0x51 && script[1] === 0x20) return 'p2tr';
  if (n === 25 && script[0] === 0x76 && script[1] === 0xa9 && script[2] === 0x14 && script[23] === 0x88 && script[24] === 0xac) return 'p2pkh';
  if (n === 23 && script[0] === 0xa9 && script[1] === 0x14 && script[22] === 0x87) return 'p2sh';
  if (n >= 1 && script[0] === 0x6a) return 'op_return';
  return 'unknown';
}

/** Is `s` a segwit witness program (BIP141: a push of 2–40 bytes after OP_0…OP_16)? */
export function isWitnessProgram(s: Uint8Array): boolean {
  if (s.length < 4 || s.length > 42) return false;
  if (s[0] !== 0x00 && (s[0]! < 0x51 || s[0]! > 0x60)) return false;
  return s[1] === s.length - 2;
}
