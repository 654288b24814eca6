/**
 * The address a message is signed for: its network (named, or recognised from the address when no
 * network is given) and its output script, the BIP-322 message_challenge.
 */
import { InputError } from '../../errors.js';
import { sanitize } from '../../text.js';
import { NETWORKS, NETWORK_NAMES, type BtcNetwork } from '../../network.js';
import { addressScript } from '../recipient.js';

/** A decoded address. */
export interface MessageAddress {
  address: string;
  net: BtcNetwork;
  script: Uint8Array;
}

/**
 * Decode `address`. With `net` the address must belong to it (another network's address is named
 * as such); without, the first network whose encoding it fits is taken (signet and regtest share
 * testnet's base58 prefixes, so a base58 test address reads as testnet).
 */
export function decodeMessageAddress(address: string, net?: BtcNetwork, field = '--address'): MessageAddress {
  const a = address.trim();
  if (net) return { address: a, net, script: addressScript(a, net, field) };
  for (const name of NETWORK_NAMES) {
    try {
      return { address: a, net: NETWORKS[name], script: addressScript(a, NETWORKS[name], field) };
    } catch {
      // try the next network
    }
  }
  throw new InputError(`"${sanitize(a).slice(0, 90)}" is not a valid Bitcoin address (checksum or format is wrong)`, field);
}
