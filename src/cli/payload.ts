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
 * Exactly one source must be given.
 */
export async function readPayloadInput(ctx: Context, src: { file?: string; fromQr?: string[] }, field: string): Promise<InputPayload> {
  if (src.file && src.fromQr?.length) throw new InputError('give the payload as a file OR with --from-qr, not both', field);
  if (src.fromQr?.length) {
    const { scanPayload } = await import('./qr/scan.js');
    const p = await scanPayload(src.fromQr, ctx);
    return { bytes: p.bytes, kind: p.kind, format: p.format, source: 'qr', digest: digestWords(p.bytes) };
  }
  if (!src.file) throw new InputError('no input given: pass a file, - for stdin, or --from-qr IMAGES', field);
  const bytes = await readInputFile(src.file, field, ctx.io);
  return { bytes, source: src.file === '-' ? 'stdin' : 'file', digest: digestWords(bytes) };
}
