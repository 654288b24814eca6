/**
 * Recipients of a transaction: `ADDRESS:AMOUNT` pairs and bare addresses, decoded to output
 * scripts for one network. An address of another network is named as such (a mainnet address on
 * testnet is a typo that loses money, not a parse error), and every output must clear Bitcoin
 * Core's dust threshold for its script.
 */
import { Address, OutScript } from '@scure/btc-signer';
import { InputError } from '../errors.js';
import { parseBtc } from '../amount.js';
import { sanitize } from '../text.js';
import { NETWORKS, NETWORK_NAMES, type BtcNetwork } from '../network.js';
import { dustThreshold } from './vsize.js';

/** A decoded payee. */
export interface Recipient {
  address: string;
  script: Uint8Array;
  /** Satoshis. */
  amount: bigint;
}

function tryDecode(address: string, net: BtcNetwork): Uint8Array | undefined {
  try {
    return OutScript.encode(Address(net).decode(address));
  } catch {
    return undefined;
  }
}

/** The output script of `address` on `net`; refuses another network's address by name. */
export function addressScript(address: string, net: BtcNetwork, field: string): Uint8Array {
  const a = address.trim();
  const shown = sanitize(a).slice(0, 90);
  const script = tryDecode(a, net);
  if (script) return script;
  for (const name of NETWORK_NAMES) {
    const other = NETWORKS[name];
    if (other.bech32 === net.bech32 && other.pubKeyHash === net.pubKeyHash) continue;
    if (tryDecode(a, other)) throw new InputError(`"${shown}" is a ${name} address but the network is ${net.name}`, field);
  }
  throw new InputError(`"${shown}" is not a valid ${net.name} address (checksum or format is wrong)`, field);
}

/** Refuse an output below the dust threshold of its script. */
export function checkNotDust(script: Uint8Array, amount: bigint, field: string): void {
  const dust = dustThreshold(script);
  if (amount < dust) throw new InputError(`${amount} sat is below the dust threshold of ${dust} sat for this output type; nodes will not relay it`, field);
}

/** Parse one `--to ADDRESS:AMOUNT` (amount in BTC, or with a `sat` suffix). */
export function parseRecipient(text: string, net: BtcNetwork, field = '--to'): Recipient {
  const at = text.lastIndexOf(':');
  if (at <= 0 || at === text.length - 1) throw new InputError(`"${sanitize(text).slice(0, 90)}" must be ADDRESS:AMOUNT, e.g. tb1q…:0.001 or tb1q…:25000sat`, field);
  const address = text.slice(0, at).trim();
  const amount = parseBtc(text.slice(at + 1), field);
  if (amount === 0n) throw new InputError('amount must be above zero', field);
  const script = addressScript(address, net, field);
  checkNotDust(script, amount, field);
  return { address, script, amount };
}
