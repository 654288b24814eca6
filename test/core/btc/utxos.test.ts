/** listunspent parsing: the three wallet shapes in fixtures/listunspent agree; bad input names the entry and field. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseListUnspent, plainDecimal } from '../../../src/core/btc/utxos.js';
import { parsePrevTxs } from '../../../src/core/btc/prev-txs.js';
import { ROOT } from '../../helpers/cli.js';

const fixture = (n: string) => fs.readFileSync(path.join(ROOT, 'fixtures/listunspent', n), 'utf8');
const EXPECTED = [120_000n, 48_500n, 75_000n, 90n];

describe('fixtures/listunspent', () => {
  const core = parseListUnspent(fixture('bitcoin-core.json'));
  for (const file of ['bitcoin-core.json', 'electrum-4.json', 'electrum-3.json']) {
    it(`${file} gives the four coins`, () => {
      const u = parseListUnspent(fixture(file));
      expect(u.map((x) => x.amount)).toEqual(EXPECTED);
      expect(u.map((x) => `${x.txid}:${x.vout}`)).toEqual(core.map((x) => `${x.txid}:${x.vout}`));
      expect(u.map((x) => x.address)).toEqual(core.map((x) => x.address));
    });
  }
  it('bitcoin-core.json keeps the scriptPubKey and the desc hint', () => {
    expect(core[2]!.desc).toMatch(/^wpkh\(\[73c5da0a\/84h\/1h\/0h\/1\/0\]/);
    expect(core[0]!.script?.length).toBe(22);
  });
  it('prev-txs.txt holds each funding transaction by txid', () => {
    const prev = parsePrevTxs(fixture('prev-txs.txt'));
    for (const u of core) expect(prev.get(u.txid)!.outputs[u.vout]!.amount).toBe(u.amount);
  });
});

describe('bad listunspent input', () => {
  const bad: [string, string, RegExp][] = [
    ['not JSON', '{', /--utxos: is not valid JSON/],
    ['not an array', '{"txid": 1}', /must be a JSON array/],
    ['empty', '[]', /lists no UTXOs/],
    ['short txid', '[{"txid":"ab","vout":0,"amount":0.1,"address":"x"}]', /entry 0\.txid must be 64 hex/],
    ['negative vout', `[{"txid":"${'a'.repeat(64)}","vout":-1,"amount":0.1,"address":"x"}]`, /entry 0\.vout/],
    ['9 decimals', `[{"txid":"${'a'.repeat(64)}","vout":0,"amount":0.123456789,"address":"x"}]`, /more than 8 decimal places/],
    ['amount as text in Core shape with exponent', `[{"txid":"${'a'.repeat(64)}","vout":0,"amount":"1e5","address":"x"}]`, /entry 0\.amount/],
    ['no script or address', `[{"txid":"${'a'.repeat(64)}","vout":0,"amount":0.1}]`, /neither scriptPubKey nor address/],
    ['duplicate outpoint', `[{"txid":"${'a'.repeat(64)}","vout":0,"amount":0.1,"address":"x"},{"txid":"${'A'.repeat(64)}","vout":0,"amount":0.1,"address":"x"}]`, /entry 1 repeats/],
    ['over 21M BTC', `[{"txid":"${'a'.repeat(64)}","vout":0,"amount":21000001,"address":"x"}]`, /above 21 million/],
  ];
  for (const [name, text, re] of bad) it(name, () => expect(() => parseListUnspent(text)).toThrow(re));
  it('reports several problems at once', () => {
    expect(() => parseListUnspent('[1, {"txid": "zz"}]')).toThrow(/entry 0 is not an object; entry 1\.txid/);
  });
});

describe('plainDecimal (Python Decimal exponent form)', () => {
  for (const [a, b] of [['9E-7', '0.0000009'], ['1E-8', '0.00000001'], ['1.5E-7', '0.00000015'], ['0.0012', '0.0012'], ['12E-1', '1.2']]) {
    it(`${a} → ${b}`, () => expect(plainDecimal(a!)).toBe(b));
  }
});

describe('mutated listunspent (fixed seed)', () => {
  it('3000 byte-level mutations of each fixture either parse or fail with one InputError line', async () => {
    const { InputError } = await import('../../../src/core/errors.js');
    let x = 0x9e3779b9;
    const rnd = (n: number) => {
      x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
      return x % n;
    };
    const alphabet = '{}[]":,.-0123456789eE abcdefxyz\\n\u0000\u202e';
    let parsed = 0;
    let refused = 0;
    for (const file of ['bitcoin-core.json', 'electrum-4.json', 'electrum-3.json']) {
      const base = fixture(file);
      for (let t = 0; t < 1000; t++) {
        let s = base;
        for (let k = 1 + rnd(3); k > 0; k--) {
          const at = rnd(s.length);
          const op = rnd(3);
          const ch = alphabet[rnd(alphabet.length)]!;
          s = op === 0 ? s.slice(0, at) + s.slice(at + 1) : op === 1 ? s.slice(0, at) + ch + s.slice(at) : s.slice(0, at) + ch + s.slice(at + 1);
        }
        try {
          parseListUnspent(s);
          parsed++;
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
          expect((e as Error).message).not.toMatch(/[\n\u0000\u202e]/);
          refused++;
        }
      }
    }
    expect(parsed + refused).toBe(3000);
    expect(refused).toBeGreaterThan(1000);
  });
});
