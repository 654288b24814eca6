/**
 * The comparison side of the address benchmark: bitcoinjs-lib + bip32 + tiny-secp256k1 derive the
 * same P2WPKH receive addresses from the same xpub and print them as JSON (one process, like coldkit).
 * Usage: node dist/test/bench/bitcoinjs-addresses.js XPUB COUNT NETWORK(bitcoin|testnet)
 */
import * as bitcoin from 'bitcoinjs-lib';
import * as ecc from 'tiny-secp256k1';
import { BIP32Factory } from 'bip32';

const [xpub, countText, netName] = process.argv.slice(2);
const net = netName === 'testnet' ? bitcoin.networks.testnet : bitcoin.networks.bitcoin;
const node = BIP32Factory(ecc).fromBase58(xpub!, net).derive(0);
const out: string[] = [];
for (let i = 0; i < Number(countText); i++) {
  out.push(bitcoin.payments.p2wpkh({ pubkey: Buffer.from(node.derive(i).publicKey), network: net }).address!);
}
process.stdout.write(JSON.stringify({ addresses: out }) + '\n');
