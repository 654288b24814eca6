/**
 * A file with many non-BIP39 words (a share given as a mnemonic, a note) is refused by position
 * only: its words never reach the error message. One or two typos are still named with a suggestion.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMnemonic } from '../../../src/core/bip39/mnemonic.js';
import { runCli, tmpDir } from '../../helpers/cli.js';

const errorOf = (text: string): Error => {
  try {
    parseMnemonic(text, '--mnemonic-file');
  } catch (e) {
    return e as Error;
  }
  throw new Error('parsed');
};

describe('unknown words in a mnemonic', () => {
  it('three or more: positions only, no word of the input', () => {
    const share = 'become nylon behavior advocate leader scramble aide peaceful tendency sunlight pecan phrase treat universe exhaust spelling capture maiden alcohol payroll duckling decrease aircraft branch';
    const e = errorOf(share);
    expect(e.name).toBe('InputError');
    expect(e.message).toMatch(/^--mnemonic-file: \d+ of 24 words are not in the BIP39 English word list \(words 2, 3, 4, /);
    for (const w of ['nylon', 'behavior', 'advocate', 'scramble', 'aide']) expect(e.message).not.toContain(w);
  });
  it('one or two: each named, with a suggestion', () => {
    expect(errorOf('abandon abandn abandon abandon abandon abandon abandon abandon abandon abandon abandon about').message).toMatch(/word 2 "abandn" .* did you mean "abandon"\?$/);
  });
  it('seed check --mnemonic-file SHARE: exit 2, the share words are not printed', async () => {
    const dir = tmpDir('coldkit-bip39-');
    const f = path.join(dir, 'share.txt');
    fs.writeFileSync(f, 'become nylon behavior advocate leader scramble aide peaceful tendency sunlight pecan phrase treat universe exhaust spelling capture maiden alcohol payroll duckling decrease aircraft branch\n');
    const r = await runCli(['seed', 'check', '--mnemonic-file', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('shares combine');
    expect(r.stderr).not.toMatch(/nylon|scramble|advocate/);
  });
});
