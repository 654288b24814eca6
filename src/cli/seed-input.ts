/**
 * The BIP32 seed a signing or deriving command uses, from either kind of backup: a BIP39
 * mnemonic (`--mnemonic-file`, a SeedQR image `--mnemonic-qr`, or the hidden prompt; seed = PBKDF2 of the words and passphrase) or
 * a SLIP-39 wallet's shares (`--slip39-file`, one share a line, repeatable, or `--slip39`: typed at
 * the prompt word by word as `shares combine` reads them; seed = the master
 * secret, decrypted with the SLIP-39 passphrase: "The master secret is used as the BIP-32 seed",
 * SLIP-0039 §Passphrase). Every secret read is registered with the context.
 */
import { InputError } from '../core/errors.js';
import { toHex } from '../core/text.js';
import type { Context } from './command.js';
import { readInputText } from './io.js';
import type { AnySeedInputOptions } from './options/sets.js';
import { bip39Seed } from './psbt/seed.js';
import { readMnemonic, readPassphrase } from './secrets.js';

/** A seed and the backup it came from (for results and the journal; never the secret itself). */
export interface SeedSource {
  /** The BIP32 seed: 64 bytes for BIP39, 16–32 bytes for SLIP-39. Wipe after use. */
  seed: Uint8Array;
  kind: 'bip39' | 'slip39';
  /** BIP39: the word count. */
  words?: number;
  /** SLIP-39: the set's identifier, groups and shares used. */
  slip39?: { identifier: number; groupThreshold: number; groupCount: number; sharesUsed: number };
}

/** Read the seed from --slip39-file shares or the BIP39 mnemonic, with the passphrase. */
export async function readSeed(opts: AnySeedInputOptions, ctx: Context): Promise<SeedSource> {
  if (opts.slip39 && !opts.slip39File?.length) {
    if (opts.mnemonicFile || opts.mnemonicQr) throw new InputError(`give ${opts.mnemonicQr ? '--mnemonic-qr' : '--mnemonic-file'} or --slip39, not both`, '--slip39');
    if (opts.passphraseFile === '-' && !ctx.io.stdinIsTTY) throw new InputError('stdin cannot carry both the shares and the passphrase; use a file for one of them', '--slip39');
    const { readShareTexts } = await import('./shares/read-shares.js');
    const inputs = await readShareTexts({}, ctx, 'use as the seed');
    return slip39Seed(inputs, opts, ctx);
  }
  if (opts.slip39File?.length) {
    if (opts.mnemonicFile || opts.mnemonicQr) throw new InputError(`give ${opts.mnemonicQr ? '--mnemonic-qr' : '--mnemonic-file'} or --slip39-file, not both`, '--slip39-file');
    if (opts.slip39File.includes('-') && opts.passphraseFile === '-') throw new InputError('stdin cannot carry both the shares and the passphrase; use a file for one of them', '--slip39-file');
    const inputs: { label: string; text: string }[] = [];
    for (const file of opts.slip39File) {
      const text = await readInputText(file, '--slip39-file', ctx.io);
      ctx.addSecret(text.trim());
      const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
      lines.forEach((line, i) => {
        ctx.addSecret(line);
        inputs.push({ label: lines.length > 1 ? `--slip39-file ${file === '-' ? 'stdin' : file} line ${i + 1}` : `--slip39-file ${file === '-' ? 'stdin' : file}`, text: line });
      });
    }
    if (inputs.length === 0) throw new InputError('no SLIP-39 share in the file(s)', '--slip39-file');
    return slip39Seed(inputs, opts, ctx);
  }
  const m = await readMnemonic(opts, ctx);
  const passphrase = await readPassphrase(opts, ctx);
  return { seed: bip39Seed(m.phrase, passphrase), kind: 'bip39', words: m.phrase.split(' ').length };
}

/** Combine SLIP-39 share texts with the passphrase into the master secret (the BIP32 seed). */
async function slip39Seed(inputs: readonly { label: string; text: string }[], opts: AnySeedInputOptions, ctx: Context): Promise<SeedSource> {
  const passphrase = await readPassphrase(opts, ctx);
  const { readSlip39Shares, slip39Combine } = await import('../core/shares/slip39.js');
  const { masterSecret, info } = await slip39Combine(readSlip39Shares(inputs), passphrase);
  ctx.addSecret(toHex(masterSecret));
  return {
    seed: masterSecret,
    kind: 'slip39',
    slip39: { identifier: info.identifier, groupThreshold: info.groupThreshold, groupCount: info.groupCount, sharesUsed: inputs.length },
  };
}
