/**
 * Reading secrets: the mnemonic from `--mnemonic-file PATH` ("-" = stdin), a SeedQR image
 * (`--mnemonic-qr`), or typed word by word on a terminal (./mnemonic-prompt.ts); the BIP39 passphrase from `--passphrase-file` or `--passphrase` (hidden prompt,
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
  if (opts.mnemonicQr) return readMnemonicQr(opts.mnemonicQr, ctx);
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

/**
 * The mnemonic in a SeedQR image (`--mnemonic-qr`): a standard SeedQR or a CompactSeedQR, read
 * from the QR symbol's raw bytes (src/core/bip39/seedqr.ts), or a QR whose text is the words.
 * Every form of it is registered as a secret; where it came from is noted, never what it holds.
 */
async function readMnemonicQr(image: string, ctx: Context): Promise<CheckedMnemonic> {
  const [{ readQrImage }, { readSeedQr, seedQrLabel, standardSeedQr }] = await Promise.all([import('./qr/read-image.js'), import('../core/bip39/seedqr.js')]);
  const q = await readQrImage(image, '--mnemonic-qr');
  if (!q) throw new InputError(`no readable QR code in "${image}"`, '--mnemonic-qr');
  ctx.addSecret(q.text.trim());
  const seedqr = readSeedQr(q.bytes);
  const m = parseMnemonic(seedqr ? seedqr.words.join(' ') : q.text, '--mnemonic-qr');
  ctx.addSecret(m.phrase);
  const words = m.phrase.split(' ');
  if (words.length === 12 || words.length === 24) ctx.addSecret(standardSeedQr(words));
  ctx.note(`mnemonic read from ${seedqr ? `a ${seedQrLabel(seedqr)}` : `the words in a QR code (${words.length} words)`}: ${image}`);
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
