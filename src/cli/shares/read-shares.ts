/**
 * Where shares come from, for verify, combine and drill: `--share-file F` (repeatable, one share
 * a file; "-" = stdin with one share a line), `--from-qr IMAGES` (one share card QR an image),
 * standard input when it is piped (one share a line), or else a prompt on the terminal (word by
 * word with prefix completion). Never argv. Every text read is registered as a secret. Which
 * scheme the shares are in and what they say is core's (src/core/shares/schemes.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../../core/errors.js';
import { ShareInputError } from '../../core/shares/errors.js';
import { parseShareSet, type ParsedSet, type ShareText } from '../../core/shares/schemes.js';
import type { Context } from '../command.js';
import { readInputText } from '../io.js';
import type { ShareInputOptions } from '../options/sets.js';
import { clearScreen, promptOneShare, promptShares } from './prompt-entry.js';

export type { ShareInputOptions };

/** One share a non-empty line; `#` starts a comment line. */
function lines(text: string, label: (n: number) => string): ShareText[] {
  return text
    .split(/\r?\n/)
    .map((t, i) => ({ label: label(i + 1), text: t.trim() }))
    .filter((l) => l.text !== '' && !l.text.startsWith('#'));
}

/** `--from-qr` paths with each directory replaced by its PNG files (natural order). */
function qrImages(paths: string[]): string[] {
  return paths.flatMap((p) => {
    if (!fs.existsSync(p) || !fs.statSync(p).isDirectory()) return [p];
    const pngs = fs.readdirSync(p).filter((f) => /\.png$/i.test(f)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    if (pngs.length === 0) throw new InputError(`"${p}" holds no .png images`, '--from-qr');
    return pngs.map((f) => path.join(p, f));
  });
}

/**
 * Refuse `--passphrase-file -` when the shares also come from stdin (`--share-file -`, or piped
 * stdin with no other source): one stream cannot carry both.
 */
export function checkStdinUse(opts: ShareInputOptions & { passphraseFile?: string }, ctx: Context): void {
  const sharesOnStdin = Boolean(opts.shareFile?.includes('-')) || (!opts.shareFile?.length && !opts.fromQr?.length && !ctx.io.stdinIsTTY);
  if (opts.passphraseFile === '-' && sharesOnStdin) {
    throw new InputError('stdin cannot carry both the shares and the passphrase; put one of them in a file', '--passphrase-file');
  }
}

/** Read share texts from the given sources (see the file comment). */
export async function readShareTexts(opts: ShareInputOptions, ctx: Context, purpose: string, one = false): Promise<ShareText[]> {
  const out: ShareText[] = [];
  for (const f of opts.shareFile ?? []) {
    const text = await readInputText(f, '--share-file', ctx.io);
    if (f === '-') out.push(...lines(text, (n) => `stdin line ${n}`));
    else {
      const t = text.trim();
      if (!t) throw new InputError(`"${f}" is empty; it should hold one share`, '--share-file');
      out.push({ label: `share-file ${path.basename(f)}`, text: t });
    }
  }
  if (opts.fromQr?.length) {
    const { readQrText } = await import('./qr-image.js');
    for (const img of qrImages(opts.fromQr)) out.push({ label: `qr ${path.basename(img)}`, text: (await readQrText(img)).trim() });
  }
  if (!opts.shareFile?.length && !opts.fromQr?.length) {
    if (ctx.io.stdinIsTTY) {
      if (!ctx.prompt.interactive) throw new InputError('no shares given: pass --share-file FILE (repeatable), --from-qr IMAGES or pipe one share a line on stdin', '--share-file');
      if (one) {
        out.push({ label: 'share 1', text: await promptOneShare(ctx, 'share') });
        clearScreen(ctx); // the typed words stay visible otherwise
      } else {
        out.push(...(await promptShares(ctx, purpose)));
      }
    } else {
      out.push(...lines(await readInputText('-', 'stdin', ctx.io), (n) => `stdin line ${n}`));
    }
  }
  if (out.length === 0) throw new InputError('no shares given: pass --share-file FILE (repeatable), --from-qr IMAGES or one share a line on stdin', '--share-file');
  for (const s of out) {
    ctx.addSecret(s.text);
    ctx.addSecret(s.text.toLowerCase());
  }
  return out;
}

/**
 * The closest word-list word for an unknown word, told to a person at a terminal (stderr) only:
 * it is likely a share word, so it never goes into the error message, --json output or journal.
 */
export function hintSuggestion(e: unknown, ctx: Context): void {
  if (e instanceof ShareInputError && e.suggestion && ctx.io.stderr.isTTY && !ctx.globals.json) {
    ctx.note(`coldkit: hint (shown on this terminal only): ${e.field ? `${e.field}: ` : ''}the closest word-list word to word ${e.position} is "${e.suggestion}"`);
  }
}

/** Read and decode shares in one step. */
export async function readShares(opts: ShareInputOptions, ctx: Context, purpose: string): Promise<ParsedSet> {
  const texts = await readShareTexts(opts, ctx, purpose);
  try {
    return parseShareSet(texts);
  } catch (e) {
    hintSuggestion(e, ctx);
    throw e;
  }
}
