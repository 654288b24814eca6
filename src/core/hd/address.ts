/**
 * Addresses and output scripts for single-key script types: P2PKH (BIP44), P2SH-P2WPKH (BIP49),
 * P2WPKH (BIP84, BIP173 bech32) and P2TR key-path (BIP86: output key = internal key tweaked
 * with an empty script tree, BIP341; bech32m per BIP350).
 */
import { p2pkh, p2sh, p2tr, p2wpkh } from '@scure/btc-signer';
import type { BtcNetwork } from '../btc/network.js';
import type { ScriptType } from './script-type.js';

/** An address and its output script. */
export interface Output {
  address: string;
  script: Uint8Array;
}

/** The output (address + scriptPubKey) paying to a compressed public key under a script type. */
export function outputFor(script: ScriptType, pubkey: Uint8Array, net: BtcNetwork): Output {
  switch (script) {
    case 'wpkh': {
      const p = p2wpkh(pubkey, net);
      return { address: p.address!, script: p.script };
    }
    case 'sh-wpkh': {
      const p = p2sh(p2wpkh(pubkey, net), net);
      return { address: p.address!, script: p.script };
    }
    case 'pkh': {
      const p = p2pkh(pubkey, net);
      return { address: p.address!, script: p.script };
    }
    case 'tr': {
      const p = p2tr(pubkey.subarray(1, 33), undefined, net);
      return { address: p.address!, script: p.script };
    }
  }
}
