/**
 * Bitcoin network parameters: address prefixes (BIP173 HRP, base58 versions), BIP32 version
 * bytes (and SLIP-132's) and the BIP44 coin type. Plain data; no curve code is loaded by importing this file.
 */
import { InputError } from './errors.js';

/** The networks coldkit knows. testnet, signet and regtest share testnet's keys and coin type 1. */
export type NetworkName = 'mainnet' | 'testnet' | 'signet' | 'regtest';
export const NETWORK_NAMES: readonly NetworkName[] = ['mainnet', 'testnet', 'signet', 'regtest'];

/** Parameters in the shape @scure/btc-signer expects, plus what coldkit adds. */
export interface BtcNetwork {
  name: NetworkName;
  /** BIP173 human-readable part. */
  bech32: string;
  pubKeyHash: number;
  scriptHash: number;
  wif: number;
  /** BIP32 version bytes of xpub/xprv (tpub/tprv on test networks). */
  bip32: { public: number; private: number };
  /** BIP44 coin type: 0 on mainnet, 1 on every test network (SLIP-44). */
  coinType: number;
}

/**
 * SLIP-132 public version bytes: the same extended key serialised as ypub/upub (P2WPKH nested in
 * P2SH) or zpub/vpub (native P2WPKH), mainnet/test networks, to hint its script type.
 */
export const SLIP132 = { ypub: 0x049d7cb2, upub: 0x044a5262, zpub: 0x04b24746, vpub: 0x045f1cf6, Ypub: 0x0295b43f, Upub: 0x024289ef, Zpub: 0x02aa7ed3, Vpub: 0x02575483 } as const;

const MAIN_BIP32 = { public: 0x0488b21e, private: 0x0488ade4 };
const TEST_BIP32 = { public: 0x043587cf, private: 0x04358394 };

export const NETWORKS: Record<NetworkName, BtcNetwork> = {
  mainnet: { name: 'mainnet', bech32: 'bc', pubKeyHash: 0x00, scriptHash: 0x05, wif: 0x80, bip32: MAIN_BIP32, coinType: 0 },
  testnet: { name: 'testnet', bech32: 'tb', pubKeyHash: 0x6f, scriptHash: 0xc4, wif: 0xef, bip32: TEST_BIP32, coinType: 1 },
  signet: { name: 'signet', bech32: 'tb', pubKeyHash: 0x6f, scriptHash: 0xc4, wif: 0xef, bip32: TEST_BIP32, coinType: 1 },
  regtest: { name: 'regtest', bech32: 'bcrt', pubKeyHash: 0x6f, scriptHash: 0xc4, wif: 0xef, bip32: TEST_BIP32, coinType: 1 },
};

/** Look up a network by name, refusing unknown names with the list of valid ones. */
export function network(name: string | undefined, field = '--network'): BtcNetwork {
  const n = (name ?? 'mainnet') as NetworkName;
  if (!NETWORK_NAMES.includes(n)) throw new InputError(`"${name}" is not a network; use one of ${NETWORK_NAMES.join(', ')}`, field);
  return NETWORKS[n];
}

