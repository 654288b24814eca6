/**
 * The dice-only verification recipe of docs/dice.md, checked as written: the example rolls, the
 * SHA-256 the page says `sha256sum` prints, and the words it says coldkit and any BIP39 tool give.
 */
import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { entropyToMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { toHex } from '../../src/core/text.js';
import { ROOT } from '../helpers/cli.js';
import { workspace } from '../helpers/harness.js';

const doc = fs.readFileSync(`${ROOT}/docs/dice.md`, 'utf8');
const rolls = /^ROLLS=([1-6]+)$/m.exec(doc)?.[1];
const hash = /^# → ([0-9a-f]{64})$/m.exec(doc)?.[1];
const words = /both give `([a-z ]+)`/.exec(doc.replace(/\n/g, ' '))?.[1];

describe('docs/dice.md verification recipe', () => {
  it('the page has the example rolls (99), its hash and its words', () => {
    expect(rolls).toMatch(/^[1-6]{99}$/);
    expect(hash).toBeDefined();
    expect(words?.split(' ')).toHaveLength(24);
  });
  it('printf "%s" "$ROLLS" | sha256sum prints the hash the page shows', () => {
    expect(toHex(sha256(new TextEncoder().encode(rolls!)))).toBe(hash);
  });
  it('the page\'s words are the BIP39 words of that hash', () => {
    expect(entropyToMnemonic(sha256(new TextEncoder().encode(rolls!)), wordlist)).toBe(words);
  });
  it('coldkit seed new --dice-only gives the page\'s words', async () => {
    const w = await workspace(0);
    const f = w.file('rolls.txt', rolls + '\n');
    const r = await w.run(['--json', 'seed', 'new', '--dice-only', '--dice-rolls', f, '--reveal']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().words.join(' ')).toBe(words);
  });
});
