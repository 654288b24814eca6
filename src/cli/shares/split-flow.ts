/**
 * The split ceremony shared by `shares split` and `seed new --split`: check every option before
 * any work, split (v1 or SSKR) and recombine every T-subset in memory before anything is shown,
 * then write the cards (--out), show the shares one holder at a time on a terminal, or print them
 * (--reveal); `--confirm` has each holder re-enter theirs. The journal gets the set's public facts
 * and the holders, never a share word.
 */
import { InputError } from '../../core/errors.js';
import { rngSelfTest } from '../../core/bip39/rng-health.js';
import type { WalletCard } from '../../core/hd/wallet-card.js';
import type { SchemeId, ShareScheme } from '../../core/shares/scheme.js';
import { DEFAULT_SCHEME, schemeById } from '../../core/shares/schemes.js';
import { binomial } from '../../core/shares/subsets.js';
import { sanitize } from '../../core/text.js';
import type { Context, JournalAct, Outcome } from '../command.js';
import { renderNumberedWords, renderWalletCard } from '../render/wallet-card.js';
import { type CardSet, type CardShare, prepareOutDir, writeCards } from './cards.js';
import { confirmShares, showOnTerminal } from './terminal.js';

/** What to split and how to hand it out. */
export interface SplitRequest {
  entropy: Uint8Array;
  card: WalletCard;
  threshold: number;
  count: number;
  format?: string;
  /** SLIP-39: write ext = 1 (seed new --slip39-extendable). */
  extendable?: boolean;
  labels?: string;
  out?: string;
  confirm?: boolean;
  reveal?: boolean;
  /** Journal entries to write before shares.split (seed new writes seed.new). */
  before?: JournalAct[];
  /** For messages: which flag carries T and N. */
  thresholdFlag: string;
}

/** One share in the result; its words only with --reveal. */
export interface SplitShareResult {
  ordinal: number;
  holder?: string;
  text?: string;
  qr?: string;
}

/** The result of a split (the `--json` shape). */
export interface SplitResult {
  format: SchemeId;
  setId: string;
  setWords: string;
  threshold: number;
  count: number;
  holders?: string[];
  subsetsChecked: number;
  shownOn: Array<'terminal' | 'cards' | 'output'>;
  confirmed: boolean;
  fingerprint: string;
  walletCard: WalletCard;
  cardsDir?: string;
  files?: string[];
  shares: SplitShareResult[];
}

const LABEL_RE = /^[\p{L}\p{N}][\p{L}\p{N} ._@'-]{0,39}$/u;

/** Parse `--labels alice,bob,…`: exactly N names, unique, printable, at most 40 characters. */
export function parseLabels(raw: string | undefined, count: number): string[] | undefined {
  if (raw === undefined) return undefined;
  const names = raw.split(',').map((s) => s.trim());
  if (names.length !== count) throw new InputError(`gives ${names.length} names for ${count} shares; give one name per share, in share order`, '--labels');
  for (const n of names) {
    if (!LABEL_RE.test(n)) throw new InputError(`"${sanitize(n)}" is not a usable name (letters, digits, space . _ @ ' -; at most 40)`, '--labels');
  }
  const lower = names.map((n) => n.toLowerCase());
  const dup = lower.find((n, i) => lower.indexOf(n) !== i);
  if (dup !== undefined) throw new InputError(`"${names[lower.indexOf(dup)]}" is named twice; each share needs its own holder`, '--labels');
  return names;
}

/** Parse `--split T-of-N`. */
export function parseSplitSpec(spec: string): { threshold: number; count: number } {
  const m = /^\s*(\d{1,2})\s*-?of-?\s*(\d{1,2})\s*$/i.exec(spec);
  if (!m) throw new InputError(`"${sanitize(spec)}" is not T-of-N (e.g. 2-of-3)`, '--split');
  return { threshold: Number(m[1]), count: Number(m[2]) };
}

/** The options of a split, checked: fails before any secret is read or any work is done. */
export function checkSplitRequest(
  req: Pick<SplitRequest, 'threshold' | 'count' | 'format' | 'labels' | 'out' | 'confirm' | 'reveal' | 'thresholdFlag'>,
  ctx: Context,
): { scheme: ShareScheme; holders?: string[]; terminal: boolean } {
  const scheme = req.format === undefined ? DEFAULT_SCHEME : schemeById(req.format, '--format');
  if (req.thresholdFlag === '--split' && !(req.threshold >= 2 && req.threshold <= req.count && req.count <= 16)) {
    throw new InputError(`${req.threshold}-of-${req.count}: need 2 ≤ T ≤ N ≤ 16 (1-of-N would be plain copies of the seed)`, '--split');
  }
  scheme.checkParams(req.threshold, req.count, req.thresholdFlag === '--split' ? { threshold: '--split', count: '--split' } : { threshold: '--threshold', count: '--shares' });
  const holders = parseLabels(req.labels, req.count);
  if (req.out) prepareOutDir(req.out);
  const terminal = ctx.prompt.interactive && !ctx.globals.json && !req.out && !req.reveal;
  if (!terminal && !req.out && !req.reveal) {
    throw new InputError(
      'the shares would be shown nowhere: add --out DIR for printable share cards, run on a terminal to show them one holder at a time, or add --reveal to print them',
      '--out',
    );
  }
  if (req.confirm && !ctx.prompt.interactive) throw new InputError('needs a terminal where each holder re-enters their share', '--confirm');
  if (req.confirm && req.reveal && !req.out) throw new InputError('--reveal prints the shares only at the end; to confirm, show them first on the terminal (drop --reveal) or on cards (--out)', '--confirm');
  return { scheme, holders, terminal };
}

/** Run the split ceremony. */
export async function runSplit(req: SplitRequest, ctx: Context): Promise<Outcome<SplitResult>> {
  const { scheme, holders, terminal } = checkSplitRequest(req, ctx);
  const format = scheme.id;
  if (req.threshold === req.count) {
    const better = [req.count > 2 ? `${req.count - 1}-of-${req.count}` : '', req.count < 16 ? `${req.count}-of-${req.count + 1}` : ''].filter(Boolean).join(' or ');
    ctx.note(`coldkit: note: ${req.count}-of-${req.count} has no spare share — losing any one share loses the seed${better ? `; consider ${better}` : ''}`);
  }
  // Fail closed on a broken random source: set id, x coordinates and coefficients come from it.
  rngSelfTest(ctx.random);
  const subsetsToCheck = binomial(req.count, req.threshold);
  if (subsetsToCheck > 2000) ctx.note(`coldkit: checking all ${subsetsToCheck} ${req.threshold}-subsets before showing anything…`);

  const { setId, setWords, subsetsChecked, shares: made } = await scheme.split(req.entropy, req.threshold, req.count, ctx.random, req.extendable ? { extendable: true } : {});
  const shares: CardShare[] = made.map((s, i) => ({ ordinal: i + 1, count: req.count, threshold: req.threshold, holder: holders?.[i], ...s }));
  for (const s of shares) {
    ctx.addSecret(s.text);
    ctx.addSecret(s.qrText);
    ctx.addSecret(s.qrText.toLowerCase());
  }
  const set: CardSet = {
    format,
    setWords,
    setId,
    threshold: req.threshold,
    count: req.count,
    created: ctx.now().toISOString().slice(0, 10),
    ...(holders ? { holders } : {}),
  };

  const shownOn: SplitResult['shownOn'] = [];
  let files: string[] | undefined;
  if (req.out) {
    files = await writeCards(req.out, shares, set, req.card);
    shownOn.push('cards');
  }
  if (terminal) {
    await showOnTerminal(ctx, shares, set);
    shownOn.push('terminal');
  }
  if (req.reveal) {
    shownOn.push('output');
    ctx.note('coldkit: --reveal: the shares are in this output; keep it off any networked machine');
  }
  if (req.confirm) await confirmShares(ctx, shares, set);

  const result: SplitResult = {
    format,
    setId: set.setId,
    setWords,
    threshold: req.threshold,
    count: req.count,
    ...(holders ? { holders } : {}),
    subsetsChecked,
    shownOn,
    confirmed: Boolean(req.confirm),
    fingerprint: req.card.fingerprint,
    walletCard: req.card,
    ...(req.out ? { cardsDir: req.out, files } : {}),
    shares: shares.map((s) => ({
      ordinal: s.ordinal,
      ...(s.holder ? { holder: s.holder } : {}),
      ...(req.reveal ? { text: s.text, qr: s.qrText } : {}),
    })),
  };
  return {
    result,
    reveals: Boolean(req.reveal),
    journal: [
      ...(req.before ?? []),
      {
        op: 'shares.split',
        data: {
          format,
          ...(format === 'slip39' ? { slip39Ext: req.extendable ? 1 : 0 } : {}),
          setId: set.setId,
          setWords,
          threshold: req.threshold,
          count: req.count,
          holders: holders ?? null,
          subsetsChecked,
          rngSelfTest: 'passed',
          shownOn,
          confirmed: Boolean(req.confirm),
          fingerprint: req.card.fingerprint,
          network: req.card.network,
          ...(req.out ? { cardsDir: req.out } : {}),
          overrides: [],
        },
      },
    ],
    human: renderSplit,
  };
}

/** Human rendering of a split: the set, where the shares went, and the public wallet card. */
export function renderSplit(r: SplitResult): string {
  const out = [
    `Split ${schemeById(r.format, 'format').title} shares: any ${r.threshold} of ${r.count} rebuild the seed.`,
    `Set words: ${r.setWords} (set id ${r.setId}). Before anything was shown, every combination of ${r.threshold} shares (${r.subsetsChecked}) was recombined and checked.`,
  ];
  if (r.holders) out.push(`Holders: ${r.holders.map((h, i) => `${i + 1} ${h}`).join(', ')}`);
  for (const s of r.shares) {
    if (!s.text) continue;
    out.push('', `SHARE ${s.ordinal} of ${r.count}${s.holder ? ` — ${s.holder}` : ''}:`, renderNumberedWords(s.text.split(' ')));
  }
  // `--out cards/` names the folder as typed: no `cards//` in what is printed.
  const dir = r.cardsDir === undefined ? undefined : r.cardsDir.replace(/(?<=.)\/+$/, '');
  const inDir = (f: string) => (dir === '/' ? `/${f}` : `${dir}/${f}`);
  if (dir !== undefined) out.push('', `Share cards (mode 0600) and the public wallet card written to ${dir === '/' ? '/' : `${dir}/`} (${r.files?.length ?? 0} files).`);
  if (r.shownOn.includes('terminal')) out.push('', 'Shares were shown on the terminal, one holder at a time.');
  if (r.confirmed) out.push('Every holder re-entered their share correctly.');
  out.push('', `Master fingerprint: ${r.fingerprint}`, renderWalletCard(r.walletCard));
  out.push(
    '',
    dir !== undefined
      ? `Next: run a recovery drill from the paper copies (coldkit shares drill --card ${inDir('wallet-card.json')}).`
      : `Next: run a recovery drill from the paper copies (no wallet card was saved: coldkit shares drill --expect-fingerprint ${r.fingerprint}).`,
  );
  return out.join('\n');
}
