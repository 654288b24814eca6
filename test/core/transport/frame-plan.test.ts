import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { URDecoder } from '@ngraveio/bc-ur';
import { planFrames, chooseFormat, UR_FRAGMENT } from '../../../src/core/transport/frame-plan.js';
import { alnumCapacity, isAlphanumeric } from '../../../src/core/transport/qr-capacity.js';
import { joinBbqr, parseBbqrPart } from '../../../src/core/transport/bbqr/bbqr.js';
import { nodeZlib } from '../../../src/cli/qr/zlib.js';
import { toHex } from '../../../src/core/text.js';
import { Xoshiro256 } from '../../../src/core/transport/xoshiro.js';

const fx = (n: string) => new Uint8Array(readFileSync(new URL(`../../../fixtures/${n}`, import.meta.url)));
const psbt675 = fx('bbqr/1in2out.psbt');
const psbt4142 = fx('bbqr/1in100out.psbt');

/** Decode our frames with the reference TypeScript library (@ngraveio/bc-ur 1.1.13) as an oracle. */
function oracleDecode(frames: string[]): { type: string; payload: Uint8Array } {
  const d = new URDecoder();
  for (const f of frames) {
    d.receivePart(f);
    if (d.isComplete()) break;
  }
  expect(d.isSuccess()).toBe(true);
  const ur = d.resultUR();
  return { type: ur.type, payload: new Uint8Array(ur.decodeCBOR()) };
}

describe('UR frame plan', () => {
  it('emits upper-case UR:CRYPTO-PSBT that the reference decoder reads (plain parts)', () => {
    const plan = planFrames('psbt', psbt4142, { density: 'normal' });
    expect(plan.format).toBe('ur');
    expect(plan.label).toBe('UR:CRYPTO-PSBT');
    expect(plan.frames.length).toBe(21);
    for (const f of plan.frames) {
      expect(f.startsWith('UR:CRYPTO-PSBT/')).toBe(true);
      expect(isAlphanumeric(f)).toBe(true);
      expect(f.length).toBeLessThanOrEqual(alnumCapacity(plan.version));
    }
    const r = oracleDecode(plan.frames);
    expect(r.type).toBe('crypto-psbt');
    expect(toHex(r.payload)).toBe(toHex(psbt4142));
  });

  it('fountain parts after the first pass: the reference decoder completes from fountain parts alone', () => {
    const plan = planFrames('psbt', psbt4142, { density: 'high' });
    expect(plan.frames.length).toBe(11);
    const fountain = Array.from({ length: 40 }, () => plan.next!());
    expect(fountain[0]).toMatch(/^UR:CRYPTO-PSBT\/12-11\//);
    expect(toHex(oracleDecode(fountain).payload)).toBe(toHex(psbt4142));
  });

  it('density picks the fragment length; --fragment overrides it; one fragment gives a single-part UR', () => {
    expect(UR_FRAGMENT).toEqual({ low: 80, normal: 200, high: 400 });
    expect(planFrames('psbt', psbt675, { density: 'low' }).frames.length).toBe(Math.ceil((675 + 3) / 80));
    const single = planFrames('psbt', psbt675, { fragment: 1000 });
    expect(single.frames.length).toBe(1);
    expect(single.next).toBeUndefined();
    expect(single.frames[0]).toMatch(/^UR:CRYPTO-PSBT\/[A-Z]+$/);
    expect(toHex(oracleDecode(single.frames).payload)).toBe(toHex(psbt675));
  });

  it('--max-version shrinks the fragment until every frame fits', () => {
    const plan = planFrames('psbt', psbt4142, { density: 'high', maxVersion: 8 });
    expect(plan.version).toBeLessThanOrEqual(8);
    for (let i = 0; i < 30; i++) expect(plan.next!().length).toBeLessThanOrEqual(alnumCapacity(8));
    expect(() => planFrames('psbt', psbt4142, { maxVersion: 1 })).toThrow(/raise --max-version/);
  });

  it('psbt / bytes UR types on request; eth types keep their names', () => {
    expect(planFrames('psbt', psbt675, { fragment: 1000, urType: 'psbt' }).frames[0]).toMatch(/^UR:PSBT\//);
    const b = planFrames('bytes', new Uint8Array([1, 2, 3]), {});
    expect(oracleDecode(b.frames).type).toBe('bytes');
  });
});

describe('BBQr frame plan', () => {
  it('Z/P parts at one fixed version, capped at 20 by default, join back', () => {
    const big = new Xoshiro256('bbqr').nextData(20000);
    const plan = planFrames('bytes', big, { format: 'bbqr', zlib: nodeZlib });
    expect(plan.version).toBeLessThanOrEqual(20);
    const lens = plan.frames.map((f) => f.length);
    for (const l of lens.slice(0, -1)) expect(l).toBe(lens[0]);
    for (const f of plan.frames) expect(f.length).toBeLessThanOrEqual(alnumCapacity(plan.version));
    expect(toHex(joinBbqr(plan.frames.reverse(), nodeZlib).raw)).toBe(toHex(big));
  });

  it('PSBT as BBQr Z: header B$ZP, --max-version respected', () => {
    const plan = planFrames('psbt', psbt4142, { format: 'bbqr', zlib: nodeZlib, maxVersion: 12 });
    expect(plan.label).toBe('BBQr Z/P');
    expect(plan.version).toBeLessThanOrEqual(12);
    expect(parseBbqrPart(plan.frames[0]!).fileType).toBe('P');
    expect(toHex(joinBbqr(plan.frames, nodeZlib).raw)).toBe(toHex(psbt4142));
  });

  it('a cap below the usual minimum version 5 still works', () => {
    const plan = planFrames('psbt', psbt675, { format: 'bbqr', zlib: nodeZlib, maxVersion: 3 });
    expect(plan.version).toBe(3);
    expect(toHex(joinBbqr(plan.frames, nodeZlib).raw)).toBe(toHex(psbt675));
  });

  it('a transaction goes as BBQr T of its raw bytes', () => {
    const tx = new TextEncoder().encode('02000000' + 'ab'.repeat(3000));
    const plan = planFrames('tx', tx, { zlib: nodeZlib });
    expect(plan.format).toBe('bbqr');
    expect(parseBbqrPart(plan.frames[0]!).fileType).toBe('T');
    expect(toHex(joinBbqr(plan.frames, nodeZlib).raw)).toBe('02000000' + 'ab'.repeat(3000));
  });

  it('JSON text goes as file type J, other text as U', () => {
    expect(planFrames('text', new TextEncoder().encode('{"a": [1, 2]}'), { format: 'bbqr', zlib: nodeZlib }).frames[0]).toMatch(/^B\$.J0100/);
    expect(planFrames('text', new TextEncoder().encode('{not json'), { format: 'bbqr', zlib: nodeZlib }).frames[0]).toMatch(/^B\$.U0100/);
  });

  it('EIP-4527 payloads refuse BBQr and plain', () => {
    expect(() => planFrames('eth-sign-request', new Uint8Array([0xa0]), { format: 'bbqr' })).toThrow(/travels as UR/);
    expect(() => planFrames('eth-signature', new Uint8Array([0xa0]), { format: 'plain' })).toThrow(/travels as UR/);
  });
});

describe('plain frame plan', () => {
  it('base64 PSBT, hex transaction, text; too big for the version is refused', () => {
    const p = planFrames('psbt', psbt675, { format: 'plain' });
    expect(p.frames).toEqual([Buffer.from(psbt675).toString('base64')]);
    expect(p.mode).toBe('byte');
    // Hex text goes as written, so the receiver's bytes (and digest) equal the sender's.
    expect(planFrames('tx', new TextEncoder().encode('0200AABB' + '00'.repeat(60)), {}).frames[0]).toBe('0200AABB' + '00'.repeat(60));
    expect(planFrames('tx', new TextEncoder().encode('0x02f8' + '00'.repeat(60) + '\n'), {}).frames[0]).toBe('0x02f8' + '00'.repeat(60));
    expect(planFrames('text', new TextEncoder().encode('héllo'), {}).frames).toEqual(['héllo']);
    expect(() => planFrames('psbt', psbt4142, { format: 'plain', maxVersion: 20 })).toThrow(/do not fit one QR/);
  });

  it('auto: UR for PSBTs, plain for short text, BBQr U for long text', () => {
    expect(chooseFormat('psbt', psbt675, {})).toBe('ur');
    expect(chooseFormat('text', new Uint8Array(100), {})).toBe('plain');
    expect(chooseFormat('text', new Uint8Array(5000), {})).toBe('bbqr');
  });
});

describe('UR type choice', () => {
  it('refuses a UR type that does not carry the payload kind', () => {
    expect(() => planFrames('psbt', psbt675, { urType: 'crypto-account' })).toThrow(/a psbt is sent as UR type crypto-psbt or psbt or bytes, not crypto-account/);
    expect(() => planFrames('eth-signature', new Uint8Array([0xa0]), { urType: 'bytes' })).toThrow(/--ur-type|not bytes/);
  });
});

describe('frames made by the reference encoder (@ngraveio/bc-ur) decode with ours', () => {
  it.each([1, 64, 999, 5000])('%i-byte PSBT-like payload, fountain parts only from seqNum 7', async (n) => {
    const { UR, UREncoder } = await import('@ngraveio/bc-ur');
    const { assembleFrames } = await import('../../../src/core/transport/assemble.js');
    const { encodeCbor } = await import('../../../src/core/transport/cbor.js');
    const body = new Xoshiro256(`ref${n}`).nextData(n);
    const psbt = new Uint8Array([0x70, 0x73, 0x62, 0x74, 0xff, ...body]);
    const enc = new UREncoder(new UR(Buffer.from(encodeCbor(psbt)), 'crypto-psbt'), 100, 7);
    const texts = Array.from({ length: Math.max(1, enc.fragmentsLength * 3) }, (_, i) => ({ source: `r${i}`, text: enc.nextPart().toUpperCase() }));
    const r = assembleFrames(texts, undefined);
    expect(r.kind).toBe('psbt');
    expect(toHex(r.bytes)).toBe(toHex(psbt));
  });
});
