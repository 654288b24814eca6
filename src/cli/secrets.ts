/**
 * Reading secrets: the mnemonic from `--mnemonic-file PATH` ("-" = stdin) or typed word by word
 * on a terminal (./mnemonic-prompt.ts); the BIP39 passphrase from `--passphrase-file` or `--passphrase` (hidden prompt,
 * asked twice). Never argv, never an environment variable. Every secret read is registered with
 * the context so the executor can refuse to journal or print it.
 */
import { InputError } from '../core/errors.js';
import { WORD_COUNTS, parseMnemonic, type CheckedMnemonic } from '../core/bip39/mnemonic.js';
import type { Context } from './command.js';
import { readInputText } from './io.js';
import type { SeedInputOptions } from './options/sets.js';

export type { SeedInputOptions };

/** Read and validate the mnemonic. */
export async function readMnemonic(opts: SeedInputOptions, ctx: Context): Promise<CheckedMnemonic> {
  let text: string;
  if (opts.mnemonicFile) {
    text = await readInputText(opts.mnemonicFile, '--mnemonic-file', ctx.io);
  } else if (ctx.prompt.interactive) {
    const { promptMnemonic } = await import('./mnemonic-prompt.js');
    text = (await promptMnemonic(ctx, { counts: WORD_COUNTS, checksum: true, field: 'mnemonic' })).join(' ');
  } else {
    throw new InputError('no mnemonic given: pass --mnemonic-file PATH (or - for stdin), or run on a terminal to type it hidden', '--mnemonic-file');
  }
  const m = parseMnemonic(text, opts.mnemonicFile ? '--mnemonic-file' : 'mnemonic');
  ctx.addSecret(m.phrase);
  ctx.addSecret(text.trim());
  return m;
}

/** Read the optional BIP39 passphrase ('' when none). */
export async function readPassphrase(opts: SeedInputOptions, ctx: Context): Promise<string> {
  if (opts.passphraseFile && opts.passphrase) throw new InputError('give either --passphrase or --passphrase-file, not both', '--passphrase');
  if (opts.passphraseFile) {
    if (opts.passphraseFile === '-' && opts.mnemonicFile === '-') {
      throw new InputError('stdin cannot carry both the mnemonic and the passphrase; use a file for one of them', '--passphrase-file');
    }
    const raw = await readInputText(opts.passphraseFile, '--passphrase-file', ctx.io);
    // One trailing newline (as editors and echo add) is not part of the passphrase.
    const p = raw.replace(/\r?\n$/, '');
    if (p.length === 0) throw new InputError('the passphrase file is empty; omit the flag for no passphrase', '--passphrase-file');
    ctx.addSecret(p);
    return p;
  }
  if (opts.passphrase) {
    const a = await ctx.prompt.secret('BIP39 passphrase (hidden):');
    const b = await ctx.prompt.secret('Repeat the passphrase:');
    if (a !== b) throw new InputError('the two passphrase entries differ; nothing was done', '--passphrase');
    if (a.length === 0) throw new InputError('the passphrase is empty; omit --passphrase for no passphrase', '--passphrase');
    ctx.addSecret(a);
    return a;
  }
  return '';
}
