/**
 * BIP-329 labels (src/core/btc/bip329.ts): the BIP's own example file (fixtures/bip329, verbatim)
 * parses record by record; strict errors name their line; unknown types are ignored; hostile
 * labels (terminal escapes, bidi overrides, megabyte strings) come out display-safe; the lookup
 * order for inputs and outputs; and records written are read back.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LabelBook, formatLabelRecord, labelsOf, parseLabels, MAX_LABEL_CHARS } from '../../../src/core/btc/bip329.js';
import { ROOT } from '../../helpers/cli.js';

const example = fs.readFileSync(path.join(ROOT, 'fixtures/bip329/example.jsonl'), 'utf8');
const T1 = 'f91d0a8a78462bc59398f2c5d7a84fcff491c26ba54c4833478b202796c8aafd';

describe('the BIP-329 test vector', () => {
  const { records, ignored, truncated } = parseLabels(example);
  it('has seven records of all six types', () => {
    expect(records).toHaveLength(7);
    expect(ignored).toBe(0);
    expect(truncated).toBe(0);
    expect(records.map((r) => r.type)).toEqual(['tx', 'addr', 'pubkey', 'input', 'output', 'xpub', 'tx']);
  });
  it.each([
    ['tx', T1, 'Transaction'],
    ['addr', 'bc1q34aq5drpuwy3wgl9lhup9892qp6svr8ldzyy7c', 'Address'],
    ['pubkey', '0283409659355b6d1cc3c32decd5d561abaac86c37a353b52895a5e6c196d6f448', 'Public Key'],
    ['input', `${T1}:0`, 'Input'],
    ['output', `${T1}:1`, 'Output'],
    ['xpub', 'xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8', 'Extended Public Key'],
    ['tx', 'f546156d9044844e02b181026a1a407abfca62e7ea1159f87bbeaa77b4286c74', 'Account #1 Transaction'],
  ] as const)('%s %s is labelled "%s"', (type, ref, label) => {
    expect(new LabelBook(records).get(type, ref)?.label).toBe(label);
  });
  it('keeps origin and spendable', () => {
    expect(records[0]!.origin).toBe("wpkh([d34db33f/84'/0'/0'])");
    expect(records[4]!.spendable).toBe(false);
    expect(new LabelBook(records).frozen()).toEqual([`${T1}:1`]);
  });
});

describe('strict parsing, every problem with its line number', () => {
  it('names each bad line at once', () => {
    const text = [
      '{"type":"tx","ref":"' + T1 + '","label":"ok"}',
      'not json',
      '[1,2]',
      '{"type":"output","ref":"' + T1 + ':1","spendable":"false"}',
      '{"type":"tx","ref":"abc"}',
      '{"ref":"' + T1 + '"}',
      '',
      '{"type":"addr","ref":"bc1q34aq5drpuwy3wgl9lhup9892qp6svr8ldzyy7c","label":7}',
    ].join('\n');
    let msg = '';
    try {
      parseLabels(text);
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toMatch(/^--labels: line 2 is not a JSON object; line 3 is not a JSON object; line 4: "spendable" must be true or false \(not a string\); line 5: "ref" must be a txid \(64 hex\) for type tx; line 6 has no "type" string; and 2 more$/);
  });
  it("accepts BIP-329's additional fields (height, time, fee, value, keypath, fmv, heights) and keeps the label", () => {
    const r = parseLabels(
      [
        { type: 'tx', ref: T1, label: 'Rent', height: 800000, time: '2025-01-23T11:40:35Z', fee: 150, value: -1200000, rate: { USD: 105620.0 } },
        { type: 'output', ref: `${T1}:1`, label: 'Change', keypath: '/1/123', value: 45000, fmv: { USD: 47.52 }, spendable: true },
        { type: 'addr', ref: 'bc1q34aq5drpuwy3wgl9lhup9892qp6svr8ldzyy7c', label: 'Addr', keypath: '/0/7', heights: [800000] },
      ].map((x) => JSON.stringify(x)).join('\n'),
    );
    expect(r.records.map((x) => x.label)).toEqual(['Rent', 'Change', 'Addr']);
  });
  it('ignores unknown types (BIP-329: "should ignore types not defined here"), accepts CRLF and a trailing newline', () => {
    const r = parseLabels(`{"type":"psbt","ref":"x","label":"future"}\r\n{"type":"tx","ref":"${T1}"}\r\n`);
    expect(r.ignored).toBe(1);
    expect(r.records).toEqual([{ type: 'tx', ref: T1 }]);
  });
});

describe('hostile labels come out display-safe', () => {
  it('terminal escapes, bidi overrides and newlines are replaced', () => {
    const evil = 'pay \u001b]52;c;ZXZpbA==\u0007 \u001b[2J\u202eelbisivni\r\nOK';
    const [r] = parseLabels(JSON.stringify({ type: 'addr', ref: 'bc1q34aq5drpuwy3wgl9lhup9892qp6svr8ldzyy7c', label: evil }) + '\n').records;
    expect(r!.label).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(r!.label).toContain('pay ');
  });
  it(`labels longer than ${MAX_LABEL_CHARS} characters are cut, and counted`, () => {
    const r = parseLabels(JSON.stringify({ type: 'tx', ref: T1, label: 'x'.repeat(1_000_000) }));
    expect(r.truncated).toBe(1);
    expect([...r.records[0]!.label!]).toHaveLength(MAX_LABEL_CHARS);
    expect(r.records[0]!.label!.endsWith('…')).toBe(true);
  });
});

describe('labelsOf: which record labels an input and an output', () => {
  const A = 'aa'.repeat(32);
  const book = new LabelBook(parseLabels([
    { type: 'output', ref: `${A}:1`, label: 'coin from Alice' },
    { type: 'tx', ref: A, label: 'Alice payment' },
    { type: 'addr', ref: 'bc1q34aq5drpuwy3wgl9lhup9892qp6svr8ldzyy7c', label: 'Bob' },
    { type: 'tx', ref: 'bb'.repeat(32), label: 'funding of coin 2' },
  ].map((r) => JSON.stringify(r)).join('\n')).records);
  it('an input by the coin, else its address, else its funding transaction; an output by its address', () => {
    const shown = labelsOf(book, {
      inputs: [{ outpoint: `${A}:1` }, { outpoint: `${'bb'.repeat(32)}:0` }, { outpoint: `${'cc'.repeat(32)}:0` }],
      outputs: [{ index: 0, address: 'bc1q34aq5drpuwy3wgl9lhup9892qp6svr8ldzyy7c' }, { index: 1, address: 'bc1qother' }],
    });
    expect(shown.map((s) => [s.kind, s.index, s.type, s.label])).toEqual([
      ['input', 0, 'output', 'coin from Alice'],
      ['input', 1, 'tx', 'funding of coin 2'],
      ['output', 0, 'addr', 'Bob'],
    ]);
  });
  it('records written are read back', () => {
    const rec = { type: 'output' as const, ref: `${A}:0`, label: 'rent', spendable: true };
    expect(parseLabels(formatLabelRecord(rec) + '\n').records).toEqual([rec]);
  });
});
