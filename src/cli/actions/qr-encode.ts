/** `coldkit qr encode`: a payload file → verified QR frames on the terminal, PNGs, a GIF, an HTML page. */
import { InputError } from '../../core/errors.js';
import { payloadDigest, payloadFromFile, payloadSecrecy } from '../../core/transport/payload-kinds.js';
import type { Action } from '../command.js';
import { readInputFile } from '../io.js';
import { writeOutputs } from '../qr/outputs.js';
import { buildSeries } from '../qr/series.js';
import type { qrEncode } from '../commands/qr.js';
import { counted } from '../../core/text.js';

const action: Action<typeof qrEncode> = async (opts, ctx, args) => {
  if (!args[0]) throw new InputError('give the payload file, or - for stdin', 'file');
  // What the receiving command reads (so both sides print the same digest), checked: PSBT binary
  // (from binary, base64 or hex), transaction hex text, account descriptor text, EIP-4527 CBOR, text.
  const input = payloadFromFile(await readInputFile(args[0], 'file', ctx.io), opts.type);
  // A share, mnemonic or private key as QR: image files 0600, frame texts printed only with --reveal.
  const { secret, mode } = payloadSecrecy(input.kind, input.bytes);
  if (secret) ctx.addSecret(new TextDecoder().decode(input.bytes).trim());
  const series = await buildSeries(input.kind, input.bytes, {
    format: opts.format,
    density: opts.density,
    fragment: opts.fragment,
    maxVersion: opts.maxVersion,
    ecc: opts.ecc,
    urType: opts.urType,
    bbqrEncoding: opts.bbqrEncoding,
    frames: opts.frames,
    scale: opts.scale,
  });
  const digest = payloadDigest(input.kind, input.bytes);
  const { plan } = series;
  const n = series.frames.length;
  ctx.note(`${plan.label}: ${counted(plan.frames.length, 'part')}${n > plan.frames.length ? ` + ${n - plan.frames.length} fountain` : ''}, QR version ${plan.version} ECC ${plan.ecc}; every frame read back from its pixels — digest: ${digest}`);
  const written = await writeOutputs(
    series,
    { png: opts.png, gif: opts.gif, html: opts.html, terminal: opts.terminal, fps: opts.fps, seconds: opts.seconds, mode },
    ctx,
    { title: `coldkit ${input.kind} — ${plan.label}`, lines: [`digest: ${digest}`, `${counted(n, 'frame')}, ${counted(plan.frames.length, 'part')}, QR version ${plan.version}`] },
  );
  const anyOutput = opts.png || opts.gif || opts.html || opts.terminal;
  const shown = !secret || Boolean(opts.reveal);
  if (secret && !shown) ctx.note(`coldkit: the payload is a secret (${secret}); its QR texts are not printed (--reveal prints them); image files are written mode 0600`);
  const result = {
    kind: input.kind,
    format: plan.format,
    label: plan.label,
    digest,
    bytes: input.bytes.length,
    parts: plan.frames.length,
    frames: n,
    version: plan.version,
    ecc: plan.ecc,
    written,
    secret: secret ?? null,
    texts: shown ? series.frames.map((f) => f.text) : null,
  };
  return {
    result,
    reveals: Boolean(secret && opts.reveal),
    human: (r) => {
      if (!anyOutput && r.texts) return r.texts.join('\n');
      const lines = [`${r.label}: ${counted(r.frames, 'frame')} (${counted(r.parts, 'part')}), QR version ${r.version}, ${r.bytes}-byte ${r.kind}`, `digest: ${r.digest}`];
      if (r.written.png) lines.push(`PNG frames: ${r.written.png.length} in ${opts.png}`);
      if (r.written.gif) lines.push(`GIF: ${r.written.gif}`);
      if (r.written.html) lines.push(`HTML page: ${r.written.html}`);
      return lines.join('\n');
    },
    journal: [{ op: 'qr.encode', data: { kind: input.kind, format: plan.format, label: plan.label, digest, frames: n, outputs: Object.keys(written), secret: secret ?? null } }],
  };
};

export default action;
