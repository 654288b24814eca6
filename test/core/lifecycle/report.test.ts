/**
 * src/core/lifecycle/report.ts: the report model from verified entries — the range narrows the
 * timeline, drills, signatures and overrides but not the lifecycles (a key made before --from is
 * still described; acts after --to are left out of them too); signatures carry destinations,
 * amounts and ids; summaries are built from public data only.
 */
import { describe, expect, it } from 'vitest';
import { ReportBuilder, summarize } from '../../../src/core/lifecycle/report.js';
import { HISTORY, syntheticEntries } from '../../helpers/synthetic-journal.js';

const entries = syntheticEntries(HISTORY);
const head = { seq: entries.length, hash: entries.at(-1)!.hash, words: 'a b c d e f' };
const build = (range: { from?: Date; to?: Date }) => {
  const b = new ReportBuilder(range);
  for (const e of entries) b.add(e);
  return b.finish(new Date('2026-02-01T00:00:00Z'), {}, head);
};

describe('ReportBuilder', () => {
  it('whole journal: every act in the timeline, signatures with destinations, overrides', () => {
    const m = build({});
    expect(m.journal).toMatchObject({ entries: HISTORY.length, first: HISTORY[0]!.ts, head });
    expect(m.timeline.map((t) => t.seq)).toEqual(entries.map((e) => e.seq));
    expect(m.signatures.map((s) => [s.chain, s.key, s.overrides])).toEqual([['btc', 'aaaa0001', ['--allow-high-fee']], ['btc', 'cccc0003', []]]);
    expect(m.overrides).toHaveLength(1);
    expect(m.drills.map((d) => d.result)).toEqual(['MATCH', 'MISMATCH', 'MATCH']);
    expect(m.rules).toMatchObject({ drillEveryDays: 365, drillEverySource: 'default' });
  });
  it('a range narrows the timeline but keys made before it are still described; acts after it are left out', () => {
    const m = build({ from: new Date('2025-01-01T00:00:00Z'), to: new Date('2025-10-31T23:59:59.999Z') });
    expect(m.timeline.map((t) => t.op)).toEqual(['shares.combine', 'shares.split']);
    expect(m.keys.map((k) => k.fingerprint)).toEqual(expect.arrayContaining(['aaaa0001', 'bbbb0002', 'cccc0003']));
    expect(m.shareSets.find((s) => s.id === 's3')!.drills).toBe(0); // its drill on 2025-11-01 is after --to
    expect(m.signatures).toEqual([]);
    expect(m.range).toEqual({ from: '2025-01-01T00:00:00.000Z', to: '2025-10-31T23:59:59.999Z' });
  });
});

describe('summarize', () => {
  it('says what an act did from its public fields', () => {
    expect(summarize(entries[1]!)).toBe('set "apple banana" (s1); 2-of-3; key aaaa0001; holders ann, ben, cat');
    expect(summarize(entries[5]!)).toBe('key aaaa0001; ? input(s); OVERRIDES --allow-high-fee');
    const [e] = syntheticEntries([{ ts: '2026-01-01T00:00:00.000Z', op: 'psbt.sign', data: { fingerprint: 'aaaa0001', inputsSigned: 2, recipients: [{ to: 'bc1qxyz', amount: '5000' }], fee: '150', overrides: [] } }]);
    expect(summarize(e!)).toBe('key aaaa0001; 2 input(s); to bc1qxyz 5000 sats; fee 150 sats');
  });
});
