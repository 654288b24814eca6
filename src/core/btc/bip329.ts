/**
 * BIP-329 wallet labels (JSON Lines; Sparrow, Electrum-via-plugins, BDK and Labelbase read and
 * write it): "an export of labels from a wallet must be a UTF-8 encoded text file, containing one
 * record per line consisting of a valid JSON object … Each JSON object must contain both `type`
 * and `ref` properties. The `label`, `origin` and `spendable` properties are optional."
 *
 * Reading is strict where the format is (each line one JSON object; `type` and `ref` strings;
 * `label` and `origin` strings, `spendable` a boolean; a well-formed reference for each known
 * type), with every problem named by its line number; and lenient where BIP-329 says to be:
 * "importing wallets … should ignore types not defined here", and "may … truncate labels … A
 * suggested default for maximum label length is 255 characters". Labels are untrusted text
 * shown in review screens and written to the journal: control and bidi characters are replaced
 * (they could move the cursor or recolour the terminal), and length is capped.
 *
 * Writing: records for what coldkit creates (the recipient outputs of a new PSBT), one JSON
 * object a line.
 */
import { InputError } from '../errors.js';
import { sanitize } from '../text.js';

/** The record types BIP-329 defines. */
export const LABEL_TYPES = ['tx', 'addr', 'pubkey', 'input', 'output', 'xpub'] as const;
export type LabelType = (typeof LABEL_TYPES)[number];

/** BIP-329's suggested maximum label length. */
export const MAX_LABEL_CHARS = 255;

/** One record. `label` is display-safe (sanitized, capped). */
export interface LabelRecord {
  type: LabelType;
  ref: string;
  label?: string;
  origin?: string;
  spendable?: boolean;
}

/** A parsed label file. */
export interface LabelFile {
  records: LabelRecord[];
  /** Lines of types BIP-329 does not define (ignored, as it says). */
  ignored: number;
  /** Labels cut to MAX_LABEL_CHARS. */
  truncated: number;
}

const TXID = /^[0-9a-fA-F]{64}$/;
const OUTPOINT = /^[0-9a-fA-F]{64}:(0|[1-9]\d{0,9})$/;
const REF_RULES: Record<LabelType, { test: (ref: string) => boolean; expected: string }> = {
  tx: { test: (r) => TXID.test(r), expected: 'a txid (64 hex)' },
  addr: { test: (r) => /^[0-9A-Za-z]{14,90}$/.test(r), expected: 'an address (base58 or bech32)' },
  pubkey: { test: (r) => /^[0-9a-fA-F]+$/.test(r) && [64, 66, 130].includes(r.length), expected: 'a 32, 33 or 65 byte public key in hex' },
  input: { test: (r) => OUTPOINT.test(r), expected: 'TXID:INDEX' },
  output: { test: (r) => OUTPOINT.test(r), expected: 'TXID:INDEX' },
  // coldkit does not look xpub records up: any single-line reference is kept as it is.
  xpub: { test: (r) => /^\S{1,1000}$/.test(r), expected: 'an extended public key' },
};

/** A label made safe to show: control and bidi characters replaced, cut to MAX_LABEL_CHARS. */
export function displayLabel(text: string): { text: string; truncated: boolean } {
  const chars = [...sanitize(text)];
  return chars.length > MAX_LABEL_CHARS ? { text: chars.slice(0, MAX_LABEL_CHARS - 1).join('') + '…', truncated: true } : { text: chars.join(''), truncated: false };
}

/** Parse a BIP-329 file; every problem reported at once with its line number. */
export function parseLabels(text: string, field = '--labels'): LabelFile {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a UTF-8 byte order mark
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const problems: string[] = [];
  const records: LabelRecord[] = [];
  let ignored = 0;
  let truncated = 0;
  lines.forEach((raw, i) => {
    const at = `line ${i + 1}`;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    let doc: unknown;
    try {
      doc = JSON.parse(line);
    } catch {
      problems.push(`${at} is not a JSON object${line.trim() === '' ? ' (an empty line)' : ''}`);
      return;
    }
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
      problems.push(`${at} is not a JSON object`);
      return;
    }
    const o = doc as Record<string, unknown>;
    if (typeof o.type !== 'string') {
      problems.push(`${at} has no "type" string`);
      return;
    }
    if (typeof o.ref !== 'string') {
      problems.push(`${at} has no "ref" string`);
      return;
    }
    if (!(LABEL_TYPES as readonly string[]).includes(o.type)) {
      ignored++;
      return;
    }
    const type = o.type as LabelType;
    const rule = REF_RULES[type];
    const bad: string[] = [];
    if (!rule.test(o.ref)) bad.push(`"ref" must be ${rule.expected} for type ${type}`);
    if (o.label !== undefined && typeof o.label !== 'string') bad.push('"label" must be a string');
    if (o.origin !== undefined && typeof o.origin !== 'string') bad.push('"origin" must be a string');
    if (o.spendable !== undefined && typeof o.spendable !== 'boolean') bad.push('"spendable" must be true or false (not a string)');
    if (bad.length) {
      problems.push(`${at}: ${bad.join(', ')}`);
      return;
    }
    const rec: LabelRecord = { type, ref: type === 'addr' || type === 'xpub' ? o.ref : o.ref.toLowerCase() };
    if (typeof o.label === 'string') {
      const d = displayLabel(o.label);
      if (d.truncated) truncated++;
      rec.label = d.text;
    }
    if (typeof o.origin === 'string') rec.origin = displayLabel(o.origin).text;
    if (typeof o.spendable === 'boolean') rec.spendable = o.spendable;
    records.push(rec);
  });
  if (problems.length) throw new InputError(problems.slice(0, 5).join('; ') + (problems.length > 5 ? `; and ${problems.length - 5} more` : ''), field);
  return { records, ignored, truncated };
}

/** Labels by reference, for lookups while reviewing. A later record of the same reference wins. */
export class LabelBook {
  private readonly byKey = new Map<string, LabelRecord>();
  constructor(records: readonly LabelRecord[]) {
    this.add(records);
  }
  /** Add records (later ones win). */
  add(records: readonly LabelRecord[]): this {
    for (const r of records) this.byKey.set(`${r.type} ${r.ref}`, r);
    return this;
  }
  get(type: LabelType, ref: string): LabelRecord | undefined {
    return this.byKey.get(`${type} ${type === 'addr' || type === 'xpub' ? ref : ref.toLowerCase()}`);
  }
  /** Outpoints marked `"spendable": false` (frozen coins). */
  frozen(): string[] {
    return [...this.byKey.values()].filter((r) => r.type === 'output' && r.spendable === false).map((r) => r.ref);
  }
}

/**
 * The records a replacement inherits (BIP125 RBF keeps the outputs in place, so output i of the
 * replacement is output i of the original): the original's `tx` label and its `output` labels
 * (with `spendable`), re-keyed to the new txid. Address labels need no copy.
 */
export function carryLabels(book: LabelBook, oldTxid: string, newTxid: string, outputs: number): LabelRecord[] {
  const out: LabelRecord[] = [];
  const tx = book.get('tx', oldTxid);
  if (tx) out.push({ ...tx, ref: newTxid });
  for (let i = 0; i < outputs; i++) {
    const o = book.get('output', `${oldTxid}:${i}`);
    if (o) out.push({ ...o, ref: `${newTxid}:${i}` });
  }
  return out;
}

/** A label shown in a review: what it is attached to, where it came from. */
export interface ShownLabel {
  /** "input" or "output" of the transaction being reviewed. */
  kind: 'input' | 'output';
  index: number;
  /** The record it came from: type and reference. */
  type: LabelType;
  ref: string;
  label: string;
}

/**
 * The labels of a transaction's inputs and outputs. An input is labelled by the coin it spends
 * (`output` TXID:VOUT, else the `addr` it was paid to, else the funding `tx`) or by an `input`
 * record of this transaction; an output by `output` TXID:INDEX of this transaction (when its txid
 * is known) or the `addr` it pays.
 */
export function labelsOf(book: LabelBook, tx: { txid?: string; inputs: readonly { outpoint: string; address?: string | undefined }[]; outputs: readonly { index: number; address?: string | undefined }[] }): ShownLabel[] {
  const out: ShownLabel[] = [];
  const first = (kind: ShownLabel['kind'], index: number, tries: [LabelType, string | undefined][]) => {
    for (const [type, ref] of tries) {
      if (ref === undefined) continue;
      const r = book.get(type, ref);
      if (r?.label) return void out.push({ kind, index, type, ref: r.ref, label: r.label });
    }
  };
  tx.inputs.forEach((i, index) =>
    first('input', index, [
      ['input', tx.txid ? `${tx.txid}:${index}` : undefined],
      ['output', i.outpoint],
      ['addr', i.address],
      ['tx', i.outpoint.split(':')[0]],
    ]),
  );
  for (const o of tx.outputs) first('output', o.index, [['output', tx.txid ? `${tx.txid}:${o.index}` : undefined], ['addr', o.address]]);
  return out;
}

/** One JSON Lines record as BIP-329 writes it. */
export function formatLabelRecord(r: LabelRecord): string {
  return JSON.stringify({ type: r.type, ref: r.ref, ...(r.label !== undefined ? { label: r.label } : {}), ...(r.origin !== undefined ? { origin: r.origin } : {}), ...(r.spendable !== undefined ? { spendable: r.spendable } : {}) });
}
