/**
 * The journal head as payloads carry it (src/core/journal/payload-anchor.ts): the PSBT value's
 * compact-size round trip, the JSON field read strictly, and the anchor line after an SSH
 * signature's armor split off exactly (and refused when it is not a valid anchor).
 */
import { describe, expect, it } from 'vitest';
import { anchorInJson, anchorText, anchorTrailer, decodePsbtAnchor, encodePsbtAnchor, splitAnchorTrailer } from '../../../src/core/journal/payload-anchor.js';
import { headWords } from '../../../src/core/journal/entry.js';

const HASH = 'ab'.repeat(32);
const ARMOR = '-----BEGIN SSH SIGNATURE-----\nU1NIU0lH\n-----END SSH SIGNATURE-----\n';

describe('payload anchors', () => {
  it('PSBT value: compact-size entry numbers of every width round-trip', () => {
    for (const seq of [1, 0xfc, 0xfd, 0xffff, 0x10000, 2 ** 32 - 1]) expect(decodePsbtAnchor(encodePsbtAnchor({ seq, hash: HASH }), 'f')).toEqual({ seq, hash: HASH });
  });
  it('text form is what the QR digest line prints', () => {
    expect(anchorText({ seq: 7, hash: HASH })).toBe(`journal #7 ${headWords(HASH)}`);
  });
  it('JSON: absent is undefined, malformed is refused naming the field', () => {
    expect(anchorInJson({ kind: 'x' }, 'f')).toBeUndefined();
    expect(anchorInJson(null, 'f')).toBeUndefined();
    expect(anchorInJson({ journalAnchor: { seq: 3, hash: HASH, words: 'ignored' } }, 'f')).toEqual({ seq: 3, hash: HASH });
    expect(() => anchorInJson({ journalAnchor: { seq: 0, hash: HASH } }, 'the-field')).toThrow(/^the-field: journalAnchor must be/);
    expect(() => anchorInJson({ journalAnchor: { seq: 1, hash: HASH.toUpperCase() } }, 'f')).toThrow(/journalAnchor must be/);
  });
  it('SSH signature trailer: split off exactly; a file without one is untouched', () => {
    const file = ARMOR + anchorTrailer({ seq: 12, hash: HASH });
    expect(file.endsWith(`coldkit-journal-anchor: {"seq":12,"hash":"${HASH}","words":"${headWords(HASH)}"}\n`)).toBe(true);
    expect(splitAnchorTrailer(file, 'f')).toEqual({ text: ARMOR, anchor: { seq: 12, hash: HASH } });
    expect(splitAnchorTrailer(file.trimEnd(), 'f')).toEqual({ text: ARMOR, anchor: { seq: 12, hash: HASH } });
    expect(splitAnchorTrailer(ARMOR, 'f')).toEqual({ text: ARMOR });
    // Not the last line: left in place for the signature parser (which refuses text after the armor).
    const inner = ARMOR + anchorTrailer({ seq: 12, hash: HASH }) + 'more\n';
    expect(splitAnchorTrailer(inner, 'f')).toEqual({ text: inner });
  });
  it('SSH signature trailer: a line that is not a valid anchor is refused', () => {
    expect(() => splitAnchorTrailer(ARMOR + 'coldkit-journal-anchor: {nope\n', 'alice.sig')).toThrow(/^alice\.sig: its "coldkit-journal-anchor:" line is not JSON/);
    expect(() => splitAnchorTrailer(ARMOR + 'coldkit-journal-anchor: {"seq":1,"hash":"00"}\n', 'alice.sig')).toThrow(/journalAnchor must be/);
  });
});
