import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planFrames } from '../../../src/core/transport/frame-plan.js';
import { assembleFrames } from '../../../src/core/transport/assemble.js';
import { payloadToUr, urToPayload } from '../../../src/core/transport/payload-ur.js';
import { decodeUrSingle, encodeUrSingle } from '../../../src/core/transport/ur/ur.js';
import { UrEncoder } from '../../../src/core/transport/ur/multipart.js';
import { fromHex, toHex } from '../../../src/core/text.js';

// crypto-psbt vectors verbatim from fixtures/ur (see SOURCE.md): Keystone ur-registry CryptoPSBT
// test, the BCR-2020-006 `ur:psbt` example, and the Keystone developer docs' 2-part series.
const fx = (n: string) => readFileSync(new URL(`../../../fixtures/ur/${n}`, import.meta.url), 'utf8');

describe('Keystone ur-registry CryptoPSBT.test.ts', () => {
  const t = fx('keystone/CryptoPSBT.test.ts.txt');
  const psbtHex = /const psbtHex =\s*'([0-9a-f]+)'/.exec(t)![1]!;
  const cborHex = /const hex =\s*'([0-9A-F]+)'/.exec(t)![1]!.toLowerCase();
  const ur = /'(ur:crypto-psbt\/[a-z]+)'/.exec(t)![1]!;

  it('PSBT → CBOR → ur:crypto-psbt (single part at maxFragmentLen 1000)', () => {
    const u = payloadToUr('psbt', fromHex(psbtHex, 'psbt'));
    expect(toHex(u.cbor)).toBe(cborHex);
    expect(encodeUrSingle(u.type, u.cbor)).toBe(ur);
    expect(planFrames('psbt', fromHex(psbtHex, 'psbt'), { fragment: 1000 }).frames).toEqual([ur.toUpperCase()]);
  });

  it('ur:crypto-psbt → PSBT, and the BCR-2020-006 ur:psbt example carries the same body', () => {
    expect(toHex(urToPayload(decodeUrSingle(ur)).bytes)).toBe(psbtHex);
    const v2 = /^(ur:psbt\/[a-z]+)$/m.exec(fx('bcr/bcr-2020-006-urtypes.md'))![1]!;
    expect(v2.slice('ur:psbt/'.length)).toBe(ur.slice('ur:crypto-psbt/'.length));
    const p = urToPayload(decodeUrSingle(v2));
    expect(p.kind).toBe('psbt');
    expect(toHex(p.bytes)).toBe(psbtHex);
  });
});

describe('Keystone developer docs (integration/sign/bitcoin.md): 279-byte PSBT at maxFragmentLen 200', () => {
  const t = fx('keystone/keystone-developer-bitcoin.md');
  const psbt = fromHex(/^(70736274ff[0-9a-f]+)$/m.exec(t)![1]!, 'psbt');
  const parts = [1, 2, 3, 4].map((n) => new RegExp(`(ur:crypto-psbt/${n}-2/[a-z]+)`).exec(t)![1]!);

  it('our encoder produces the four parts the docs print (two plain, two fountain)', () => {
    const e = new UrEncoder(payloadToUr('psbt', psbt), 200);
    expect([1, 2, 3, 4].map(() => e.nextPart())).toEqual(parts);
  });

  it('our decoder reads them (upper case too) back to the PSBT from any two', () => {
    for (const pair of [[0, 1], [1, 2], [2, 3], [3, 0]]) {
      const texts = pair.map((i) => ({ source: `p${i + 1}`, text: parts[i]!.toUpperCase() }));
      expect(toHex(assembleFrames(texts, undefined).bytes)).toBe(toHex(psbt));
    }
  });
});
