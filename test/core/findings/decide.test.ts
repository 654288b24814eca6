/** The one decision: every finding reported, most fundamental first; overrides lift only what they may. */
import { describe, expect, it } from 'vitest';
import { RefusedError } from '../../../src/core/errors.js';
import { decide, enforce } from '../../../src/core/findings/decide.js';
import { hardRefusal, note, RANK, refusal, warning } from '../../../src/core/findings/finding.js';

const fee = refusal('high-fee', RANK.fee, 'fee is high');
const seed = hardRefusal('not-our-seed', RANK.identity, 'another seed');
const net = refusal('network-mismatch', RANK.network, 'another network');
const dust = warning('dust', RANK.content, 'output 2 is dust');

describe('decide', () => {
  it('sorts by rank, stable within a rank, and lists every blocking finding', () => {
    const d = decide([fee, dust, net, seed, refusal('sighash', RANK.fee, 'sighash NONE')], new Set());
    expect(d.go).toBe(false);
    expect(d.findings.map((f) => f.code)).toEqual(['not-our-seed', 'network-mismatch', 'high-fee', 'sighash', 'dust']);
    expect(d.blocking.map((f) => f.code)).toEqual(['not-our-seed', 'network-mismatch', 'high-fee', 'sighash']);
    expect(d.notes.map((f) => f.code)).toEqual(['dust']);
  });

  it('an override lifts only its own overridable code, and is reported once', () => {
    const d = decide([fee, refusal('high-fee', RANK.fee, 'fee rate is high'), net, dust], new Set(['high-fee']));
    expect(d.go).toBe(false);
    expect(d.overrides).toEqual(['high-fee']);
    expect(d.overridden).toHaveLength(2);
    const ok = decide([fee, net, dust, note('rbf', 'RBF signalled')], new Set(['high-fee', 'network-mismatch']));
    expect(ok.go).toBe(true);
    expect(ok.overrides).toEqual(['network-mismatch', 'high-fee']);
  });

  it('a hard refusal is not lifted by an override of the same code', () => {
    expect(decide([seed], new Set(['not-our-seed'])).go).toBe(false);
  });

  it('a locked code blocks although its override was given, and is no longer offered', () => {
    const d = decide([fee], new Set(['high-fee']), { locked: new Set(['high-fee']) });
    expect(d.go).toBe(false);
    expect(d.blocking[0]!.overridable).toBe(false);
    try {
      enforce(d);
      expect.unreachable();
    } catch (e) {
      expect((e as RefusedError).overrides).toEqual([]);
    }
  });

  it('enforce throws one RefusedError naming every blocking message and the overridable codes', () => {
    try {
      enforce(decide([fee, seed, net], new Set()));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RefusedError);
      const r = e as RefusedError;
      expect(r.message).toBe('another seed; another network; fee is high');
      expect(r.overrides).toEqual(['network-mismatch', 'high-fee']);
      expect(r.findings.map((f) => f.code)).toEqual(['not-our-seed', 'network-mismatch', 'high-fee']);
      expect(r.exitCode).toBe(3);
    }
  });
});
