/**
 * PSBTs made by coordinator wallets (fixtures/psbt-wallets/wallets.json `coordinators`, provenance in
 * SOURCE.md), reviewed black-box through the built CLI: `psbt inspect --descriptor` when the source
 * gives only the account's xpub, `psbt sign` when it gives the seed. The review must find the
 * amounts, change and fee the fixture comment states; signatures (ours, or the coordinator's
 * already present) must verify with bitcoinjs-lib; where the source asserts a txid or the signed
 * transaction, the finalized transaction must match it.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Psbt, initEccLib } from 'bitcoinjs-lib';
import * as ecc from 'tiny-secp256k1';
import { runCli, tmpDir } from '../../helpers/cli.js';
import { fixturePath } from '../../helpers/mediawiki-vectors.js';

initEccLib(ecc);

interface CoordinatorCase {
  file: string;
  comment: string;
  network: string;
  mnemonic?: string;
  descriptor?: string;
  fingerprint: string;
  inputTotal: string;
  change: { index: number; amount: string; path: string }[];
  recipients: { index: number; amount: string; address: string }[];
  fee: string;
  txid?: string;
  /** The fully signed transaction the source asserts its wallet produced (hex). */
  signedTx?: string;
  warnings: string[];
  signWouldRefuse: string[];
}

interface ReviewJson {
  ourFingerprint?: string;
  inputTotal: string;
  fee: string;
  warnings: string[];
  inputs: { index: number; ours?: unknown; signedByUs: boolean }[];
  outputs: { index: number; amount: string; role: string; path?: string; address?: string }[];
}

const doc = JSON.parse(readFileSync(fixturePath('psbt-wallets/wallets.json'), 'utf8')) as { coordinators: CoordinatorCase[] };
const verify = (p: Psbt) => p.validateSignaturesOfAllInputs((pub, msg, sig) => (pub.length === 32 ? ecc.verifySchnorr(msg, pub, sig) : ecc.verify(msg, pub, sig)));
const psbtOf = (text: string) => (/^[0-9a-f]+$/i.test(text.trim()) ? Psbt.fromHex(text.trim()) : Psbt.fromBase64(text.trim()));

function expectReview(review: ReviewJson, c: CoordinatorCase): void {
  expect(review.ourFingerprint).toBe(c.fingerprint);
  expect(review.inputTotal).toBe(c.inputTotal);
  expect(review.fee).toBe(c.fee);
  expect(review.inputs.every((i) => i.ours)).toBe(true);
  // 'change' (not 'claimed-change'): re-derived from the seed or the descriptor.
  expect(review.outputs.filter((o) => o.role === 'change').map((o) => ({ index: o.index, amount: o.amount, path: o.path }))).toEqual(c.change);
  expect(review.outputs.filter((o) => o.role !== 'change').map((o) => ({ index: o.index, amount: o.amount, address: o.address }))).toEqual(c.recipients);
  expect(review.warnings).toEqual(c.warnings);
}

describe.each(doc.coordinators.map((c) => [c.file, c] as const))('%s', (_f, c) => {
  const file = fixturePath(`psbt-wallets/${c.file}`);

  if (c.descriptor) {
    it('psbt inspect --descriptor proves change and reports amounts, fee and the coordinator signature', async () => {
      const run = await runCli(['--json', '--network', c.network, 'psbt', 'inspect', file, '--descriptor', c.descriptor!]);
      expect(run.code, run.stderr).toBe(0);
      const out = run.json<{ review: ReviewJson; signWouldRefuse: { override: string }[] }>();
      expectReview(out.review, c);
      expect(out.signWouldRefuse.map((r) => r.override)).toEqual(c.signWouldRefuse);
      // The coordinator's own signatures (present in the fixture) verify, and coldkit sees them as ours.
      const p = psbtOf(readFileSync(file, 'utf8'));
      expect(out.review.inputs.every((i) => i.signedByUs)).toBe(true);
      expect(verify(p)).toBe(true);
    });
  }

  if (c.mnemonic) {
    it('psbt sign reviews it, signs every input, and bitcoinjs-lib validates and extracts the transaction the source states', async () => {
      const dir = tmpDir();
      const seedFile = path.join(dir, 'seed.txt');
      writeFileSync(seedFile, `${c.mnemonic}\n`, { mode: 0o600 });
      const run = await runCli(['--json', '--yes', '--network', c.network, 'psbt', 'sign', file, '--mnemonic-file', seedFile]);
      expect(run.code, run.stderr).toBe(0);
      const out = run.json<{ review: ReviewJson; inputsSigned: number; overrides: string[]; psbt: string }>();
      expectReview(out.review, c);
      expect(out.overrides).toEqual(c.signWouldRefuse);
      const p = psbtOf(out.psbt);
      expect(out.inputsSigned).toBe(p.inputCount);
      expect(verify(p)).toBe(true);
      p.finalizeAllInputs();
      const tx = p.extractTransaction();
      if (c.txid) expect(tx.getId()).toBe(c.txid);
      // Both wallets sign ECDSA with RFC 6979 + low R: the transaction must match byte for byte.
      if (c.signedTx) expect(tx.toHex()).toBe(c.signedTx);
    });
  }
});
