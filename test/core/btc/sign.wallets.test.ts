/**
 * PSBTs made by other wallets (fixtures/psbt-wallets, provenance in SOURCE.md): coldkit's review
 * must find the amounts, change and fee each fixture's comment states; coldkit signs them with the
 * fixture's seed; bitcoinjs-lib validates every signature; and where the source also ships the
 * PSBT signed by its own signer (Krux), ECDSA signatures must be identical (RFC 6979 + low R) and Schnorr ones both valid.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Psbt, initEccLib } from 'bitcoinjs-lib';
import * as ecc from 'tiny-secp256k1';
import { decodePsbt } from '../../../src/core/btc/psbt-codec.js';
import { signPsbt, type Signed } from '../../../src/core/btc/signer.js';
import { NETWORKS, type NetworkName } from '../../../src/core/network.js';
import { seedKeysOf } from '../../helpers/build-psbt.js';
import { fixturePath } from '../../helpers/mediawiki-vectors.js';

initEccLib(ecc);

interface WalletCase {
  file: string;
  comment: string;
  network: NetworkName;
  mnemonic: string;
  passphrase: string;
  fingerprint: string;
  inputTotal: string;
  change: { index: number; amount: string; path: string }[];
  recipients: { index: number; amount: string }[];
  fee: string;
  allow: string[];
  signedByKrux?: string;
}

const doc = JSON.parse(readFileSync(fixturePath('psbt-wallets/wallets.json'), 'utf8')) as { cases: WalletCase[] };
const read = (f: string) => new TextEncoder().encode(readFileSync(fixturePath(`psbt-wallets/${f}`), 'utf8'));
const verify = (p: Psbt) => p.validateSignaturesOfAllInputs((pub, msg, sig) => (pub.length === 32 ? ecc.verifySchnorr(msg, pub, sig) : ecc.verify(msg, pub, sig)));

describe.each(doc.cases.map((c) => [c.file, c] as const))('%s', (_f, c) => {
  let s: Signed;
  beforeAll(async () => {
    // The real signer pipeline (src/core/btc/signer.ts); the fixture names the overrides it needs.
    s = await signPsbt(read(c.file), { network: NETWORKS[c.network], keys: seedKeysOf(c.mnemonic, c.passphrase), allow: new Set(c.allow.map((flag) => flag.replace(/^--allow-/, ''))) });
  });

  it('the review matches the fixture comment', () => {
    const review = s.prepared.review;
    expect(review.ourFingerprint).toBe(c.fingerprint);
    expect(review.inputTotal?.toString()).toBe(c.inputTotal);
    expect(review.fee?.toString()).toBe(c.fee);
    expect(review.outputs.filter((o) => o.role === 'change').map((o) => ({ index: o.index, amount: o.amount.toString(), path: o.path }))).toEqual(c.change);
    expect(review.outputs.filter((o) => o.role !== 'change').map((o) => ({ index: o.index, amount: o.amount.toString() }))).toEqual(c.recipients);
    expect(s.decision.overrides.map((code) => `--allow-${code}`)).toEqual(c.allow);
  });

  it('coldkit signs every input; bitcoinjs-lib validates and finalizes', () => {
    const p = Psbt.fromBuffer(Buffer.from(s.raw));
    expect(verify(p)).toBe(true);
    p.finalizeAllInputs();
    expect(p.extractTransaction().virtualSize()).toBe(s.prepared.review.vsize);
  });

  if (c.signedByKrux) {
    it('agrees with the PSBT as Krux signed it (ECDSA byte for byte)', () => {
      const theirs = decodePsbt(read(c.signedByKrux!)).tx;
      const mine = decodePsbt(s.raw).tx;
      for (let i = 0; i < mine.inputsLength; i++) {
        const a = mine.getInput(i);
        const b = theirs.getInput(i);
        // BIP340 signers may use random aux_rand (Krux does): both signatures must verify, they need not agree.
        if (a.tapKeySig) {
          const p = Psbt.fromBase64(new TextDecoder().decode(read(c.file)).trim());
          p.updateInput(i, { tapKeySig: Buffer.from(b.tapKeySig!) });
          expect(verify(p)).toBe(true);
        }
        else expect(Buffer.from(a.partialSig![0]![1]).toString('hex')).toBe(Buffer.from(b.partialSig![0]![1]).toString('hex'));
      }
    });
  }
});
