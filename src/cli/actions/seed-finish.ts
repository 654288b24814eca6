/** `coldkit seed finish`: every valid final word for hand-chosen words. */
import { InputError } from '../../core/errors.js';
import { WORD_COUNTS, finalWordCandidates, tokenize } from '../../core/bip39/mnemonic.js';
import type { Action } from '../command.js';
import { readInputText } from '../io.js';
import type { seedFinish } from '../commands/seed.js';

const action: Action<typeof seedFinish> = async (opts, ctx) => {
  let text: string;
  if (opts.mnemonicFile) text = await readInputText(opts.mnemonicFile, '--mnemonic-file', ctx.io);
  else if (ctx.prompt.interactive) {
    const { promptMnemonic } = await import('../mnemonic-prompt.js');
    text = (await promptMnemonic(ctx, { counts: WORD_COUNTS.map((n) => n - 1), checksum: false, field: 'mnemonic' })).join(' ');
  }
  else throw new InputError('no words given: pass --mnemonic-file PATH (or -), or run on a terminal', '--mnemonic-file');
  ctx.addSecret(text.trim());
  const candidates = finalWordCandidates(text, opts.mnemonicFile ? '--mnemonic-file' : 'mnemonic');
  const given = tokenize(text).length;
  ctx.note('coldkit: showing candidate final words because this command exists to show them; pick one at random (e.g. with dice).');
  return {
    result: { givenWords: given, wordCount: given + 1, candidates },
    reveals: true,
    human: (r: { candidates: string[]; wordCount: number }) =>
      [`${r.candidates.length} valid final words for a ${r.wordCount}-word mnemonic (choose one at random):`, '', ...chunk(r.candidates, 8).map((row) => '  ' + row.map((w) => w.padEnd(9)).join(' '))].join('\n'),
  };
};

function chunk<T>(a: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < a.length; i += n) out.push(a.slice(i, i + n));
  return out;
}
export default action;
