/**
 * The reference signer the signing benchmarks time coldkit against: bitcoinjs-lib with
 * tiny-secp256k1, in this process, signing every input of a PSBT with the HD key of a mnemonic
 * (`signAllInputsHD`). `lowR` grinds for low-R signatures as Bitcoin Core and coldkit do (the same
 * signatures, byte for byte); without it bitcoinjs signs once per input.
 */
import { BIP32Factory } from 'bip32';
import { Psbt, initEccLib } from 'bitcoinjs-lib';
import * as ecc from 'tiny-secp256k1';
import { mnemonicToSeedSync } from '@scure/bip39';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { childCpuMs, type Timing } from './timing.js';

/** Sign every input of `raw` with `mnemonic`'s keys; the signed PSBT and the wall and CPU time (ms). */
export function bitcoinjsSign(raw: Uint8Array, mnemonic: string, lowR = true): Timing & { out: Buffer } {
  initEccLib(ecc);
  const c0 = process.cpuUsage();
  const t = performance.now();
  const root = BIP32Factory(ecc).fromSeed(Buffer.from(mnemonicToSeedSync(mnemonic)));
  const signer = {
    fingerprint: root.fingerprint,
    publicKey: root.publicKey,
    sign: (hash: Buffer) => root.sign(hash, lowR),
    derivePath: (p: string) => {
      const node = root.derivePath(p);
      node.lowR = lowR;
      return node;
    },
  };
  const p = Psbt.fromBuffer(Buffer.from(raw));
  p.signAllInputsHD(signer);
  const out = p.toBuffer();
  const wall = performance.now() - t;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000, out };
}

/** The partial signatures of every input ("pubkey:signature" hex, comma-joined), to check two signers made the same ones. */
export function partialSigs(raw: Uint8Array): string[] {
  return Psbt.fromBuffer(Buffer.from(raw)).data.inputs.map((i) => (i.partialSig ?? []).map((s) => `${s.pubkey.toString('hex')}:${s.signature.toString('hex')}`).join(','));
}

/** Set in the environment of a child run of this file: sign argv's PSBT file into argv's out file with stdin's mnemonic, and exit. */
const CHILD = 'COLDKIT_BENCH_BITCOINJS_CHILD';

/**
 * bitcoinjs-lib (low R) in a fresh Node process, timed like the CLI: process start and module
 * loading included. The mnemonic goes in on stdin.
 */
export function bitcoinjsColdSign(file: string, out: string, mnemonic: string): Timing {
  const c0 = childCpuMs();
  const t = performance.now();
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), file, out], { encoding: 'utf8', input: mnemonic, env: { ...process.env, [CHILD]: '1' } });
  const wall = performance.now() - t;
  if (r.status !== 0) throw new Error(`bitcoinjs child failed (${r.status}): ${r.stderr.split('\n').filter(Boolean).pop()}`);
  return { wall, cpu: childCpuMs() - c0 };
}

if (process.env[CHILD] === '1') {
  const [file, out] = process.argv.slice(2);
  fs.writeFileSync(out!, bitcoinjsSign(fs.readFileSync(file!), fs.readFileSync(0, 'utf8').trim()).out);
}
