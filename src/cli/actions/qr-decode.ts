/** `coldkit qr decode`: QR frames from images, a folder or a video → one validated payload. */
import { InputError } from '../../core/errors.js';
import { sanitize } from '../../core/text.js';
import { payloadDigest, payloadSecrecy, payloadSpec } from '../../core/transport/payload-kinds.js';
import type { Action } from '../command.js';
import { assertWritable, writeFileAtomic } from '../io.js';
import { assembleScanned, expandImagePaths, scanImages, scanPaths, scanVideo } from '../qr/collect.js';
import type { qrDecode } from '../commands/qr.js';

const action: Action<typeof qrDecode> = async (opts, ctx, args) => {
  const sources = [args.length > 0, Boolean(opts.dir), Boolean(opts.video)].filter(Boolean).length;
  if (sources !== 1) throw new InputError('give the frames as IMAGES…, --dir DIR or --video FILE (exactly one)', 'images');
  const scanned = opts.video
    ? await scanVideo(opts.video, opts.sampleFps, ctx)
    : opts.dir
      ? await scanImages(expandImagePaths([opts.dir], '--dir'), ctx, '--dir')
      : await scanPaths(args, ctx, 'images', opts.sampleFps);
  const p = assembleScanned(scanned, ctx);
  if (opts.expect && p.kind !== opts.expect) throw new InputError(`the QR frames carry a ${p.kind}, not a ${opts.expect}`, '--expect');
  const spec = payloadSpec(p.kind);
  const digest = payloadDigest(p.kind, p.bytes);
  const text = spec.show(p.bytes);
  // A share, mnemonic or private key read from a card is a secret: written 0600, printed only with --reveal.
  const { secret, mode } = payloadSecrecy(p.kind, p.bytes);
  if (secret) ctx.addSecret(text.trim());
  if (opts.out) {
    assertWritable(opts.out, '--out');
    // The payload's own bytes (so the file's digest is the one printed); EIP-4527 CBOR as its ur: text,
    // which is what `coldkit eth sign FILE` reads.
    writeFileAtomic(opts.out, spec.file(p.bytes), { mode });
  }
  ctx.note(`QR in: ${p.detail} — digest: ${digest}`);
  const shown = !secret || Boolean(opts.reveal);
  if (secret && !opts.reveal && !opts.out) ctx.note(`coldkit: the QR carries a secret (${secret}); it is not printed: add --out FILE (written mode 0600) or --reveal`);
  if (secret && opts.reveal) ctx.note(`coldkit: --reveal: the ${secret} is in this output; keep it off any networked machine`);
  // What the human output calls it: a SeedQR is a seed, never "a transaction" or text.
  const what = p.kind === 'seedqr' ? 'SeedQR (secret)' : p.kind;
  const result = { kind: p.kind, format: p.format, detail: p.detail, digest, bytes: p.bytes.length, framesUsed: p.framesUsed, out: opts.out ?? null, secret: secret ?? null, payload: shown ? text : null };
  return {
    result,
    reveals: Boolean(secret && opts.reveal),
    human: (r) =>
      opts.out
        ? [`${what} from ${r.detail}`, `digest: ${r.digest}`, `written to ${r.out}${secret ? ' (mode 0600: it holds a secret)' : ''}`, ...(r.payload !== null && secret ? r.payload.split('\n').map(sanitize) : [])].join('\n')
        : r.payload !== null
          ? r.payload.split('\n').map(sanitize).join('\n')
          : [`${what} from ${r.detail}`, `digest: ${r.digest}`, `a ${secret} (not shown; --reveal prints it, --out FILE writes it)`].join('\n'),
    journal: [{ op: 'qr.decode', data: { kind: p.kind, format: p.format, digest, frames: p.framesUsed, out: opts.out ?? null, secret: secret ?? null, revealed: Boolean(secret && opts.reveal) } }],
  };
};
export default action;
