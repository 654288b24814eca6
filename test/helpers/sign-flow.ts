/** The signer pipeline as `psbt sign` runs it, in-process, for tests (no prompts, no files). */
import { checkSignable, enforce, type Override } from '../../src/core/btc/policy.js';
import { addToInputs, partialSigPair, redeemScriptPair, tapKeySigPair, type KeyValue } from '../../src/core/btc/psbt-maps.js';
import { readPsbt } from '../../src/core/btc/psbt-read.js';
import { reviewPsbt, type PsbtReview } from '../../src/core/btc/review.js';
import { SeedKeys } from '../../src/core/btc/seed-keys.js';
import { signInputs } from '../../src/core/btc/sign.js';
import { NETWORKS, type NetworkName } from '../../src/core/network.js';
import { rootOf } from './build-psbt.js';
import { RefusedError } from '../../src/core/errors.js';
import { overrideFlag, refusalHint } from '../../src/cli/overrides.js';

export interface FlowOptions {
  mnemonic?: string;
  passphrase?: string;
  network?: NetworkName;
  allow?: string[];
  maxFeeRateMsat?: bigint;
  maxFeePercentHundredths?: bigint;
}

/** Review, check, sign and write; returns the signed PSBT bytes and the review. */
export function signFlow(raw: Uint8Array, o: FlowOptions = {}): { signed: Uint8Array; review: PsbtReview; overrides: string[] } {
  const { view: tx, bytes } = readPsbt(raw);
  const net = NETWORKS[o.network ?? 'testnet'];
  const keys = new SeedKeys(rootOf(o.mnemonic, o.passphrase));
  const review = reviewPsbt(tx, net, keys);
  checkSignable(review);
  let overrides: string[];
  try {
    overrides = enforce(review, {
      maxFeeRateMsat: o.maxFeeRateMsat ?? 500_000n,
      maxFeePercentHundredths: o.maxFeePercentHundredths ?? 500n,
      allow: new Set((o.allow ?? []).map((f) => f.replace(/^--allow-/, '') as Override)),
    }).map(overrideFlag);
  } catch (e) {
    // Name the flags as the CLI does (src/cli/execute.ts).
    if (e instanceof RefusedError) throw new RefusedError(e.message + refusalHint(e), e.overrides);
    throw e;
  }
  const add = new Map<number, KeyValue[]>();
  for (const s of signInputs(review, keys)) {
    const pairs = s.taproot ? [tapKeySigPair(s.signature)] : [partialSigPair(s.pubkey, s.signature)];
    if (s.redeemScript) pairs.push(redeemScriptPair(s.redeemScript));
    add.set(s.index, pairs);
  }
  return { signed: addToInputs(bytes, tx.inputsLength, tx.outputsLength, add), review, overrides };
}
