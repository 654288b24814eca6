/**
 * Watch-only derivation: `coldkit address list --count 10000` from an xpub beside bitcoinjs-lib +
 * tiny-secp256k1 (libsecp256k1 in WebAssembly) deriving the same addresses, both as fresh processes
 * that print the list as JSON. The two lists are compared, so the race is over the same work.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { BIN, ROOT, medianTiming, ms, timeNode } from './timing.js';

/** BIP84 vector account (abandon ×11 about), mainnet: m/84'/0'/0'. */
const XPUB = 'xpub6CatWdiZiodmUeTDp8LT5or8nmbKNcuyvz7WyksVFkKB4RHwCD3XyuvPEbvqAQY3rAPshWcMLoP2fMFMKHPJ4ZeZXYVUhLv1VMrjPC7PW6V';
const DESCRIPTOR = `wpkh([73c5da0a/84h/0h/0h]${XPUB}/<0;1>/*)`;

/** Run the address benchmark; returns its Markdown section. */
export default async function addressList(): Promise<string> {
  const count = 10_000;
  const runs = 5;
  const coldkitArgs = [BIN, '--json', '--network', 'mainnet', 'address', 'list', '--descriptor', DESCRIPTOR, '--count', String(count)];
  const bjsArgs = [path.join(ROOT, 'dist/test/bench/bitcoinjs-addresses.js'), XPUB, String(count), 'bitcoin'];
  const a = JSON.parse(spawnSync(process.execPath, coldkitArgs, { cwd: ROOT, maxBuffer: 1 << 28 }).stdout.toString()) as { addresses: { address: string }[] };
  const b = JSON.parse(spawnSync(process.execPath, bjsArgs, { cwd: ROOT, maxBuffer: 1 << 28 }).stdout.toString()) as { addresses: string[] };
  const same = a.addresses.length === count && a.addresses.every((x, i) => x.address === b.addresses[i]);
  if (!same) throw new Error('coldkit and bitcoinjs-lib derived different addresses');
  const ck = medianTiming(timeNode(coldkitArgs, runs));
  const bj = medianTiming(timeNode(bjsArgs, runs));
  return [
    '## Watch-only address derivation',
    '',
    `${count.toLocaleString('en')} P2WPKH receive addresses from the BIP84 test-vector xpub; median of ${runs} runs after one warm-up, each a fresh process printing the list as JSON; the two lists are checked equal.`,
    '',
    '| implementation | wall time | CPU time | addresses/s (wall) |',
    '|---|---|---|---|',
    `| \`coldkit address list --count ${count}\` (batch CKDpub on libsecp256k1 via tiny-secp256k1, coldkit's address encoding) | ${ms(ck.wall)} | ${ms(ck.cpu)} | ${Math.round((count / ck.wall) * 1000).toLocaleString('en')} |`,
    `| bitcoinjs-lib + bip32 + tiny-secp256k1 (WebAssembly libsecp256k1) | ${ms(bj.wall)} | ${ms(bj.cpu)} | ${Math.round((count / bj.wall) * 1000).toLocaleString('en')} |`,
    '',
    `Target: coldkit at least as fast as bitcoinjs-lib — ${ck.wall <= bj.wall ? 'met' : 'NOT met'} (wall ratio ${(ck.wall / bj.wall).toFixed(2)}, CPU ratio ${(ck.cpu / bj.cpu).toFixed(2)}).`,
  ].join('\n');
}
