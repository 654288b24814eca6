/**
 * Addresses and output scripts for single-key script types: P2PKH (BIP44), P2SH-P2WPKH (BIP49),
 * P2WPKH (BIP84, BIP173 bech32) and P2TR key-path (BIP86: output key = internal key tweaked
 * with an empty script tree, BIP341; bech32m per BIP350).
 */
import { Address, OutScript, p2tr } from '@scure/btc-signer';
import { hash160 } from '@scure/btc-signer/utils.js';
import { InputError } from '../errors.js';
import type { BtcNetwork } from '../btc/network.js';
import type { ScriptType } from './script-type.js';

/** An address and its output script. */
export interface Output {
  address: string;
  script: Uint8Array;
}

/**
 * The output (address + scriptPubKey) paying to a compressed public key under a script type.
 * The key must be a compressed SEC1 key (33 bytes, 02/03); keys come from our own derivation, so
 * the costly on-curve check of btc-signer's payment helpers (≈20x the rest) is not repeated here,
 * except for taproot where the BIP341 tweak needs the point anyway.
 */
export function outputFor(script: ScriptType, pubkey: Uint8Array, net: BtcNetwork): Output {
  if (pubkey.length !== 33 || (pubkey[0] !== 2 && pubkey[0] !== 3)) throw new InputError('expected a 33-byte compressed public key', 'pubkey');
  const addr = Address(net);
  switch (script) {
    case 'wpkh':
    case 'pkh': {
      // BIP141 P2WPKH: OP_0 <20-byte HASH160(pubkey)>; P2PKH: OP_DUP OP_HASH160 <hash> OP_EQUALVERIFY OP_CHECKSIG.
      const out = { type: script, hash: hash160(pubkey) } as const;
      return { address: addr.encode(out), script: OutScript.encode(out) };
    }
    case 'sh-wpkh': {
      // BIP49: P2SH wrapping the P2WPKH witness program as redeemScript.
      const out = { type: 'sh', hash: hash160(OutScript.encode({ type: 'wpkh', hash: hash160(pubkey) })) } as const;
      return { address: addr.encode(out), script: OutScript.encode(out) };
    }
    case 'tr': {
      const p = p2tr(pubkey.subarray(1, 33), undefined, net);
      return { address: p.address!, script: p.script };
    }
  }
}
