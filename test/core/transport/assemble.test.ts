import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assembleFrames, type ScannedText } from '../../../src/core/transport/assemble.js';
import { planFrames } from '../../../src/core/transport/frame-plan.js';
import { nodeZlib } from '../../../src/cli/qr/zlib.js';
import { toHex } from '../../../src/core/text.js';
import { encodeBytewords, decodeBytewords } from '../../../src/core/transport/bytewords.js';
import { shuffle } from '../../helpers/shuffle.js';

const psbt = new Uint8Array(readFileSync(new URL('../../../fixtures/bbqr/1in100out.psbt', import.meta.url)));
const other = new Uint8Array(readFileSync(new URL('../../../fixtures/bbqr/1in2out.psbt', import.meta.url)));
const scan = (texts: string[], tag = 'f'): ScannedText[] => texts.map((text, i) => ({ source: `${tag}${i + 1}`, text }));
const urFrames = (bytes: Uint8Array, n: number, fragment = 200) => {
  const p = planFrames('psbt', bytes, { fragment });
  const out = [...p.frames];
  while (out.length < n) out.push(p.next!());
  return out;
};
describe('assemble: any order, duplicates, other payloads', () => {
  it('UR frames shuffled with duplicates decode to the PSBT', () => {
    const f = urFrames(psbt, 42);
    const notes: string[] = [];
    const r = assembleFrames(scan(shuffle([...f, f[3]!, f[3]!.toLowerCase()], 's1')), nodeZlib, { note: (l) => notes.push(l) });
    expect(r.kind).toBe('psbt');
    expect(r.format).toBe('ur');
    expect(toHex(r.bytes)).toBe(toHex(psbt));
    expect(notes.join('\n')).toMatch(/ignored 2 duplicate/);
  });

  it('frames of another payload are ignored with a note, never mixed in', () => {
    const notes: string[] = [];
    const mixed = shuffle([...urFrames(psbt, 30), ...urFrames(other, 3)], 's2');
    const r = assembleFrames(scan(mixed), nodeZlib, { note: (l) => notes.push(l) });
    expect(toHex(r.bytes)).toBe(toHex(psbt));
    expect(notes.join('\n')).toMatch(/ignored 4 frames of another payload/);
  });

  it('two payloads with equally many frames is an error naming both', () => {
    const a = urFrames(psbt, 4, 2000);
    const b = urFrames(other, 4, 200);
    expect(() => assembleFrames(scan([...a.slice(0, 3), ...b.slice(0, 3)]), nodeZlib)).toThrow(/2 different payloads/);
  });

  it('plain frames (share cards, a mnemonic) are named by length and digest, never by their words', () => {
    const m1 = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
    const m2 = 'letter advice cage absurd amount doctor acoustic avoid letter advice cage above';
    let message = '';
    try {
      assembleFrames(scan([m1, m2]), nodeZlib);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/2 different payloads \(plain text of 75 characters, digest [a-z]+ [a-z]+ [a-z]+ [a-z]+; plain text of 79/);
    for (const w of ['legal', 'winner', 'letter', 'advice']) expect(message).not.toContain(w);
    const notes: string[] = [];
    assembleFrames(scan([...urFrames(other, 2), m2]), nodeZlib, { note: (l) => notes.push(l) });
    expect(notes.join('\n')).toMatch(/ignored 1 frame of another payload: plain text of 79 characters/);
    expect(notes.join('\n')).not.toMatch(/letter|advice/i);
  });

  it('progress reports parts recovered / needed', () => {
    const seen: string[] = [];
    assembleFrames(scan(urFrames(psbt, 21)), nodeZlib, { progress: (h, n) => seen.push(`${h}/${n}`) });
    expect(seen[0]).toBe('1/21');
    expect(seen[seen.length - 1]).toBe('21/21');
  });

  it('30% of frames dropped: fountain parts recover the rest', () => {
    const f = urFrames(psbt, 21 * 3);
    const kept = shuffle(f, 'drop').slice(0, Math.floor(f.length * 0.7));
    expect(toHex(assembleFrames(scan(kept), nodeZlib).bytes)).toBe(toHex(psbt));
  });
});

describe('assemble: damaged frames give clear errors, never a wrong payload', () => {
  const f = urFrames(psbt, 21);

  it('a UR frame whose body fails its CRC-32 is rejected by name; the payload is then incomplete', () => {
    const i = f[4]!.lastIndexOf('/') + 1;
    const body = f[4]!.slice(i).toLowerCase();
    const raw = decodeBytewords(body, 'minimal');
    raw[10] ^= 1;
    // Re-encode with the original (now wrong) CRC: bytewords of the changed payload + old checksum.
    const words = encodeBytewords(raw, 'minimal');
    const bad = f[4]!.slice(0, i) + (words.slice(0, -8) + body.slice(-8)).toUpperCase();
    const notes: string[] = [];
    expect(() => assembleFrames(scan([...f.slice(0, 4), bad, ...f.slice(5)]), nodeZlib, { note: (l) => notes.push(l) })).toThrow(/missing fragments? 5\b.*1 frame was rejected \(f5: .*checksum/i);
    expect(notes.join('\n')).toMatch(/rejected f5/);
  });

  it('header part number that disagrees with the body is rejected', () => {
    const bad = f[2]!.replace('/3-21/', '/4-21/');
    expect(() => assembleFrames(scan([...f.slice(0, 2), bad, ...f.slice(3)]), nodeZlib)).toThrow(/missing fragments? 3;.*rejected \(f3: .*header says part 4-21 but the body says 3-21/);
  });

  it('missing frames are named', () => {
    const r = () => assembleFrames(scan(f.filter((_, i) => i !== 6 && i !== 13)), nodeZlib);
    expect(r).toThrow(/missing fragments? 7, 14/);
  });

  it('BBQr: missing part named; two different frames for one part refused; other series ignored', () => {
    const z = planFrames('psbt', psbt, { format: 'bbqr', zlib: nodeZlib, maxVersion: 10 }).frames;
    expect(z.length).toBeGreaterThan(3);
    expect(() => assembleFrames(scan(z.slice(1)), nodeZlib)).toThrow(/missing parts? 1 of/);
    const forged = z[1]!.slice(0, 8) + z[2]!.slice(8);
    expect(() => assembleFrames(scan([...z, forged]), nodeZlib)).toThrow(/two different frames claim to be part 2/);
    const t = planFrames('text', new TextEncoder().encode('x'.repeat(50)), { format: 'bbqr', zlib: nodeZlib }).frames;
    const notes: string[] = [];
    expect(toHex(assembleFrames(scan([...t, ...z]), nodeZlib, { note: (l) => notes.push(l) }).bytes)).toBe(toHex(psbt));
    expect(notes.join('\n')).toMatch(/ignored 1 frame of another payload: BBQr/);
  });

  it('a mixed payload with the same type but another checksum is never combined', () => {
    // Same seqLen/type: a different PSBT of equal length.
    const twin = psbt.slice();
    twin[200] ^= 0xff;
    const a = urFrames(psbt, 21);
    const b = urFrames(twin, 21);
    const mixed = [...a.slice(0, 15), ...b.slice(15)];
    expect(() => assembleFrames(scan(mixed), nodeZlib)).toThrow(/incomplete: recovered 15 of 21/);
  });

  it('plain frames: base64 PSBT, hex transaction, text', () => {
    const b64 = Buffer.from(other).toString('base64');
    expect(assembleFrames(scan([b64]), nodeZlib).kind).toBe('psbt');
    expect(assembleFrames(scan(['0200000001' + 'ab'.repeat(40)]), nodeZlib).kind).toBe('tx');
    const eth = assembleFrames(scan(['0x02F8' + 'ab'.repeat(40)]), nodeZlib);
    expect(eth.kind).toBe('tx');
    expect(new TextDecoder().decode(eth.bytes)).toBe('0x02F8' + 'ab'.repeat(40));
    expect(new TextDecoder().decode(assembleFrames(scan(['hello']), nodeZlib).bytes)).toBe('hello');
  });

  it('no usable frame at all', () => {
    expect(() => assembleFrames([], nodeZlib)).toThrow(/no QR code found/);
    expect(() => assembleFrames(scan(['UR:CRYPTO-PSBT/1-2/LPAD']), nodeZlib)).toThrow(/no usable QR frame/);
  });
});
