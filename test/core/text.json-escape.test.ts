/** --json output escapes characters that could disguise untrusted text on a terminal, without changing the strings. */
import { describe, expect, it } from 'vitest';
import { toJson } from '../../src/core/text.js';

describe('toJson escapes bidi and C1 characters', () => {
  const tricky = ['\u202e', '\u2066', '\u2069', '\u200f', '\u0085', '\u2028', '\u007f'];
  for (const c of tricky) {
    it(`U+${c.charCodeAt(0).toString(16).padStart(4, '0')}`, () => {
      const label = `pay${c}evil`;
      const text = toJson({ label });
      expect(text).not.toContain(c);
      expect(text).toContain(`\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      expect(JSON.parse(text).label).toBe(label);
    });
  }
  it('leaves ordinary text as is, bigints as decimal strings, bytes as hex', () => {
    expect(JSON.parse(toJson({ a: 'Grüße ✓', n: 12n, b: new Uint8Array([1, 255]) }))).toEqual({ a: 'Grüße ✓', n: '12', b: '01ff' });
  });
});
