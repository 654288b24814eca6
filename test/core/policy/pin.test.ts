/**
 * src/core/policy/pin.ts: a pinned laptop signs only on its pinned journal, and only while the
 * policy in force there descends from the pinned policy; a malformed pin is refused by field.
 */
import { describe, expect, it } from 'vitest';
import { parsePin, pinFindings, type LaptopPin } from '../../../src/core/policy/pin.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const pin: LaptopPin = { version: 1, journal: '/var/coldkit/journal.jsonl', root: { name: 'treasury', sha256: A }, pinnedAt: '2026-12-01T10:00:00.000Z' };
const codes = (o: Parameters<typeof pinFindings>[1]) => pinFindings(pin, o).map((f) => f.code);

describe('pinFindings', () => {
  it('the pinned journal under the pinned policy or an amendment of it: nothing to say', () => {
    expect(codes({ journal: pin.journal, chain: [A] })).toEqual([]);
    expect(codes({ journal: pin.journal, chain: [A, B] })).toEqual([]);
  });
  it('another journal', () => {
    expect(codes({ journal: '/tmp/other.jsonl', chain: [A] })).toEqual(['policy-pin-journal']);
  });
  it('the pinned journal without any adopted policy', () => {
    expect(codes({ journal: pin.journal, chain: undefined })).toEqual(['policy-pin-missing']);
  });
  it('the pinned journal under a policy that does not descend from the pinned one', () => {
    expect(codes({ journal: pin.journal, chain: [B] })).toEqual(['policy-pin-chain']);
  });
  it('every refusal is hard (no override lifts it)', () => {
    expect(pinFindings(pin, { journal: '/x', chain: [A] })[0]).toMatchObject({ severity: 'refuse', overridable: false });
  });
});

describe('parsePin', () => {
  const bytes = (o: unknown) => new TextEncoder().encode(JSON.stringify(o));
  it('reads what the CLI writes', () => {
    expect(parsePin(bytes(pin))).toEqual(pin);
  });
  it.each([
    ['not JSON', new TextEncoder().encode('{'), /not valid JSON/],
    ['another version', bytes({ ...pin, version: 2 }), /version must be 1/],
    ['a relative journal', bytes({ ...pin, journal: 'journal.jsonl' }), /journal must be an absolute path/],
    ['a short hash', bytes({ ...pin, root: { name: 'x', sha256: 'abc' } }), /root\.sha256/],
  ])('refuses %s', (_n, b, re) => {
    expect(() => parsePin(b as Uint8Array)).toThrow(re as RegExp);
  });
});
