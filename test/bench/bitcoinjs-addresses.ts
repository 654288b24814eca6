/**
 * The comparison side of the address benchmark: bitcoinjs-lib + bip32 + tiny-secp256k1 derive the
 * same receive addresses from the same xpub(s) and print them as JSON (one process, like coldkit):
 * P2WPKH from one xpub, or with several xpubs and a threshold a P2WSH multisig vault
 * (`wsh(sortedmulti(K,…))`: p2ms over the keys sorted, then p2wsh).
 * Usage: node dist/test/bench/bitcoinjs-addresses.js XPUB[,XPUB…] COUNT NETWORK(bitcoin|testnet) [THRESHOLD]
 */
import * as bitcoin from 'bitcoinjs-lib';
import * as ecc from 'tiny-secp256k1';
import { BIP32Factory } from 'bip32';

const [xpubs, countText, netName, threshold] = process.argv.slice(2);
const net = netName === 'testnet' ? bitcoin.networks.testnet : bitcoin.networks.bitcoin;
const nodes = xpubs!.split(',').map((x) => BIP32Factory(ecc).fromBase58(x, net).derive(0));
const out: string[] = [];
for (let i = 0; i < Number(countText); i++) {
  if (nodes.length === 1) {
    out.push(bitcoin.payments.p2wpkh({ pubkey: Buffer.from(nodes[0]!.derive(i).publicKey), network: net }).address!);
    continue;
  }
  const pubkeys = nodes.map((n) => Buffer.from(n.derive(i).publicKey)).sort(Buffer.compare);
  out.push(bitcoin.payments.p2wsh({ redeem: bitcoin.payments.p2ms({ m: Number(threshold), pubkeys, network: net }), network: net }).address!);
}
process.stdout.write(JSON.stringify({ addresses: out }) + '\n');
