/** QR input for payload-reading commands (--from-qr). Owned by the QR area. */
import type { Context, Payload } from '../command.js';
import { RuntimeFailure } from '../../core/errors.js';

/** A payload reassembled from QR images. */
export interface ScannedPayload { bytes: Uint8Array; kind: Payload['kind']; format: Payload['format'] }

/** Decode the QR images (files or directories) in `paths` into one payload. */
export async function scanPayload(paths: string[], ctx: Context): Promise<ScannedPayload> {
  void paths; void ctx;
  throw new RuntimeFailure('QR input is not available in this build');
}
