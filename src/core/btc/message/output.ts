/**
 * The single-key outputs message signing works with, from the wallet's script templates: the
 * output script and address of a key under a template, the P2WPKH program, and BIP143's P2WPKH
 * scriptCode ("0x1976a914{20-byte-pubkey-hash}88ac", the P2PKH script of the key hash).
 */
import { hash160 } from '../../hash.js';
import type { BtcNetwork } from '../../network.js';
import { addressOf } from '../../wallet/address.js';
import { p2pkh, p2wpkh } from '../../wallet/script.js';
import { template, type TemplateName } from '../../wallet/template.js';

export { hash160 };

/** The output script and address paying to a compressed key under a single-key template. */
export function outputFor(type: TemplateName, pubkey: Uint8Array, net: BtcNetwork): { script: Uint8Array; address: string } {
  const script = template(type).build([pubkey]).script;
  return { script, address: addressOf(script, net)! };
}

/** OP_0 <HASH160(pubkey)>: the P2WPKH program, also P2SH-P2WPKH's redeem script. */
export function p2wpkhScript(pubkey: Uint8Array): Uint8Array {
  return p2wpkh(hash160(pubkey));
}

/** BIP143's scriptCode of a P2WPKH key hash (without its length byte). */
export function p2wpkhScriptCode(keyHash: Uint8Array): Uint8Array {
  return p2pkh(keyHash);
}
