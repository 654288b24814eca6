/** QR output for payload-writing commands (--qr-png, --qr-html, --qr-terminal). Owned by the QR area. */
import type { Context, Payload } from '../command.js';
import { RuntimeFailure } from '../../core/errors.js';

/** Where to send QR frames. */
export interface EmitTargets { qrPng?: string; qrHtml?: string; qrTerminal?: boolean }

/** Render `payload` as QR frames to the requested targets. */
export async function emitPayload(payload: Payload, targets: EmitTargets, ctx: Context): Promise<void> {
  void payload; void targets; void ctx;
  throw new RuntimeFailure('QR output is not available in this build');
}
