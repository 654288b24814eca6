/** QR output for payload-writing commands (--qr-png, --qr-html, --qr-terminal). Owned by the QR area. */
import { InputError } from '../../core/errors.js';
import { anchorText } from '../../core/journal/payload-anchor.js';
import { payloadDigest } from '../../core/transport/payload-kinds.js';
import type { Context, Payload } from '../command.js';
import { writeOutputs } from './outputs.js';
import { buildSeries } from './series.js';
import { counted } from '../../core/text.js';

/** Where to send QR frames. */
export interface EmitTargets { qrPng?: string; qrHtml?: string; qrTerminal?: boolean }

/**
 * Render `payload` as verified QR frames to the requested targets, in `payload.format` (a signed
 * PSBT keeps the format its unsigned form came in) or the automatic choice, and note the format,
 * frame count and 4-word digest on stderr.
 */
export async function emitPayload(payload: Payload, targets: EmitTargets, ctx: Context): Promise<void> {
  let series;
  try {
    series = await buildSeries(payload.kind, payload.bytes, { format: payload.format ?? 'auto' });
  } catch (e) {
    // A PSBT that came in as one plain QR can outgrow it once signed: send it the automatic way.
    if (!(payload.format === 'plain' && e instanceof InputError && /do not fit one QR/.test(e.message))) throw e;
    ctx.note(`the ${payload.kind} no longer fits one plain QR; sending it in the automatic format instead`);
    series = await buildSeries(payload.kind, payload.bytes, { format: 'auto' });
  }
  const digest = payloadDigest(payload.kind, payload.bytes);
  const n = series.frames.length;
  // The signer journal's head the payload carries, beside the digest (payload-anchor.ts text form;
  // `journal verify --anchor` takes the line as printed). It is not in the QR bytes.
  const anchor = payload.anchor ? anchorText(payload.anchor) : undefined;
  const caption = { title: `coldkit ${payload.kind} — ${series.plan.label}`, lines: [`digest: ${digest}`, ...(anchor ? [anchor] : []), `${counted(n, 'frame')}, QR version ${series.plan.version}`] };
  const w = await writeOutputs(series, { png: targets.qrPng, html: targets.qrHtml, terminal: targets.qrTerminal, seconds: ctx.io.stderr.isTTY ? undefined : 0 }, ctx, caption);
  const where = [w.png && `${counted(w.png.length, 'PNG frame')} in ${targets.qrPng}`, w.html && `page ${w.html}`].filter(Boolean).join(', ');
  ctx.note(`QR out: ${series.plan.label}, ${counted(n, 'frame')} — digest: ${digest}${anchor ? ` — ${anchor}` : ''}${where ? ` — wrote ${where}` : ''}`);
}
