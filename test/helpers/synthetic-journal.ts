/**
 * A synthetic multi-year custody journal (valid version-2 chain) built from acts with their own
 * timestamps: for status and report tests that need an injected clock and years of history.
 */
import { GENESIS, entryLine, nextEntry, type JournalEntryV2 } from '../../src/core/journal/entry.js';

/** One act: when, who, what. */
export interface SyntheticAct {
  ts: string;
  op: string;
  data: Record<string, unknown>;
  operator?: string;
}

/** Chain the acts into entries. */
export function syntheticEntries(acts: SyntheticAct[]): JournalEntryV2[] {
  let head = { seq: 0, hash: GENESIS };
  return acts.map((a) => {
    const e = nextEntry(head, { ts: a.ts, op: a.op, operator: a.operator ?? 'alice', host: 'vault-laptop', tool: 'coldkit 0.0.0-test', data: a.data });
    head = { seq: e.seq, hash: e.hash };
    return e;
  });
}

/** The journal file's text. */
export function syntheticJournal(acts: SyntheticAct[]): string {
  return syntheticEntries(acts).map((e) => entryLine(e) + '\n').join('');
}

/**
 * A custody history 2022–2026: key aaaa0001 generated and split 2-of-3 (set s1), drilled 2023
 * (match) and 2024 (mismatch); key bbbb0002 generated 2022, split (set s2) and never drilled;
 * key cccc0003 recovered 2025, split (s3), drilled 2025-11 (match); psbt signatures, one with an override.
 */
export const HISTORY: SyntheticAct[] = [
  { ts: '2022-01-10T10:00:00.000Z', op: 'seed.new', data: { fingerprint: 'aaaa0001', network: 'mainnet' } },
  { ts: '2022-01-10T10:05:00.000Z', op: 'shares.split', data: { format: 'v1', setId: 's1', setWords: 'apple banana', threshold: 2, count: 3, holders: ['ann', 'ben', 'cat'], fingerprint: 'aaaa0001', network: 'mainnet', overrides: [] } },
  { ts: '2022-02-01T09:00:00.000Z', op: 'seed.new', data: { fingerprint: 'bbbb0002', network: 'mainnet' }, operator: 'bob' },
  { ts: '2022-02-01T09:05:00.000Z', op: 'shares.split', data: { format: 'v1', setId: 's2', setWords: 'cherry date', threshold: 3, count: 5, fingerprint: 'bbbb0002' }, operator: 'bob' },
  { ts: '2023-03-01T12:00:00.000Z', op: 'shares.drill', data: { result: 'MATCH', setId: 's1', setWords: 'apple banana', fingerprint: 'aaaa0001' } },
  { ts: '2023-06-01T12:00:00.000Z', op: 'psbt.sign', data: { fingerprint: 'aaaa0001', network: 'mainnet', overrides: ['--allow-high-fee'] }, operator: 'carol' },
  { ts: '2024-04-01T12:00:00.000Z', op: 'shares.drill', data: { result: 'MISMATCH', setId: null, setWords: 'apple banana', fingerprint: 'ffff0000' } },
  { ts: '2025-10-01T08:00:00.000Z', op: 'shares.combine', data: { setId: 'sx', fingerprint: 'cccc0003', network: 'testnet' } },
  { ts: '2025-10-01T08:10:00.000Z', op: 'shares.split', data: { format: 'slip39', setId: 's3', setWords: 'elder fig', threshold: 2, count: 3, fingerprint: 'cccc0003' } },
  { ts: '2025-11-01T08:00:00.000Z', op: 'shares.drill', data: { result: 'MATCH', setId: 's3', fingerprint: 'cccc0003' } },
  { ts: '2026-01-05T08:00:00.000Z', op: 'psbt.sign', data: { fingerprint: 'cccc0003', network: 'testnet', overrides: [] } },
];
