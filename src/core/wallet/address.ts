/**
 * Addresses of output scripts, per network:
 *
 * - P2PKH and P2SH: Base58Check of the network's version byte and the 20-byte hash;
 * - witness programs (BIP141: OP_0…OP_16 then a 2–40 byte push): segwit address of the network's
 *   human-readable part, bech32 for version 0 (BIP173, only 20- or 32-byte programs) and bech32m
 *   for versions 1 to 16 (BIP350: "for witness version 1 and higher … the bech32m checksum").
 *
 * Encoding only: our own scripts and the scripts a PSBT shows. Addresses typed by a person are
 * decoded with their checks in src/core/btc/recipient.ts.
 */
import { bech32, bech32m } from '@scure/base';
import { base58check } from '../hd/base58.js';
import type { BtcNetwork } from '../network.js';
import { isWitnessProgram, scriptKind } from './script.js';

function base58Address(version: number, hash: Uint8Array): string {
  const b = new Uint8Array(21);
  b[0] = version;
  b.set(hash, 1);
  return base58check.encode(b);
}

/** The address of an output script on `net`, or undefined for scripts without one (OP_RETURN, bare scripts). */
export function addressOf(script: Uint8Array, net: BtcNetwork): string | undefined {
  const kind = scriptKind(script);
  if (kind === 'p2pkh') return base58Address(net.pubKeyHash, script.subarray(3, 23));
  if (kind === 'p2sh') return base58Address(net.scriptHash, script.subarray(2, 22));
  if (!isWitnessProgram(script)) return undefined;
  const version = script[0] === 0x00 ? 0 : script[0]! - 0x50;
  const program = script.subarray(2);
  if (version === 0 && program.length !== 20 && program.length !== 32) return undefined;
  const words = bech32.toWords(program);
  words.unshift(version);
  return version === 0 ? bech32.encode(net.bech32, words) : bech32m.encode(net.bech32, words);
}
