/**
 * Payload input shared by every command that reads one (PSBT, transaction, sign request, share):
 * a file, "-" for stdin, or `--from-qr` images decoded by src/cli/qr (loaded only then).
 */
import { InputError } from '../core/errors.js';
import { digestWords } from '../core/digest-words.js';
import type { PayloadKind } from '../core/transport/payload-kinds.js';
import type { Context, Payload } from './command.js';
import { readInputFile } from './io.js';

/** A payload as read, with where it came from and its digest (4 words of SHA-256). */
export interface InputPayload {
  bytes: Uint8Array;
  /** Kind the QR layer recognised (from the UR type, BBQr file type or plain text); undefined for files. */
  kind?: PayloadKind;
  format?: Payload['format'];
  source: 'file' | 'stdin' | 'qr';
  digest: string;
}

/**
 * Read a payload from `file` (positional argument or "-") or from `fromQr` images.
 * Exactly one source must be given. A file of UR text (one `ur:` line, or a multi-part UR one
 * part a line, as `qr encode` prints it) is decoded as the scanned QR would be, unless `urText`
 * is false (a file that is a message to sign is read as it is); a UR of another kind than
 * `expect` is refused naming both.
 */
export async function readPayloadInput(ctx: Context, src: { file?: string; fromQr?: string[] }, field: string, opts: { urText?: boolean; expect?: PayloadKind } = {}): Promise<InputPayload> {
  if (src.file && src.fromQr?.length) throw new InputError('give the payload as a file OR with --from-qr, not both', field);
  if (src.fromQr?.length) {
    const { scanPayload } = await import('./qr/scan.js');
    const p = await scanPayload(src.fromQr, ctx);
    if (p.kind === 'seedqr') {
      ctx.addSecret(new TextDecoder().decode(p.bytes));
      throw new InputError('the QR image is a SeedQR: a seed (a secret), not a payload; a command reads a seed from it with --mnemonic-qr IMAGE', field);
    }
    return { bytes: p.bytes, kind: p.kind, format: p.format, source: 'qr', digest: digestWords(p.bytes) };
  }
  if (!src.file) throw new InputError('no input given: pass a file, - for stdin, or --from-qr IMAGES', field);
  const bytes = await readInputFile(src.file, field, ctx.io);
  const source = src.file === '-' ? 'stdin' : 'file';
  if (opts.urText !== false && startsWithUr(bytes)) {
    const [{ decodeUrText }, { urToPayload }] = await Promise.all([import('../core/transport/ur/ur-text.js'), import('../core/transport/payload-ur.js')]);
    const p = urToPayload(decodeUrText(new TextDecoder('utf-8', { fatal: false }).decode(bytes), field));
    if (opts.expect && p.kind !== opts.expect) throw new InputError(`the UR text is ${p.kind === 'psbt' ? 'a PSBT' : `a ${p.kind}`}, not ${opts.expect === 'psbt' ? 'a PSBT' : `a ${opts.expect}`}`, field);
    return { bytes: p.bytes, kind: p.kind, format: 'ur', source, digest: digestWords(p.bytes) };
  }
  return { bytes, source, digest: digestWords(bytes) };
}

/** Whether file bytes begin (after blank space) with "ur:", any case. */
function startsWithUr(b: Uint8Array): boolean {
  let i = 0;
  while (i < b.length && (b[i] === 0x20 || b[i] === 0x0a || b[i] === 0x0d || b[i] === 0x09)) i++;
  return b.length - i >= 3 && (b[i]! | 0x20) === 0x75 && (b[i + 1]! | 0x20) === 0x72 && b[i + 2] === 0x3a;
}
