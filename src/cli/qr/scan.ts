/** QR input for payload-reading commands (--from-qr IMAGES|DIR). Owned by the QR area. */
import { payloadDigest } from '../../core/transport/payload-kinds.js';
import type { Context, Payload } from '../command.js';
import { assembleScanned, scanPaths } from './collect.js';

/** A payload reassembled from QR images. */
export interface ScannedPayload { bytes: Uint8Array; kind: Payload['kind']; format: Payload['format'] }

/**
 * Decode the QR images (PNG files or folders of frames, any order; videos and GIFs through ffmpeg)
 * in `paths` into one payload:
 * frames of other payloads and duplicates are ignored with a note, the structure is validated,
 * and the payload's 4-word digest is noted on stderr so it can be compared with the sender's.
 */
export async function scanPayload(paths: string[], ctx: Context): Promise<ScannedPayload> {
  const p = assembleScanned(await scanPaths(paths, ctx, '--from-qr'), ctx);
  ctx.note(`QR in: ${p.detail} — digest: ${payloadDigest(p.kind, p.bytes)}`);
  return { bytes: p.bytes, kind: p.kind, format: p.format };
}
