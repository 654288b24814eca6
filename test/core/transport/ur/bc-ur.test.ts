import { describe, expect, it } from 'vitest';
import { crc32 } from '../../../../src/core/transport/crc32.js';
import { decodeBytewords, encodeBytewords, type BytewordsStyle } from '../../../../src/core/transport/bytewords.js';
import { Xoshiro256 } from '../../../../src/core/transport/xoshiro.js';
import { RandomSampler } from '../../../../src/core/transport/fountain/random-sampler.js';
import {
  FountainEncoder,
  chooseDegree,
  chooseFragments,
  decodePart,
  encodePart,
  findNominalFragmentLength,
  joinFragments,
  partitionMessage,
  shuffled,
  xorInto,
} from '../../../../src/core/transport/fountain/fountain.js';
import { FountainDecoder } from '../../../../src/core/transport/fountain/decoder.js';
import { UrDecoder, UrEncoder } from '../../../../src/core/transport/ur/multipart.js';
import { decodeUrSingle, encodeUrSingle } from '../../../../src/core/transport/ur/ur.js';
import { encodeCbor } from '../../../../src/core/transport/cbor.js';
import { toHex } from '../../../../src/core/text.js';
import { calls, numberLists, numbers, stringVar, strings, testBody } from '../../../helpers/bcur-fixture.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const makeMessage = (len: number, seed = 'Wolf') => new Xoshiro256(seed).nextData(len);
const makeMessageUr = (len: number) => ({ type: 'bytes', cbor: encodeCbor(makeMessage(len)) });

describe('bc-ur test_crc32', () => {
  it.each(calls('test_crc32', '_test_crc32'))('crc32(%s) = %s', (input, hex) => {
    expect(crc32(utf8(input!)).toString(16).padStart(8, '0')).toBe(hex);
  });
});

describe('bc-ur test_bytewords_1', () => {
  const input = Uint8Array.from([0, 1, 2, 128, 255]);
  const cases: [BytewordsStyle, string][] = [
    ['standard', 'able acid also lava zoom jade need echo taxi'],
    ['uri', 'able-acid-also-lava-zoom-jade-need-echo-taxi'],
    ['minimal', 'aeadaolazmjendeoti'],
  ];
  it('the vector strings are those of test.cpp', () => {
    for (const [, s] of cases) expect(testBody('test_bytewords_1')).toContain(`"${s}"`);
  });
  it.each(cases)('%s encode/decode', (style, s) => {
    expect(encodeBytewords(input, style)).toBe(s);
    expect(decodeBytewords(s, style)).toEqual(input);
  });
  it.each([
    ['standard', 'able acid also lava zero jade need echo wolf'],
    ['uri', 'able-acid-also-lava-zero-jade-need-echo-wolf'],
    ['minimal', 'aeadaolazojendeowf'],
    ['standard', 'wolf'],
    ['standard', ''],
  ] as [BytewordsStyle, string][])('%s bad input "%s" throws', (style, s) => {
    expect(() => decodeBytewords(s, style)).toThrow();
  });
});

describe('bc-ur test_bytewords_2', () => {
  const input = Uint8Array.from(numbers('test_bytewords_2', 'ByteVector input'));
  it('100-byte input, standard and minimal', () => {
    expect(input.length).toBe(100);
    const std = stringVar('test_bytewords_2', 'encoded');
    const min = stringVar('test_bytewords_2', 'encoded_minimal');
    expect(encodeBytewords(input, 'standard')).toBe(std);
    expect(encodeBytewords(input, 'minimal')).toBe(min);
    expect(decodeBytewords(std, 'standard')).toEqual(input);
    expect(decodeBytewords(min.toUpperCase(), 'minimal')).toEqual(input);
  });
});

describe('bc-ur Xoshiro256**', () => {
  it('test_rng_1: next() % 100 seeded "Wolf"', () => {
    const rng = new Xoshiro256('Wolf');
    const got = Array.from({ length: 100 }, () => Number(rng.next() % 100n));
    expect(got).toEqual(numbers('test_rng_1', 'expected_numbers'));
  });
  it('test_rng_2: seeded with crc32("Wolf") as 4 bytes', () => {
    const c = crc32(utf8('Wolf'));
    const rng = new Xoshiro256(Uint8Array.of(c >>> 24, (c >>> 16) & 255, (c >>> 8) & 255, c & 255));
    const got = Array.from({ length: 100 }, () => Number(rng.next() % 100n));
    expect(got).toEqual(numbers('test_rng_2', 'expected_numbers'));
  });
  it('test_rng_3: nextInt(1, 10)', () => {
    const rng = new Xoshiro256('Wolf');
    expect(Array.from({ length: 100 }, () => rng.nextInt(1, 10))).toEqual(numbers('test_rng_3', 'expected_numbers'));
  });
  it('test_xor', () => {
    const rng = new Xoshiro256('Wolf');
    const d1 = rng.nextData(10);
    const d2 = rng.nextData(10);
    expect(toHex(d1)).toBe('916ec65cf77cadf55cd7');
    expect(toHex(d2)).toBe('f9cda1a1030026ddd42e');
    const d3 = d1.slice();
    xorInto(d3, d2);
    expect(toHex(d3)).toBe('68a367fdf47c8b2888f9');
    xorInto(d3, d1);
    expect(d3).toEqual(d2);
  });
});

describe('bc-ur fountain components', () => {
  it('test_find_fragment_length', () => {
    expect(findNominalFragmentLength(12345, 1005, 1955)).toBe(1764);
    expect(findNominalFragmentLength(12345, 1005, 30000)).toBe(12345);
  });
  it('test_random_sampler', () => {
    const s = new RandomSampler([1, 2, 4, 8]);
    const rng = new Xoshiro256('Wolf');
    const got = Array.from({ length: 500 }, () => s.next(() => rng.nextDouble()));
    expect(got).toEqual(numbers('test_random_sampler', 'expected_samples'));
  });
  it('test_shuffle', () => {
    const rng = new Xoshiro256('Wolf');
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const got = Array.from({ length: 10 }, () => shuffled(values, rng));
    expect(got).toEqual(numberLists('test_shuffle', 'expectedResult'));
  });
  it('test_partition_and_join', () => {
    const msg = makeMessage(1024);
    const frags = partitionMessage(msg, findNominalFragmentLength(msg.length, 10, 100));
    expect(frags.map(toHex)).toEqual(strings('test_partition_and_join', 'expected_fragments'));
    expect(joinFragments(frags, msg.length)).toEqual(msg);
  });
  it('test_choose_degree', () => {
    const msg = makeMessage(1024);
    const n = partitionMessage(msg, findNominalFragmentLength(msg.length, 10, 100)).length;
    const got = Array.from({ length: 200 }, (_, i) => chooseDegree(n, new Xoshiro256(`Wolf-${i + 1}`)));
    expect(got).toEqual(numbers('test_choose_degree', 'expected_degrees'));
  });
  it('test_choose_fragments', () => {
    const msg = makeMessage(1024);
    const n = partitionMessage(msg, findNominalFragmentLength(msg.length, 10, 100)).length;
    const got = Array.from({ length: 30 }, (_, i) => chooseFragments(i + 1, n, crc32(msg)));
    expect(got).toEqual(numberLists('test_choose_fragments', 'expected_fragment_indexes'));
  });
  it('test_fountain_cbor: part [12, 8, 100, 0x12345678, h"0105030305"] round-trips', () => {
    // 5 bytes × 8 parts is not a 100-byte message, so this checks the raw CBOR codec only.
    const cbor = encodePart({ seqNum: 12, seqLen: 8, messageLen: 100, checksum: 0x12345678, data: Uint8Array.of(1, 5, 3, 3, 5) });
    expect(toHex(cbor)).toBe('850c0818641a12345678450105030305');
  });
});

describe('bc-ur test_fountain_encoder / test_fountain_encoder_cbor (20 parts each)', () => {
  const msg = makeMessage(256);
  const enc = new FountainEncoder(msg, crc32(msg), 30);
  const parts = Array.from({ length: 20 }, () => enc.nextPart());
  const desc = strings('test_fountain_encoder', 'expected_parts');
  const cbors = strings('test_fountain_encoder_cbor', 'expected_parts');
  it.each(parts.map((p, i) => [i + 1, p] as const))('part %i', (i, p) => {
    expect(`seqNum:${p.seqNum}, seqLen:${p.seqLen}, messageLen:${p.messageLen}, checksum:${p.checksum}, data:${toHex(p.data)}`).toBe(desc[i - 1]);
    expect(toHex(encodePart(p))).toBe(cbors[i - 1]);
    expect(decodePart(encodePart(p))).toEqual(p);
  });
  it('test_fountain_encoder_is_complete: seqLen parts make a complete set', () => {
    expect(enc.seqLen).toBe(9);
  });
});

describe('bc-ur UR vectors', () => {
  it('test_single_part_ur', () => {
    const ur = makeMessageUr(50);
    const expected = stringVar('test_single_part_ur', 'expected');
    expect(encodeUrSingle(ur.type, ur.cbor)).toBe(expected);
    expect(decodeUrSingle(expected)).toEqual(ur);
  });
  const expected = strings('test_ur_encoder', 'expected_parts');
  const enc = new UrEncoder(makeMessageUr(256), 30);
  const got = Array.from({ length: 20 }, () => enc.nextPart());
  it.each(expected.map((s, i) => [i + 1, s] as const))('test_ur_encoder part %i', (i, s) => {
    expect(got[i - 1]).toBe(s);
  });
  it('test_ur_encoder parts decode back (upper case, mixed parts only from 10 on)', () => {
    const d = new UrDecoder();
    let status = '';
    for (const s of expected.slice(9)) status = d.receive(s.toUpperCase());
    // 11 mixed parts may not suffice; keep reading the same encoder's later (mixed) parts.
    for (let i = 0; i < 50 && status !== 'complete'; i++) status = d.receive(enc.nextPart());
    expect(status).toBe('complete');
    expect(d.result).toEqual(makeMessageUr(256));
  });
  it('test_fountain_decoder / test_multipart_ur: 32767 bytes, 1000-byte fragments, first seqNum 100', () => {
    const ur = makeMessageUr(32767);
    const enc2 = new UrEncoder(ur, 1000, 100);
    const d = new UrDecoder();
    let n = 0;
    while (d.receive(enc2.nextPart()) !== 'complete') n++;
    expect(n).toBeLessThan(200);
    expect(d.result).toEqual(ur);
    const fd = new FountainDecoder();
    const msg = makeMessage(32767);
    const fe = new FountainEncoder(msg, crc32(msg), 1000, 100);
    while (fd.receive(fe.nextPart()) !== 'complete');
    expect(fd.result).toEqual(msg);
  });
});
