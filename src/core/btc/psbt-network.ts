/**
 * Which network a PSBT is for, read from the PSBT itself: a PSBT carries scripts, not addresses,
 * but its BIP32 derivation paths name a BIP44 coin type (BIP44/49/84/86 and BIP48's
 * `m/purpose'/coin_type'/…`; SLIP-44: 0 is Bitcoin, 1 every test network). The review uses it to
 * say "this PSBT is for testnet" rather than only "another network", and never to show an
 * address in another network's form.
 */
import { HARDENED } from '../hd/path.js';
import { NETWORKS, type BtcNetwork } from '../network.js';
import type { Der, PsbtView } from './psbt-view.js';

/** The purposes whose second level is the coin type. */
const COIN_PURPOSES = [44, 48, 49, 84, 86];

/** The BIP44 coin type (0 or 1) a path names, when it is a BIP44-family path. */
export function pathCoinType(path: readonly number[]): 0 | 1 | undefined {
  if (path.length < 2 || !COIN_PURPOSES.includes(path[0]! - HARDENED)) return undefined;
  const coin = path[1]! - HARDENED;
  return coin === 0 || coin === 1 ? coin : undefined;
}

/** Every key origin a PSBT names, in its inputs and outputs (BIP174 and BIP371 fields). */
function* origins(tx: PsbtView): Generator<Der> {
  const maps = [];
  for (let i = 0; i < tx.inputsLength; i++) maps.push(tx.getInput(i));
  for (let i = 0; i < tx.outputsLength; i++) maps.push(tx.getOutput(i));
  for (const m of maps) {
    for (const [, der] of m.bip32Derivation ?? []) yield der;
    for (const [, t] of m.tapBip32Derivation ?? []) yield t.der;
  }
}

/** The PSBT's network as its derivation paths say it. */
export interface PsbtNetwork {
  /** The coin type every BIP44-family path agrees on; absent when none or when they disagree. */
  coinType?: 0 | 1;
  /** Both coin types appear (a PSBT mixing networks). */
  mixed: boolean;
}

/** Infer the network from the coin type of every BIP44-family derivation path in the PSBT. */
export function inferPsbtNetwork(tx: PsbtView): PsbtNetwork {
  const seen = new Set<0 | 1>();
  for (const der of origins(tx)) {
    const c = pathCoinType(der.path);
    if (c !== undefined) seen.add(c);
  }
  if (seen.size === 1) return { coinType: [...seen][0]!, mixed: false };
  return { mixed: seen.size > 1 };
}

/** How to name the network of coin type `coin` in advice: the flag value that selects it. */
export function networkAdvice(coin: 0 | 1): { name: string; flag: string } {
  return coin === 0 ? { name: 'mainnet', flag: '--network mainnet' } : { name: 'testnet (or signet/regtest)', flag: '--network testnet (or signet, regtest)' };
}

/**
 * The network whose address forms the review shows: `net`, unless the PSBT's own paths say it is
 * for the other kind of network, then that one (testnet's forms for coin type 1), so a testnet
 * recipient is never shown in its mainnet form (nor the reverse) even when signing is overridden.
 */
export function displayNetwork(inferred: PsbtNetwork, net: BtcNetwork): BtcNetwork {
  if (inferred.coinType === undefined || inferred.coinType === net.coinType) return net;
  return inferred.coinType === 0 ? NETWORKS.mainnet : NETWORKS.testnet;
}
