/** The blind-signing classification of a message and its escaped display. */
import { describe, expect, it } from 'vitest';
import { base64, hex } from '@scure/base';
import { sha256 } from '@noble/hashes/sha2.js';
import { classifyMessage, escapeMessage } from '../../../../src/core/btc/message/classify.js';
import { fixtureJson, fixtureText, utf8 } from '../../../helpers/fixtures.js';

const hash = sha256(utf8('the real payload'));
// A signed P2WPKH spend (BIP143's native P2WPKH example, fixtures/bip143).
const bip143 = fixtureText('bip143/bip-0143.mediawiki');
const txHex = /The serialized signed transaction is: ([0-9a-f]+)/.exec(bip143)![1]!;
const psbtB64 = 'cHNidP8BAHUCAAAAASaBcTce3/KF6Tet7qSze3gADAVmy7OtZGQXE8pCFxv2AAAAAAD+////AtPf9QUAAAAAGXapFNDFmQPFusKGh2DpD9UhpGZap2UgiKwA4fUFAAAAABepFDVF5uM7gyxHBQ8k0+65PJwDlIvHh7MuEwAAAQD9pQEBAAAAAAECiaPHHqtNIOA3G7ukzGmPopXJRjr6Ljl/hTPMti+VZ+UBAAAAFxYAFL4Y0VKpsBIDna89p95PUzSe7LmF/////4b4qkOnHf8USIk6UwpyN+9rRgi7st0tAXHmOuxqSJC0AQAAABcWABT+Pp7xp0XpdNkCxDVZQ6vLNL1TU/////8CAMLrCwAAAAAZdqkUhc/xCX/Z4Ai7NK9wnGIZeziXikiIrHL++E4sAAAAF6kUM5cluiHv1irHU6m80GfWx6ajnQWHAkcwRAIgJxK+IuAnDzlPVoMR3HyppolwuAJf3TskAinwf4pfOiQCIAGLONfc0xTnNMkna9b7QPZzMlvEuqFEyADS8vAtsnZcASED0uFWdJQbrUqZY3LLh+GFbTZSYG2YVi/jnF6efkE/IQUCSDBFAiEA0SuFLYXc2WHS9fSrZgZU327tzHlMDDPOXMMJ/7X85Y0CIGczio4OFyXBl/saiK9Z9R5E5CVbIBZ8hoQDHAXR8lkqASECI7cr7vCWXRC+B3jv7NYfysb3mk6haTkzgHNEZPhPKrMAAAAAAAAA';

describe('classifyMessage', () => {
  it('plain text is text, with no findings', () => {
    const c = classifyMessage(utf8('I, Alice, control bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4 on 2026-08-20.\nSigned for the auditor.'));
    expect(c.kind).toBe('text');
    expect(c.findings).toEqual([]);
    expect(c.nonAscii).toBe(false);
  });
  it('non-ASCII text is text with a note (the UTF-8 bytes are signed, not normalised)', () => {
    const c = classifyMessage(utf8('Příšerně žluťoučký kůň'));
    expect(c.kind).toBe('text');
    expect(c.findings.map((f) => f.code)).toEqual(['message-non-ascii']);
    expect(c.findings[0]!.severity).toBe('info');
  });
  it.each([
    ['32 raw bytes', hash],
    ['64 hex digits', utf8(hex.encode(hash))],
    ['0x-prefixed hex with a newline', utf8('0x' + hex.encode(hash).toUpperCase() + '\n')],
    ['base64 of 32 bytes', utf8(base64.encode(hash))],
  ])('%s is a hash (blind signing, overridable)', (_, m) => {
    const c = classifyMessage(m);
    expect(c.kind).toBe('hash');
    expect(c.findings).toMatchObject([{ code: 'message-hash', severity: 'refuse', overridable: true }]);
  });
  it('32 bytes of printable text are text, not a hash', () => {
    expect(classifyMessage(utf8('B'.repeat(32))).kind).toBe('text');
  });
  it.each([
    ['raw transaction bytes', hex.decode(txHex)],
    ['transaction hex', utf8(txHex)],
  ])('%s is a transaction', (_, m) => {
    const c = classifyMessage(m);
    expect(c.kind).toBe('transaction');
    expect(c.findings).toMatchObject([{ code: 'message-transaction', overridable: true }]);
  });
  it.each([
    ['PSBT base64', utf8(psbtB64)],
    ['PSBT binary', base64.decode(psbtB64)],
    ['PSBT hex', utf8(hex.encode(base64.decode(psbtB64)))],
  ])('%s is a PSBT', (_, m) => {
    const c = classifyMessage(m);
    expect(c.kind).toBe('psbt');
    expect(c.findings.map((f) => f.code)).toEqual(['message-transaction']);
  });
  it.each([
    ['bytes that are not UTF-8', Uint8Array.of(0x68, 0x69, 0xff, 0xfe)],
    ['an escape sequence', utf8('pay \u001b[2Kbob')],
    ['a right-to-left override', utf8('invoice \u202egnp.exe')],
    ['a zero-width space', utf8('bc1q\u200bxyz')],
  ])('%s is binary (not printable text)', (_, m) => {
    const c = classifyMessage(m);
    expect(c.kind).toBe('binary');
    expect(c.findings).toMatchObject([{ code: 'message-binary', overridable: true }]);
  });
  it('a mnemonic is a secret: refused and nothing overrides it', () => {
    const c = classifyMessage(utf8('abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about'));
    expect(c.kind).toBe('secret');
    expect(c.findings).toMatchObject([{ code: 'message-secret', overridable: false }]);
    expect(c.findings[0]!.message).not.toMatch(/abandon/);
  });
  it('a SLIP-39 share is a secret too', () => {
    const share = fixtureJson<[string, string[]][]>('slip39/vectors.json')[3]![1][0]!;
    expect(classifyMessage(utf8(share))).toMatchObject({ kind: 'secret', findings: [{ code: 'message-secret' }] });
  });
});

describe('escapeMessage shows the exact bytes', () => {
  it.each([
    ['plain', 'Hello World', 'Hello World'],
    ['newlines and tabs', 'a\nb\r\n\tc', 'a\\nb\\r\\n\\tc'],
    ['a backslash is doubled, so escapes cannot be forged', 'a\\nb', 'a\\\\nb'],
    ['control and bidi characters', 'x\u0000y\u202ez\u200b', 'x\\u{0000}y\\u{202e}z\\u{200b}'],
    ['readable non-ASCII stays', 'öäü 测试', 'öäü 测试'],
  ])('%s', (_, input, shown) => {
    expect(escapeMessage(utf8(input))).toBe(shown);
  });
  it('bytes that are not UTF-8 are shown as \\xNN', () => {
    expect(escapeMessage(Uint8Array.of(0x61, 0xff, 0x5c, 0x0a))).toBe('a\\xff\\\\\\x0a');
  });
});
