/**
 * Bench: one cosigner's share of a 2-of-3 P2WSH vault PSBT (every input with its non_witness_utxo,
 * witness script and three BIP32 derivations), signed by coldkit two ways — end-to-end by the
 * built CLI (`coldkit psbt sign --wallet vault.json`, the vault registered first; process start
 * included), and in this process, warm, through the very functions that command calls (vault file
 * → `walletVault`, `readPsbt`, the mnemonic checked and stretched, `signPsbtWithSeed`: vault proof
 * of every input and change, findings and decision, low-R signing, every signature verified, the
 * signed PSBT assembled; no prompts, no journal) — beside bitcoinjs-lib + tiny-secp256k1 signing
 * the same PSBT in-process, warm (seed, parse, signAllInputsHD, serialise, low R as Core), all
 * checked to give the same signatures. 100 and 1000 inputs.
 * Targets (issue 11): coldkit ≤ ½ of bitcoinjs-lib at 100 inputs; 1000 ≤ 11 × 100.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bitcoinjsColdSign, bitcoinjsSign, partialSigs } from './bitcoinjs-sign.js';
import { bestTiming as best, BIN, childCpuMs, type Timing } from './timing.js';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { sha256 } from '@noble/hashes/sha2.js';
import { hex } from '@scure/base';
import { Address, OutScript, RawTx, TEST_NETWORK } from '@scure/btc-signer';
import { parseMnemonic } from '../../src/core/bip39/mnemonic.js';
import { readPsbt } from '../../src/core/btc/psbt-read.js';
import { signPsbtWithSeed } from '../../src/core/btc/signer.js';
import type { Registration } from '../../src/core/wallet/vault-registry.js';
import { bip39Seed, nativeHmacSha512 } from '../../src/cli/psbt/seed.js';
import { walletVault } from '../../src/cli/psbt/signing-vault.js';
import { vaultAccount } from '../../src/cli/wallet-input.js';
import { fastCurveForPsbt } from '../../src/cli/public-curve-loader.js';

const MNEMONICS = [
  'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about',
  'legal winner thank year wave sausage worth useful legal winner thank yellow',
  'letter advice cage absurd amount doctor acoustic avoid letter advice cage above',
];
const TPUB = { public: 0x043587cf, private: 0x04358394 };

function cli(dir: string, args: string[]): { stdout: string; run: Timing } {
  const c0 = childCpuMs();
  const t = performance.now();
  const r = spawnSync(process.execPath, [BIN, '--network', 'testnet', '--yes', '--journal', path.join(dir, 'journal.jsonl'), ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = performance.now() - t;
  if (r.status !== 0) throw new Error(`coldkit ${args.slice(0, 2).join(' ')} failed (${r.status}): ${r.stderr.split('\n').filter(Boolean).pop()}`);
  return { stdout: r.stdout, run: { wall, cpu: childCpuMs() - c0 } };
}

const sha256d = (b: Uint8Array) => sha256(sha256(b));

/** A 2-of-3 testnet vault, registered for cosigner 1, and an unsigned PSBT spending `n` of its UTXOs. */
function setup(dir: string, n: number): string {
  const keys = MNEMONICS.map((m, i) => {
    const root = HDKey.fromMasterSeed(mnemonicToSeedSync(m), TPUB);
    const f = path.join(dir, `cosigner-${i + 1}.txt`);
    fs.writeFileSync(f, `[${root.fingerprint.toString(16).padStart(8, '0')}/48h/1h/0h/2h]${root.derive("m/48'/1'/0'/2'").publicExtendedKey}\n`);
    fs.writeFileSync(path.join(dir, `m${i + 1}.txt`), m + '\n');
    return f;
  });
  const vault = path.join(dir, 'vault.json');
  if (!fs.existsSync(vault)) {
    cli(dir, ['wallet', 'create', '--threshold', '2', ...keys.flatMap((k) => ['--cosigner', k]), '--name', 'bench', '--out', vault]);
    cli(dir, ['wallet', 'register', vault, '--mnemonic-file', path.join(dir, 'm1.txt')]);
  }
  const list = JSON.parse(cli(dir, ['--json', 'address', 'list', '--wallet', vault, '--count', String(n)]).stdout) as { addresses: { address: string }[] };
  const utxos: unknown[] = [];
  const prev: string[] = [];
  list.addresses.forEach((a, i) => {
    const script = OutScript.encode(Address(TEST_NETWORK).decode(a.address));
    const prevTxid = new Uint8Array(32).fill(0xab);
    prevTxid[0] = i & 0xff;
    prevTxid[1] = i >> 8;
    const raw = RawTx.encode({ version: 2, segwitFlag: false, inputs: [{ txid: prevTxid, index: 0, finalScriptSig: new Uint8Array([0x51]), sequence: 0xfffffffe }], outputs: [{ script, amount: 100_000n }], witnesses: [], lockTime: 0 });
    prev.push(hex.encode(raw));
    utxos.push({ txid: hex.encode(sha256d(raw).reverse()), vout: 0, address: a.address, scriptPubKey: hex.encode(script), amount: 0.001, confirmations: 6, spendable: true, solvable: true, safe: true });
  });
  fs.writeFileSync(path.join(dir, `utxos-${n}.json`), JSON.stringify(utxos));
  fs.writeFileSync(path.join(dir, `prev-${n}.txt`), prev.join('\n') + '\n');
  const out = path.join(dir, `u${n}.psbt`);
  // Every UTXO is needed to pay 99,700 of each 100,000 sats (the rest is fee and change): n inputs.
  cli(dir, ['psbt', 'create', '--wallet', vault, '--utxos', path.join(dir, `utxos-${n}.json`), '--prev-txs', path.join(dir, `prev-${n}.txt`), '--to', `tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx:${((n * 99_700) / 1e8).toFixed(8)}`, '--fee-rate', '2', '--out', out]);
  return out;
}

function cliSign(dir: string, file: string): Timing & { out: string } {
  const out = `${file}.signed`;
  fs.rmSync(out, { force: true });
  const { run } = cli(dir, ['psbt', 'sign', file, '--wallet', path.join(dir, 'vault.json'), '--mnemonic-file', path.join(dir, 'm1.txt'), '--out', out]);
  return { ...run, out };
}

/** The vault of the bench registered on this signer (what `wallet register` journals), for the in-process signer. */
function registration(vaultText: string): Registration {
  const a = vaultAccount(JSON.parse(vaultText), 'testnet');
  return { seq: 1, name: a.vault!.name, vaultId: a.vault!.id!, descriptor: a.vault!.descriptor, network: 'testnet', fingerprint: a.descriptor.keys[0]!.fingerprint! };
}

/**
 * coldkit's signer in this process: the functions `psbt sign --wallet vault.json` calls, in its
 * order — the PSBT read, the vault file read and checked against the registrations, the mnemonic
 * checked and stretched (BIP39), then the pipeline (vault proof, review, decision, sign, verify,
 * assemble) — from the bytes to the signed PSBT's bytes.
 */
async function coldkitSign(raw: Uint8Array, vaultText: string, mnemonic: string, registered: readonly Registration[]): Promise<Timing & { out: Uint8Array }> {
  const c0 = process.cpuUsage();
  const t = performance.now();
  const psbt = await readPsbt(raw, 'psbt', fastCurveForPsbt);
  const { vault, net, findings } = walletVault(vaultAccount(JSON.parse(vaultText), 'testnet'), registered);
  const m = parseMnemonic(mnemonic, '--mnemonic-file');
  const signed = await signPsbtWithSeed(psbt, bip39Seed(m.phrase, ''), nativeHmacSha512, { network: net!, vault: vault!, extraFindings: findings, encoding: 'binary' });
  const wall = performance.now() - t;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000, out: signed.raw };
}

/** Same partial signatures on every input, and none missing. */
function sameSigs(a: Uint8Array, b: Uint8Array, n: number, what: string): void {
  const ours = partialSigs(a);
  const theirs = partialSigs(b);
  if (ours.length !== n || ours.some((s, i) => !s || s !== theirs[i])) throw new Error(`${what} and bitcoinjs-lib made different vault signatures`);
}

export default async function (): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coldkit-bench-vault-'));
  const f100 = setup(dir, 100);
  const f1000 = setup(dir, 1000);
  const raw100 = fs.readFileSync(f100);
  const raw1000 = fs.readFileSync(f1000);
  const vaultText = fs.readFileSync(path.join(dir, 'vault.json'), 'utf8');
  const registered = [registration(vaultText)];
  const mnemonic = MNEMONICS[0]!;
  // Warm: each in-process signer once on each PSBT before timing (modules loaded, WebAssembly and JIT warm).
  for (const raw of [raw100, raw1000]) {
    sameSigs((await coldkitSign(raw, vaultText, mnemonic, registered)).out, bitcoinjsSign(raw, mnemonic).out, raw === raw100 ? 100 : 1000, 'coldkit in-process');
  }
  const cliRuns: (Timing & { out: string })[] = [];
  const bjsRuns: (Timing & { out: Buffer })[] = [];
  const coldRuns: Timing[] = [];
  const inRuns: Timing[] = [];
  const in1000Runs: Timing[] = [];
  const bjs1000Runs: Timing[] = [];
  // Interleaved rounds, so a change in the machine's load hits every signer alike.
  for (let round = 0; round < 3; round++) {
    cliRuns.push(cliSign(dir, f100));
    bjsRuns.push(bitcoinjsSign(raw100, mnemonic));
    coldRuns.push(bitcoinjsColdSign(f100, path.join(dir, 'bitcoinjs.signed'), mnemonic));
    inRuns.push(await coldkitSign(raw100, vaultText, mnemonic, registered));
  }
  // The in-process signers are cheap: more interleaved rounds of those alone.
  for (let round = 0; round < 5; round++) {
    bjsRuns.push(bitcoinjsSign(raw100, mnemonic));
    inRuns.push(await coldkitSign(raw100, vaultText, mnemonic, registered));
  }
  for (let round = 0; round < 3; round++) {
    in1000Runs.push(await coldkitSign(raw1000, vaultText, mnemonic, registered));
    bjs1000Runs.push(bitcoinjsSign(raw1000, mnemonic));
  }
  const cold = best(coldRuns);
  sameSigs(fs.readFileSync(cliRuns[2]!.out), bjsRuns[0]!.out, 100, 'coldkit psbt sign');
  const cli1000Run = cliSign(dir, f1000);
  sameSigs(fs.readFileSync(cli1000Run.out), bitcoinjsSign(raw1000, mnemonic).out, 1000, 'coldkit psbt sign');
  const cli1000 = best([cli1000Run]);
  fs.rmSync(dir, { recursive: true, force: true });
  const c100 = best(cliRuns);
  const b100 = best(bjsRuns);
  const i100 = best(inRuns);
  const i1000 = best(in1000Runs);
  const bjs1000 = best(bjs1000Runs);
  const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(0)} ms` : 'n/a');
  const ratio = c100.wall / b100.wall;
  const ratioCpu = c100.cpu / b100.cpu;
  const inRatio = i100.wall / b100.wall;
  const inRatioCpu = i100.cpu / b100.cpu;
  const linear = cli1000.wall / c100.wall;
  const inLinear = i1000.wall / i100.wall;
  return [
    '## Vault signing (2-of-3 P2WSH, one cosigner\'s share, non_witness_utxo on every input)',
    '',
    'Best of 8 interleaved rounds for the in-process signers at 100 inputs, 3 at 1000 (each warmed up',
    'once first), best of 3 for the processes, one CLI run at 1000.',
    '',
    '| signer | inputs | wall | CPU |',
    '|---|---:|---:|---:|',
    `| coldkit in-process, warm (psbt sign --wallet's functions: read, vault file, seed, vault proof, review, decide, sign, verify, assemble) | 100 | ${ms(i100.wall)} | ${ms(i100.cpu)} |`,
    `| bitcoinjs-lib + tiny-secp256k1, low R (in-process, warm: seed, parse, signAllInputsHD, serialise; same signatures) | 100 | ${ms(b100.wall)} | ${ms(b100.cpu)} |`,
    `| coldkit psbt sign --wallet vault.json (CLI: process start, seed, vault proof, review, sign, verify, write) | 100 | ${ms(c100.wall)} | ${ms(c100.cpu)} |`,
    `| bitcoinjs-lib + tiny-secp256k1, low R, in a fresh node process like the CLI (process start and module loading included) | 100 | ${ms(cold.wall)} | ${ms(cold.cpu)} |`,
    `| coldkit in-process, warm | 1000 | ${ms(i1000.wall)} | ${ms(i1000.cpu)} |`,
    `| bitcoinjs-lib + tiny-secp256k1, in-process, warm | 1000 | ${ms(bjs1000.wall)} | ${ms(bjs1000.cpu)} |`,
    `| coldkit psbt sign (CLI, one run) | 1000 | ${ms(cli1000.wall)} | ${ms(cli1000.cpu)} |`,
    '',
    `- coldkit / bitcoinjs-lib, both in-process and warm, at 100 inputs: ${inRatio.toFixed(2)} wall, ${inRatioCpu.toFixed(2)} CPU (target ≤ 0.50: ${Math.min(inRatio, inRatioCpu) <= 0.5 ? 'met' : 'NOT met'}); at 1000: ${(i1000.wall / bjs1000.wall).toFixed(2)} wall, ${(i1000.cpu / bjs1000.cpu).toFixed(2)} CPU`,
    `- coldkit in-process 1000 / 100 inputs: ${inLinear.toFixed(2)}× wall, ${(i1000.cpu / i100.cpu).toFixed(2)}× CPU (target ≤ 11: ${inLinear <= 11 ? 'met' : 'NOT met'})`,
    `- coldkit CLI / bitcoinjs-lib in-process at 100 inputs: ${ratio.toFixed(2)} wall, ${ratioCpu.toFixed(2)} CPU`,
    `- coldkit / bitcoinjs-lib both in a fresh process at 100 inputs: ${(c100.wall / cold.wall).toFixed(2)} wall, ${(c100.cpu / cold.cpu).toFixed(2)} CPU`,
    `- coldkit CLI / bitcoinjs-lib in-process at 1000 inputs: ${(cli1000.wall / bjs1000.wall).toFixed(2)} wall, ${(cli1000.cpu / bjs1000.cpu).toFixed(2)} CPU`,
    `- coldkit CLI 1000 / 100 inputs: ${linear.toFixed(2)}× wall (target ≤ 11: ${linear <= 11 ? 'met' : 'NOT met'})`,
  ].join('\n');
}

