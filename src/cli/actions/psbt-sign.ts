/**
 * `coldkit psbt sign FILE`: the offline half of a Bitcoin spend. Read and check the PSBT (exit 2
 * on anything malformed), derive OUR keys from the seed, build the review (change proven by
 * re-derivation), apply the policy (exit 3 unless the named --allow-… is given), walk the review
 * and confirm, sign with deterministic low-R signatures, check the signature count went up, and
 * hand back the PSBT full or `--trim`med, in the encoding it came in (base64 for binary on stdout).
 */
import { createHash } from 'node:crypto';
import { formatDecimal } from '../../core/amount.js';
import { enforce, checkSignable } from '../../core/btc/policy.js';
import { addToInputs, countSignaturePairs, partialSigPair, redeemScriptPair, tapKeySigPair, trimmed, type KeyValue } from '../../core/btc/psbt-maps.js';
import { encodePsbt, type PsbtEncoding } from '../../core/btc/psbt-codec.js';
import { readPsbt } from '../../core/btc/psbt-read.js';
import { reviewPsbt, type PsbtReview } from '../../core/btc/review.js';
import { SeedKeys } from '../../core/btc/seed-keys.js';
import { signInputs } from '../../core/btc/sign.js';
import { digestWords } from '../../core/digest-words.js';
import { InputError, VerificationError } from '../../core/errors.js';
import { bip39Seed, nativeHmacSha512 } from '../psbt/seed.js';
import { toHex } from '../../core/text.js';
import type { Context, Outcome } from '../command.js';
import { assertWritable, writeFileAtomic } from '../io.js';
import { btcNetwork } from '../network-option.js';
import { overrideFlag } from '../overrides.js';
import { readPayloadInput } from '../payload.js';
import { policyFrom, type PolicyFlags } from '../psbt/limits.js';
import { walkReview } from '../psbt/flow.js';
import { readMnemonic, readPassphrase, type SeedInputOptions } from '../secrets.js';

/** SHA-256 hex of a PSBT for the result and journal (Node's native hash: the PSBT can be megabytes). */
const sha256Hex = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

export interface PsbtSignOptions extends SeedInputOptions, PolicyFlags {
  fromQr?: string[];
  trim?: boolean;
  out?: string;
}

export interface PsbtSignResult {
  review: PsbtReview;
  fingerprint: string;
  inputsSigned: number;
  signaturesBefore: number;
  signaturesAfter: number;
  trimmed: boolean;
  overrides: string[];
  input: { sha256: string; digest: string; encoding: PsbtEncoding };
  output: { sha256: string; digest: string; encoding: PsbtEncoding };
  /** The signed PSBT as text (base64 or hex) when not written with --out. */
  psbt?: string;
  out?: string;
}

export default async function psbtSign(opts: PsbtSignOptions, ctx: Context, args: string[]): Promise<Outcome<PsbtSignResult>> {
  const policy = policyFrom(opts);
  if (args[0] === '-' && (opts.mnemonicFile === '-' || opts.passphraseFile === '-')) {
    throw new InputError('stdin cannot carry both the PSBT and a secret; give the PSBT or the secret as a file', 'psbt');
  }
  if (opts.out) assertWritable(opts.out, '--out');
  const payload = await readPayloadInput(ctx, { file: args[0], fromQr: opts.fromQr }, 'psbt');
  const decoded = readPsbt(payload.bytes, 'psbt');
  const tx = decoded.view;
  ctx.note(`PSBT in: ${payload.digest} (${decoded.bytes.length} bytes, ${tx.inputsLength} inputs, ${tx.outputsLength} outputs)`);
  const net = btcNetwork(ctx);
  const mnemonic = await readMnemonic(opts, ctx);
  const passphrase = await readPassphrase(opts, ctx);
  const seed = bip39Seed(mnemonic.phrase, passphrase);
  const keys = SeedKeys.fromSeed(seed, nativeHmacSha512);
  seed.fill(0);
  try {
    const review = reviewPsbt(tx, net, keys);
    checkSignable(review);
    const overrides = enforce(review, policy).map(overrideFlag);
    const todo = review.inputs.filter((i) => i.ours && !i.signedByUs).length;
    await walkReview(ctx, review, `Sign ${todo} input${todo === 1 ? '' : 's'} with seed ${review.ourFingerprint}?`, overrides.map((o) => `OVERRIDE ${o} (journaled)`));

    const before = countSignaturePairs(decoded.bytes, tx.inputsLength);
    const sigs = signInputs(review, keys);
    const add = new Map<number, KeyValue[]>();
    for (const s of sigs) {
      const pairs = s.taproot ? [tapKeySigPair(s.signature)] : [partialSigPair(s.pubkey, s.signature)];
      if (s.redeemScript) pairs.push(redeemScriptPair(s.redeemScript));
      add.set(s.index, pairs);
    }
    const full = addToInputs(decoded.bytes, tx.inputsLength, tx.outputsLength, add);
    // Check what we hand back carries exactly the signatures we made (SeedSigner: the count must go up).
    const after = countSignaturePairs(full, tx.inputsLength);
    if (sigs.length === 0 || after !== before + sigs.length) {
      throw new VerificationError(`signature count went from ${before} to ${after} after signing ${sigs.length} inputs; nothing was output`);
    }
    const raw = opts.trim ? trimmed(decoded.bytes, tx.inputsLength, tx.outputsLength, add, review.psbtVersion) : full;
    const encoding: PsbtEncoding = opts.out ? 'binary' : decoded.encoding === 'binary' ? 'base64' : decoded.encoding;
    const bytes = encodePsbt(raw, encoding);
    if (opts.out) writeFileAtomic(opts.out, bytes);
    const outDigest = digestWords(raw);
    ctx.note(`PSBT out: ${outDigest} (${raw.length} bytes, ${sigs.length} signature${sigs.length === 1 ? '' : 's'} added${opts.trim ? ', trimmed' : ''})`);

    const result: PsbtSignResult = {
      review,
      fingerprint: review.ourFingerprint!,
      inputsSigned: sigs.length,
      signaturesBefore: before,
      signaturesAfter: after,
      trimmed: Boolean(opts.trim),
      overrides,
      input: { sha256: sha256Hex(decoded.bytes), digest: payload.digest, encoding: decoded.encoding },
      output: { sha256: sha256Hex(raw), digest: outDigest, encoding },
      ...(opts.out ? { out: opts.out } : { psbt: new TextDecoder().decode(bytes) }),
    };
    const change = review.outputs.filter((o) => o.role === 'change');
    return {
      result,
      human: (r) => (r.out ? `signed ${r.inputsSigned} input${r.inputsSigned === 1 ? '' : 's'}; written: ${r.out} (${r.output.digest})` : r.psbt!),
      journal: [
        {
          op: 'psbt.sign',
          data: {
            psbtSha256: result.input.sha256,
            psbtDigest: payload.digest,
            signedSha256: result.output.sha256,
            signedDigest: outDigest,
            network: net.name,
            fingerprint: result.fingerprint,
            inputsSigned: sigs.length,
            recipients: review.outputs.filter((o) => o.role !== 'change').map((o) => ({ to: o.address ?? toHex(o.script), amount: o.amount.toString(), role: o.role })),
            fee: review.fee?.toString() ?? null,
            feeRate: review.feeRateMsat !== undefined ? formatDecimal(review.feeRateMsat, 3) : null,
            change: change.map((o) => ({ to: o.address ?? toHex(o.script), amount: o.amount.toString(), path: o.path })),
            changeVerified: !review.outputs.some((o) => o.role === 'false-change'),
            trimmed: Boolean(opts.trim),
            overrides,
          },
        },
      ],
      payload: { kind: 'psbt', bytes: raw, ...(payload.format ? { format: payload.format } : {}) },
    };
  } finally {
    keys.wipe();
  }
}
