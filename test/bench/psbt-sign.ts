/**
 * Bench: sign a 1000-input P2WPKH PSBT (each input with its non_witness_utxo and BIP32
 * derivation) end-to-end with the built CLI (`coldkit psbt sign --yes --out`, process start
 * included), beside bitcoinjs-lib + tiny-secp256k1 signing the same PSBT in-process
 * (parse, signAllInputsHD from the master key, serialise). Then 10,000 inputs through the CLI to
 * show signing is linear. Targets (issue 4): coldkit ≤ ½ of bitcoinjs-lib; 10k ≤ 11 × 1k.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BIP32Factory } from 'bip32';
import { Psbt, initEccLib } from 'bitcoinjs-lib';
import * as ecc from 'tiny-secp256k1';
import { mnemonicToSeedSync } from '@scure/bip39';
import { buildWpkhFast, SAMPLE_MNEMONIC } from '../psbt/build-psbt.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const BIN = path.join(ROOT, 'bin', 'coldkit');

function cliSign(dir: string, file: string): number {
  const out = path.join(dir, `${path.basename(file)}.signed`);
  fs.rmSync(out, { force: true });
  const t = performance.now();
  const r = spawnSync(process.execPath, [BIN, '--network', 'testnet', '--yes', '--journal', path.join(dir, 'journal.jsonl'), 'psbt', 'sign', file, '--mnemonic-file', path.join(dir, 'mnemonic.txt'), '--out', out], { encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`coldkit psbt sign failed (${r.status}): ${r.stderr.split('\n').filter(Boolean).pop()}`);
  return ms;
}

function bitcoinjsSign(raw: Uint8Array): number {
  initEccLib(ecc);
  const t = performance.now();
  const root = BIP32Factory(ecc).fromSeed(Buffer.from(mnemonicToSeedSync(SAMPLE_MNEMONIC)));
  const p = Psbt.fromBuffer(Buffer.from(raw));
  p.signAllInputsHD(root);
  p.toBuffer();
  return performance.now() - t;
}

const best = (xs: number[]): number => Math.min(...xs);

export default async function (): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coldkit-bench-psbt-'));
  fs.writeFileSync(path.join(dir, 'mnemonic.txt'), SAMPLE_MNEMONIC + '\n');
  const f1k = path.join(dir, 'p1000.psbt');
  const raw1k = buildWpkhFast(1000);
  fs.writeFileSync(f1k, raw1k);
  const cli1k = best([cliSign(dir, f1k), cliSign(dir, f1k), cliSign(dir, f1k)]);
  const bjs1k = best([bitcoinjsSign(raw1k), bitcoinjsSign(raw1k), bitcoinjsSign(raw1k)]);
  const f10k = path.join(dir, 'p10000.psbt');
  fs.writeFileSync(f10k, buildWpkhFast(10_000));
  const cli10k = cliSign(dir, f10k);
  fs.rmSync(dir, { recursive: true, force: true });
  const ratio = cli1k / bjs1k;
  const linear = cli10k / cli1k;
  return [
    '## PSBT signing (1000-input P2WPKH, non_witness_utxo on every input)',
    '',
    '| signer | inputs | time (best of 3) |',
    '|---|---:|---:|',
    `| coldkit psbt sign (CLI, process start included) | 1000 | ${cli1k.toFixed(0)} ms |`,
    `| bitcoinjs-lib + tiny-secp256k1 (in-process, signAllInputsHD) | 1000 | ${bjs1k.toFixed(0)} ms |`,
    `| coldkit psbt sign (CLI, one run) | 10000 | ${cli10k.toFixed(0)} ms |`,
    '',
    `- coldkit / bitcoinjs-lib at 1000 inputs: ${ratio.toFixed(2)} (target ≤ 0.50: ${ratio <= 0.5 ? 'met' : 'NOT met'})`,
    `- 10,000 / 1,000 inputs: ${linear.toFixed(2)}× (target ≤ 11: ${linear <= 11 ? 'met' : 'NOT met'})`,
  ].join('\n');
}
