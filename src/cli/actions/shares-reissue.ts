/**
 * `coldkit shares reissue` (offline): a share set is re-issued when a holder leaves, a share is
 * lost or exposed, or the holders change (custody-controls.md §4). Combine T shares of the old set
 * in memory, prove they rebuild the wallet the journal recorded for that set (or
 * `--expect-fingerprint`), split the same secret anew under a new set id — same or new T-of-N,
 * holders and format, every T-subset checked before anything is shown (the split ceremony of
 * `shares split`) — and journal `shares.reissue` naming the old set, which retires it
 * (`coldkit status`, `shares drill` say so). The old shares still rebuild the seed: they must be
 * collected and destroyed, which no program can prove.
 */
import { InputError, VerificationError } from '../../core/errors.js';
import { walletCard, walletCardOfSeed, type WalletCard } from '../../core/hd/wallet-card.js';
import type { Recovered, SchemeId } from '../../core/shares/scheme.js';
import { recoveredMnemonic, schemeById } from '../../core/shares/schemes.js';
import { sanitize } from '../../core/text.js';
import type { Action } from '../command.js';
import { journalPath } from '../journal-file.js';
import { recordedShareSet } from '../shares/recorded-set.js';
import { btcNetwork } from '../network-option.js';
import { readPassphrase } from '../secrets.js';
import { checkStdinUse, readShares } from '../shares/read-shares.js';
import { checkSplitRequest, renderSplit, runSplit, type SplitResult } from '../shares/split-flow.js';
import type { sharesReissue } from '../commands/shares.js';

/** The old set as the reissue found it. */
interface OldSet {
  format: SchemeId;
  setId: string;
  setWords: string;
  threshold: number;
  count: number | null;
  /** The shares used to rebuild it (v1 numbers, SSKR/SLIP-39 member names). */
  shares: string[];
  sources: string[];
  /** Where the expected fingerprint came from. */
  fingerprintFrom: 'journal' | '--expect-fingerprint' | 'journal and --expect-fingerprint';
  /** The journal entry that made the set, when the journal has it. */
  madeAt: { seq: number; ts: string } | null;
}

type Result = SplitResult & { reissuedFrom: OldSet };

const action: Action<typeof sharesReissue> = async (opts, ctx) => {
  const given = opts.expectFingerprint?.toLowerCase();
  if (given !== undefined && !/^[0-9a-f]{8}$/.test(given)) throw new InputError('must be 8 hex characters', '--expect-fingerprint');
  checkStdinUse(opts, ctx);
  // Options that do not depend on the old set are checked before any share is read.
  checkSplitRequest({ threshold: opts.threshold ?? 2, count: Math.max(opts.shares ?? 16, opts.threshold ?? 2), format: opts.format, labels: undefined, out: opts.out, confirm: opts.confirm, reveal: opts.reveal, thresholdFlag: '--threshold' }, ctx);
  const file = journalPath(ctx.globals.journal, ctx.env);

  const read = await readShares(opts, ctx, 'reissue');
  const sources = read.shares.map((s) => s.label);
  const first = read.scheme.describe(read.shares[0]!.share);
  const record = recordedShareSet(file, first.setId, first.setWords);
  if (record?.retired) {
    throw new InputError(
      `share set "${sanitize(record.setWords ?? record.id)}" was retired at journal #${record.retired.seq} (${record.retired.ts.slice(0, 10)}${record.retired.supersededBy ? `, reissued as set ${sanitize(record.retired.supersededBy)}` : ''}); reissue from the set in force`,
      '--share-file',
    );
  }
  const recorded = record?.fingerprint ?? undefined;
  if (recorded && given && recorded !== given) {
    throw new InputError(`the journal records set ${first.setId} as wallet ${recorded} (journal #${record!.created?.seq ?? '?'}), not ${given}; check which wallet these shares belong to`, '--expect-fingerprint');
  }
  const expected = given ?? recorded;
  if (!expected) {
    throw new InputError(`the journal (${file}) has no record of share set ${first.setId} ("${first.setWords}"): give the wallet's master fingerprint with --expect-fingerprint HEX so the rebuilt seed is proven before it is split anew`, '--expect-fingerprint');
  }

  const net = btcNetwork(ctx);
  let got: Recovered;
  let card: WalletCard;
  // What is split anew: a copy taken before anything else reads (and wipes) the rebuilt secret.
  let entropy: Uint8Array;
  if (read.scheme.id === 'slip39') {
    // SLIP-39: the master secret (the BIP32 seed) is split again unencrypted, as `seed new --split
    // --format slip39` makes it; a passphrase-encrypted set would come back under another key.
    if (opts.passphrase || opts.passphraseFile) {
      throw new InputError('a SLIP-39 set is reissued only without a SLIP-39 passphrase (the new set holds the master secret with an empty one, as coldkit makes SLIP-39 sets); move such a wallet to a new seed instead', '--passphrase');
    }
    got = await read.scheme.combine(read.shares, { passphrase: '' });
    entropy = got.secret;
    card = walletCardOfSeed(entropy, false, net);
  } else {
    got = await read.scheme.combine(read.shares);
    entropy = got.secret.slice();
    const phrase = recoveredMnemonic(got);
    ctx.addSecret(phrase);
    card = walletCard(phrase, await readPassphrase(opts, ctx), net);
  }
  try {
    if (card.fingerprint !== expected) {
      throw new VerificationError(
        `the shares rebuild wallet ${card.fingerprint}, but set ${got.setId} belongs to ${expected} (${given ? '--expect-fingerprint' : `journal #${record!.created?.seq ?? '?'}`}): nothing was split; check the passphrase and the shares`,
      );
    }
    const format = opts.format ?? got.scheme;
    const kind = (id: string) => (id === 'slip39' ? 'a BIP32 seed' : 'BIP39 entropy');
    if ((format === 'slip39') !== (got.scheme === 'slip39')) {
      throw new InputError(`the old set (${schemeById(got.scheme, 'format').title}) holds ${kind(got.scheme)}, a ${schemeById(format, '--format').title} set holds ${kind(format)}: the same wallet cannot move between them`, '--format');
    }
    const threshold = opts.threshold ?? record?.threshold ?? got.threshold;
    const count = opts.shares ?? record?.count ?? got.count;
    if (count === undefined || count === null) throw new InputError(`the old set's N is not recorded (${schemeById(got.scheme, 'format').title} shares do not say it and the journal has no record): give --shares N`, '--shares');
    const labels = opts.labels ?? (record?.holders && record.holders.length === count ? record.holders.join(',') : undefined);
    const outcome = await runSplit({ threshold, count, format, labels, out: opts.out, confirm: opts.confirm, reveal: opts.reveal, thresholdFlag: '--threshold', entropy, card }, ctx);
    const old: OldSet = {
      format: got.scheme,
      setId: got.setId,
      setWords: got.setWords,
      threshold: got.threshold,
      count: record?.count ?? got.count ?? null,
      shares: got.used,
      sources,
      fingerprintFrom: given && recorded ? 'journal and --expect-fingerprint' : given ? '--expect-fingerprint' : 'journal',
      madeAt: record?.created ? { seq: record.created.seq, ts: record.created.ts } : null,
    };
    const result: Result = { ...outcome.result, reissuedFrom: old };
    return {
      ...outcome,
      result,
      // The split's public facts, plus the old set it retires (src/core/lifecycle/inventory.ts reads oldSetId/oldSetWords).
      journal: (outcome.journal ?? []).map((a) =>
        a.op === 'shares.split'
          ? { op: 'shares.reissue', data: { ...a.data, oldSetId: old.setId, oldSetWords: old.setWords, oldFormat: old.format, oldThreshold: old.threshold, oldCount: old.count, oldShares: old.shares, sources, fingerprintFrom: old.fingerprintFrom, reason: 'reissued' } }
          : a,
      ),
      human: (r: Result) => renderReissue(r),
    };
  } finally {
    entropy.fill(0);
  }
};

/** Human rendering: which set was retired for which, then the new set as `shares split` shows it. */
function renderReissue(r: Result): string {
  const o = r.reissuedFrom;
  return [
    `Reissued share set "${o.setWords}" (set id ${o.setId}, ${schemeById(o.format, 'format').title}, ${o.threshold}-of-${o.count ?? '?'}) as a new set: rebuilt from ${o.format === 'v1' ? 'shares ' : ''}${o.shares.join(', ')}, wallet ${r.fingerprint} proven against the ${o.fingerprintFrom}.`,
    `The old set is retired in the journal. Its shares still rebuild this seed: collect and destroy every one of them once the new set has been drilled.`,
    '',
    renderSplit(r),
  ].join('\n');
}

export default action;
