/**
 * Watch-only derivation: `coldkit address list --count 10000` from an xpub beside bitcoinjs-lib +
 * tiny-secp256k1 (libsecp256k1 in WebAssembly) deriving the same addresses, both as fresh processes
 * that print the list as JSON. The two lists are compared, so the race is over the same work.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { BIN, ROOT, medianTiming, ms, timeNode } from './timing.js';

/** BIP84 vector account (abandon ×11 about), mainnet: m/84'/0'/0'. */
const XPUB = 'xpub6CatWdiZiodmUeTDp8LT5or8nmbKNcuyvz7WyksVFkKB4RHwCD3XyuvPEbvqAQY3rAPshWcMLoP2fMFMKHPJ4ZeZXYVUhLv1VMrjPC7PW6V';
const DESCRIPTOR = `wpkh([73c5da0a/84h/0h/0h]${XPUB}/<0;1>/*)`;

/** The three published test mnemonics of the vault benchmarks (BIP39 vectors). */
const VAULT_MNEMONICS = [
  'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about',
  'legal winner thank year wave sausage worth useful legal winner thank yellow',
  'letter advice cage absurd amount doctor acoustic avoid letter advice cage above',
];

/**
 * `address list --wallet vault.json --count N` for a 2-of-3 P2WSH testnet vault (`wallet create`
 * from the three cosigners' BIP48 keys) beside bitcoinjs-lib deriving the same vault addresses
 * (three CKDpub, sorted keys, p2ms + p2wsh each); the lists are checked equal.
 */
function vaultAddressList(count: number, runs: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coldkit-bench-vault-addr-'));
  try {
    const tpubs = VAULT_MNEMONICS.map((m, i) => {
      const root = HDKey.fromMasterSeed(mnemonicToSeedSync(m), { public: 0x043587cf, private: 0x04358394 });
      const acct = root.derive("m/48'/1'/0'/2'");
      fs.writeFileSync(path.join(dir, `c${i}.txt`), `[${root.fingerprint.toString(16).padStart(8, '0')}/48h/1h/0h/2h]${acct.publicExtendedKey}\n`);
      return acct.publicExtendedKey;
    });
    const vault = path.join(dir, 'vault.json');
    const create = spawnSync(process.execPath, [BIN, '--network', 'testnet', '--yes', '--journal', path.join(dir, 'j.jsonl'), 'wallet', 'create', '--threshold', '2', ...[0, 1, 2].flatMap((i) => ['--cosigner', path.join(dir, `c${i}.txt`)]), '--name', 'bench', '--out', vault], { cwd: ROOT });
    if (create.status !== 0) throw new Error(`wallet create failed: ${create.stderr.toString()}`);
    const coldkitArgs = [BIN, '--json', '--network', 'testnet', '--journal', path.join(dir, 'j.jsonl'), 'address', 'list', '--wallet', vault, '--count', String(count)];
    const bjsArgs = [path.join(ROOT, 'dist/test/bench/bitcoinjs-addresses.js'), tpubs.join(','), String(count), 'testnet', '2'];
    const a = JSON.parse(spawnSync(process.execPath, coldkitArgs, { cwd: ROOT, maxBuffer: 1 << 28 }).stdout.toString()) as { addresses: { address: string }[] };
    const b = JSON.parse(spawnSync(process.execPath, bjsArgs, { cwd: ROOT, maxBuffer: 1 << 28 }).stdout.toString()) as { addresses: string[] };
    if (a.addresses.length !== count || a.addresses.some((x, i) => x.address !== b.addresses[i])) throw new Error('coldkit and bitcoinjs-lib derived different vault addresses');
    const ck = medianTiming(timeNode(coldkitArgs, runs));
    const bj = medianTiming(timeNode(bjsArgs, runs));
    return [
      '',
      `${count.toLocaleString('en')} receive addresses of a 2-of-3 P2WSH vault (\`wsh(sortedmulti(2,…))\`, testnet, the three BIP39 test mnemonics' BIP48 keys); median of ${runs} runs after one warm-up, fresh processes, lists checked equal.`,
      '',
      '| implementation | wall time | CPU time | addresses/s (wall) |',
      '|---|---|---|---|',
      `| \`coldkit address list --wallet vault.json --count ${count}\` (30,000 CKDpub; libauth's libsecp256k1 for I_L·G at this size) | ${ms(ck.wall)} | ${ms(ck.cpu)} | ${Math.round((count / ck.wall) * 1000).toLocaleString('en')} |`,
      `| bitcoinjs-lib + bip32 + tiny-secp256k1 (three CKDpub, p2ms + p2wsh per address) | ${ms(bj.wall)} | ${ms(bj.cpu)} | ${Math.round((count / bj.wall) * 1000).toLocaleString('en')} |`,
      '',
      `Target (issue 11): the vault list at least as fast as bitcoinjs-lib — ${ck.wall <= bj.wall ? 'met' : 'NOT met'} (wall ratio ${(ck.wall / bj.wall).toFixed(2)}, CPU ratio ${(ck.cpu / bj.cpu).toFixed(2)}).`,
    ].join('\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

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
    `| \`coldkit address list --count ${count}\` (batch CKDpub; at this size I_L·G on libauth's libsecp256k1, installed after its known-answer check; coldkit's address encoding) | ${ms(ck.wall)} | ${ms(ck.cpu)} | ${Math.round((count / ck.wall) * 1000).toLocaleString('en')} |`,
    `| bitcoinjs-lib + bip32 + tiny-secp256k1 (WebAssembly libsecp256k1) | ${ms(bj.wall)} | ${ms(bj.cpu)} | ${Math.round((count / bj.wall) * 1000).toLocaleString('en')} |`,
    '',
    `Target: coldkit at least as fast as bitcoinjs-lib — ${ck.wall <= bj.wall ? 'met' : 'NOT met'} (wall ratio ${(ck.wall / bj.wall).toFixed(2)}, CPU ratio ${(ck.cpu / bj.cpu).toFixed(2)}).`,
    vaultAddressList(count, runs),
  ].join('\n');
}
