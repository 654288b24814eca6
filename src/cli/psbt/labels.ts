/**
 * BIP-329 labels in the PSBT commands (`--labels FILE` on psbt create, inspect and sign): the file
 * is read once (src/core/btc/bip329.ts), the labels of the transaction's inputs and outputs are
 * found, and shown as lines that say where they come from — labels are the operator's notes, never
 * proof of anything (the review's proofs stand on keys and scripts alone). Light on purpose: psbt
 * sign loads it, and must not load @scure/btc-signer (docs/performance.md).
 */
import { formatLabelRecord, LabelBook, labelsOf, parseLabels, type LabelRecord, type ShownLabel } from '../../core/btc/bip329.js';
import { writeFileAtomic } from '../io.js';
import type { Context } from '../command.js';
import { readInputText } from '../io.js';

/** The label book of `--labels FILE`, noting on stderr what was ignored or cut. */
export async function readLabelBook(file: string, ctx: Pick<Context, 'io' | 'note'>): Promise<LabelBook> {
  const parsed = parseLabels(await readInputText(file, '--labels', ctx.io));
  if (parsed.ignored) ctx.note(`--labels: ${parsed.ignored} record(s) of types BIP-329 does not define were ignored`);
  if (parsed.truncated) ctx.note(`--labels: ${parsed.truncated} label(s) longer than 255 characters were cut`);
  return new LabelBook(parsed.records);
}

/** The labels of a reviewed or created transaction's inputs and outputs. */
export function shownLabels(book: LabelBook | undefined, tx: Parameters<typeof labelsOf>[1]): ShownLabel[] | undefined {
  return book ? labelsOf(book, tx) : undefined;
}

/** Human lines: one per label, after a heading that says labels prove nothing. */
export function labelLines(labels: readonly ShownLabel[] | undefined): string[] {
  if (!labels?.length) return [];
  return ['== Labels (BIP-329 file: the operator\'s notes, not proof)', ...labels.map((l) => `  ${l.kind} #${l.index}: "${l.label}"  (${l.type} ${l.ref.length > 40 ? `${l.ref.slice(0, 16)}…${l.ref.slice(-12)}` : l.ref})`)];
}

/** What the journal keeps of the labels shown (already sanitized and capped by the reader). */
export function journalLabels(labels: readonly ShownLabel[] | undefined): { labels?: { kind: string; index: number; label: string }[] } {
  return labels?.length ? { labels: labels.map((l) => ({ kind: l.kind, index: l.index, label: l.label })) } : {};
}

/** Write BIP-329 records as JSON Lines (atomically). */
export function writeLabels(file: string, records: readonly LabelRecord[]): void {
  writeFileAtomic(file, records.map(formatLabelRecord).join('\n') + (records.length ? '\n' : ''));
}
