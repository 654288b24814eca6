/** Retiring a key: refused for bad fingerprints, empty reasons, unknown and already-retired keys; the retired-key finding. */
import { describe, expect, it } from 'vitest';
import { inventoryOf } from '../../../src/core/lifecycle/inventory.js';
import { parseFingerprint, retireKey, retiredKeyFindings } from '../../../src/core/lifecycle/retire.js';
import { HISTORY, syntheticEntries } from '../../helpers/synthetic-journal.js';

const inv = inventoryOf(syntheticEntries(HISTORY), new Date('2026-02-01'));

describe('retire', () => {
  it('parses fingerprints strictly', () => {
    expect(parseFingerprint(' AAAA0001 ', 'fp')).toBe('aaaa0001');
    expect(() => parseFingerprint('aaaa001', 'fp')).toThrow(/8 hex digits/);
  });
  it('retires a known key and refuses an unknown, a retired one, an empty reason', () => {
    expect(retireKey(inv, 'aaaa0001', ' rotated ').data).toMatchObject({ fingerprint: 'aaaa0001', reason: 'rotated', createdSeq: 1, signatures: { btc: 1, eth: 0 } });
    expect(() => retireKey(inv, 'deadbeef', 'x')).toThrow(/appears in no entry/);
    expect(() => retireKey(inv, 'aaaa0001', '  ')).toThrow(/reason/);
    const again = inventoryOf(syntheticEntries([...HISTORY, { ts: '2026-01-01T00:00:00.000Z', op: 'key.retire', data: { fingerprint: 'aaaa0001', reason: 'r' } }]), new Date('2026-02-01'));
    expect(() => retireKey(again, 'aaaa0001', 'x')).toThrow(/already retired at entry #12/);
  });
  it('makes an overridable identity-rank refusal for each retired signer', () => {
    const retired = new Map([['aaaa0001', { seq: 9, ts: '2026-01-01T00:00:00Z', reason: 'rotated' }]]);
    expect(retiredKeyFindings(['AAAA0001', 'bbbb0002'], retired)).toEqual([expect.objectContaining({ code: 'retired-key', severity: 'refuse', overridable: true, rank: 0 })]);
    expect(retiredKeyFindings(['bbbb0002', undefined], retired)).toEqual([]);
  });
});
