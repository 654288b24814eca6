/**
 * Differential test: coldkit's account export (master key, account xpub, SLIP-132 form,
 * descriptors' addresses, change address) against an independent stack — bip32 + bitcoinjs-lib on
 * libsecp256k1 (tiny-secp256k1) — for many seeds, every script type, mainnet and testnet.
 */
import { describe, expect, it } from 'vitest';
import { BIP32Factory } from 'bip32';
import * as bitcoin from 'bitcoinjs-lib';
import * as ecc from 'tiny-secp256k1';
import { sha256 } from '@noble/hashes/sha2.js';
import { NETWORKS } from '../../../src/core/network.js';
import { accountPath, exportAccount } from '../../../src/core/wallet/account.js';
import { parseDescriptor } from '../../../src/core/wallet/descriptor.js';
import { masterKey } from '../../../src/core/hd/keys.js';
import { template, TEMPLATE_NAMES as SCRIPT_TYPES, type TemplateName as ScriptType } from '../../../src/core/wallet/template.js';
import { Wallet } from '../../../src/core/wallet/wallet.js';

bitcoin.initEccLib(ecc);
const bip32 = BIP32Factory(ecc);

function oracleAddress(script: ScriptType, pubkey: Buffer, network: bitcoin.Network): string {
  switch (script) {
    case 'wpkh':
      return bitcoin.payments.p2wpkh({ pubkey, network }).address!;
    case 'sh-wpkh':
      return bitcoin.payments.p2sh({ redeem: bitcoin.payments.p2wpkh({ pubkey, network }), network }).address!;
    case 'pkh':
      return bitcoin.payments.p2pkh({ pubkey, network }).address!;
    case 'tr':
      return bitcoin.payments.p2tr({ internalPubkey: pubkey.subarray(1, 33), network }).address!;
  }
}

const SEEDS = Array.from({ length: 6 }, (_, i) => sha256(new TextEncoder().encode(`coldkit differential seed ${i}`)).slice(0, i % 2 ? 32 : 16));

describe.each([
  ['mainnet', NETWORKS.mainnet, bitcoin.networks.bitcoin],
  ['testnet', NETWORKS.testnet, bitcoin.networks.testnet],
] as const)('coldkit vs bip32 + bitcoinjs-lib (%s)', (_name, net, oracleNet) => {
  it.each(SCRIPT_TYPES.map((s) => [s] as const))('%s: 6 seeds × account 0 and 3 × 4 receive + 1 change address', (script) => {
    for (const seed of SEEDS) {
      const root = masterKey(seed, net);
      const oRoot = bip32.fromSeed(Buffer.from(seed), oracleNet);
      expect(root.privateExtendedKey).toBe(oRoot.toBase58());
      for (const account of [0, 3]) {
        const acc = exportAccount(root, net, script, accountPath(script, net, account), 4);
        const oAcc = oRoot.derivePath(`m/${template(script).purpose}'/${net.coinType}'/${account}'`);
        expect(acc.xpub).toBe(oAcc.neutered().toBase58());
        expect(acc.fingerprint).toBe(Buffer.from(oRoot.fingerprint).toString('hex'));
        const want = [0, 1, 2, 3].map((i) => oracleAddress(script, Buffer.from(oAcc.derive(0).derive(i).publicKey), oracleNet));
        expect(acc.addresses.map((a) => a.address)).toEqual(want);
        expect(acc.firstChangeAddress).toBe(oracleAddress(script, Buffer.from(oAcc.derive(1).derive(0).publicKey), oracleNet));
        // And the watch-only side, from the exported descriptor alone.
        const d = parseDescriptor(acc.descriptors.multipath);
        expect(new Wallet(d, net).list(0, 0, 4).map((a) => a.address)).toEqual(want);
      }
    }
  });
});
