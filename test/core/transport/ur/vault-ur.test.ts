/**
 * Vault QR forms (BCR-2020-015 BIP48 cosigner entries, BCR-2020-010 crypto-output sortedmulti):
 * the official examples in fixtures/ur/bcr/ (see fixtures/ur/SOURCE.md) encode and decode exactly.
 * BCR-2020-010 v1 has no sortedmulti example (its multisig examples use `multi`, tag 406); the
 * only published 2-of-3 sortedmulti vector is BCR-2023-010's (v3) example 4, used here as the
 * source descriptor for the v1 form.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeUrSingle } from '../../../../src/core/transport/ur/ur.js';
import { decodeCryptoAccount, encodeCryptoAccount } from '../../../../src/core/transport/ur/account.js';
import { outputToDescriptor } from '../../../../src/core/transport/ur/output.js';
import { payloadToUr, urToPayload } from '../../../../src/core/transport/payload-ur.js';
import { decodeDescriptorV2 } from '../../../../src/core/transport/ur/output-descriptor.js';
import { CborTag, decodeCbor, type CborValue } from '../../../../src/core/transport/cbor.js';
import { parseCosignerLine } from '../../../../src/core/transport/ur/account-text.js';
import { withChecksum } from '../../../../src/core/hd/checksum.js';
import { toHex } from '../../../../src/core/text.js';
import { formatDescriptor, parseDescriptor } from '../../../../src/core/wallet/descriptor.js';

const md = (n: string) => readFileSync(new URL(`../../../../fixtures/ur/bcr/${n}`, import.meta.url), 'utf8');
const blocks = (s: string) => [...s.matchAll(/```\n([\s\S]*?)\n```/g)].map((m) => m[1]!.trim());
const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('BCR-2020-015 BIP48 cosigner entries', () => {
  const b = blocks(md('bcr-2020-015-account.md'));
  const urText = b.find((x) => x.startsWith('ur:crypto-account/'))!;
  const descs = b.find((x) => x.startsWith('pkh([37b5eed4'))!.split('\n');
  const bip48 = descs.filter((d) => /48'/.test(d));

  it('the example has the P2SH-P2WSH and P2WSH entries', () => {
    expect(bip48).toHaveLength(2);
    expect(bip48[0]).toMatch(/^sh\(wsh\(cosigner\(\[37b5eed4\/48'\/0'\/0'\/1'\]/);
    expect(bip48[1]).toMatch(/^wsh\(cosigner\(\[37b5eed4\/48'\/0'\/0'\/2'\]/);
  });

  it('our encoding of the two entries is the example\'s bytes for them (tags 400/401 → 410 → 303)', () => {
    const acc = decodeCryptoAccount(decodeUrSingle(urText).cbor);
    const theirs = acc.outputs.filter((o) => /48'/.test(outputToDescriptor(o)));
    const expected = encodeCryptoAccount({ masterFingerprint: 0x37b5eed4, outputs: theirs });
    const ours = payloadToUr('account', utf8(bip48.map((d) => withChecksum(d)).join('\n')));
    expect(ours.type).toBe('crypto-account');
    expect(toHex(ours.cbor)).toBe(toHex(expected));
    const outs = (decodeCbor(ours.cbor) as Map<number, CborValue[]>).get(2)!;
    expect(outs.map((o) => (o as CborTag).tag)).toEqual([400, 401]);
    expect(((outs[1] as CborTag).value as CborTag).tag).toBe(410);
    expect((((outs[1] as CborTag).value as CborTag).value as CborTag).tag).toBe(303);
  });

  it('decoded, each entry reads back as the cosigner line (checksummed) with its script type', () => {
    const lines = text(urToPayload(decodeUrSingle(urText)).bytes).split('\n');
    const entries = lines.map((l) => parseCosignerLine(l)).filter(Boolean);
    expect(entries).toEqual([
      { script: 'sh-wsh-multi', key: bip48[0]!.replace(/^sh\(wsh\(cosigner\((.*)\)\)\)$/, '$1') },
      { script: 'wsh-multi', key: bip48[1]!.replace(/^wsh\(cosigner\((.*)\)\)$/, '$1') },
    ]);
  });

  it('a cosigner line with a wrong checksum, or a cosigner() around something else, is refused', () => {
    const good = withChecksum(bip48[1]!);
    const bad = good.slice(0, -1) + (good.endsWith('q') ? 'p' : 'q');
    expect(() => parseCosignerLine(bad)).toThrow(/checksum/);
    expect(() => parseCosignerLine('wsh(cosigner(xpub6EC9f7mLFJQoRQ6qiTvWQeeYsgtki6fBzSUgWgUtAujEMtAfJSAn3AVS4KrLHRV2hNX77YwNkg4azUzuSwhNGtcq4r2J8bLGMDkrQYHvoed))')).toThrow(/cosigner entry/);
    expect(parseCosignerLine('wpkh([37b5eed4/84h/0h/0h]xpub6BkU445MSEBXbPjD3g2c2ch6mn8yy1SXXQUM7EwjgYiq6Wt1NDwDZ45npqWcV8uQC5oi2gHuVukoCoZZyT4HKq8EpotPMqGqxdZRuapCQ23/<0;1>/*)')).toBeUndefined();
  });
});

describe('a vault as crypto-output (BCR-2020-010: wsh 401 / sh 400 around sortedmulti 407)', () => {
  // BCR-2023-010 example 4: a 2-of-3 wsh(sortedmulti) with <0;1>/* keys.
  const sec = md('bcr-2023-010-output-descriptor.md').split(/\n### Example\/Test Vector 4\n/)[1]!;
  const b = blocks(sec);
  const v3hex = b.find((x) => /^d99d74[0-9a-f]+$/.test(x))!;
  const vault = decodeDescriptorV2(decodeCbor(Buffer.from(v3hex, 'hex')));

  it('the v3 example reads as a coldkit vault descriptor', () => expect(vault).toBe(withChecksum(b[0]!)));

  for (const [name, desc, tags] of [
    ['wsh', vault, [401, 407]],
    ['sh-wsh', withChecksum(vault.replace(/#.*$/, '').replace(/^wsh\((.*)\)$/, 'sh(wsh($1))')), [400, 401, 407]],
  ] as const) {
    it(`${name}: tags ${tags.join(' → ')}, threshold and three account keys (303, origin, no children); decodes to the same descriptor`, () => {
      const ur = payloadToUr('output', utf8(desc));
      expect(ur.type).toBe('crypto-output');
      let v = decodeCbor(ur.cbor) as CborValue;
      const seen: number[] = [];
      while (v instanceof CborTag) {
        seen.push(v.tag);
        if (v.tag === 407) break;
        v = v.value;
      }
      expect(seen).toEqual(tags);
      const m = (v as CborTag).value as Map<number, CborValue>;
      expect(m.get(1)).toBe(2);
      const keys = m.get(2) as CborTag[];
      expect(keys.map((k) => k.tag)).toEqual([303, 303, 303]);
      for (const k of keys) {
        const hd = k.value as Map<number, CborValue>;
        expect(hd.has(7)).toBe(false); // children: none (0/* and 1/* implied)
        expect((hd.get(6) as CborTag).tag).toBe(304); // origin with source fingerprint
      }
      // Read back in coldkit's form of the same descriptor (hardened steps written h).
      expect(text(urToPayload(ur).bytes)).toBe(formatDescriptor(parseDescriptor(desc), 'multi'));
    });
  }

  it('a vault descriptor without key origins cannot be sent (a signer could not find its key)', () => {
    const bare = withChecksum(vault.replace(/#.*$/, '').replace(/\[[^\]]*\]/g, ''));
    expect(() => payloadToUr('output', utf8(bare))).toThrow(/key origin/);
  });
});
