/**
 * `coldkit psbt combine A B …`: the BIP174 Combiner. Merges the signatures of several copies of
 * one PSBT (from files, and/or one read with --from-qr) into one PSBT: binary to --out, else base64
 * on stdout.
 */
import { combinePsbts } from '../../core/btc/combine.js';
import { decodePsbt, psbtOf } from '../../core/btc/psbt-codec.js';
import { readPsbtAnchor, withoutPsbtAnchor } from '../../core/btc/psbt-anchor.js';
import type { JournalAnchorJson } from '../../core/journal/payload-anchor.js';
import type { Action } from '../command.js';
import { assertWritable } from '../io.js';
import { readPayloadInput } from '../payload.js';
import { receivedAnchor, type ReceivedAnchor } from '../payload-anchor.js';
import { emitPsbt, renderWithPsbt, type PsbtOut } from '../psbt-output.js';
import type { psbtCombine } from '../commands/psbt.js';

type Result = PsbtOut & { txid: string; inputs: { file: string; digest: string; journalAnchor?: JournalAnchorJson }[] };

const action: Action<typeof psbtCombine> = async (opts, ctx, files) => {
  if (opts.out) assertWritable(opts.out, '--out');
  const sources: { file?: string; fromQr?: string[]; name: string }[] = files.map((f) => ({ file: f, name: f }));
  if (opts.fromQr?.length) sources.push({ fromQr: opts.fromQr, name: '--from-qr' });
  const parts = [];
  const read: Result['inputs'] = [];
  const received: (ReceivedAnchor & { file: string; digest: string })[] = [];
  for (const s of sources) {
    const p = await readPayloadInput(ctx, s.file ? { file: s.file } : { fromQr: s.fromQr }, s.name, { expect: 'psbt' });
    const decoded = decodePsbt(p.bytes, s.name);
    // Each signer's journal head, journaled here (the combined PSBT keeps none of them).
    const anchor = readPsbtAnchor(decoded.bytes, s.name);
    parts.push({ tx: anchor ? decodePsbt(withoutPsbtAnchor(decoded.bytes), s.name).tx : decoded.tx, field: s.name });
    const r = receivedAnchor(anchor);
    received.push({ ...r, file: s.name, digest: p.digest });
    read.push({ file: s.name, digest: p.digest, ...r.json });
  }
  const combined = combinePsbts(parts);
  const out = emitPsbt(psbtOf(combined), opts.out);
  const result: Result = { ...out.result, txid: combined.id, inputs: read };
  return {
    result,
    payload: out.payload,
    journal: [{ op: 'psbt.combine', data: { txid: result.txid, inputs: received.map((r) => ({ file: r.file, digest: r.digest, ...r.journal })), digest: result.digest, ...(opts.out ? { outFile: opts.out } : {}), overrides: [] } }],
    human: (r: Result) =>
      renderWithPsbt(ctx, r, [
        `Combined ${r.inputs.length} PSBTs of transaction ${r.txid}`,
        ...received.map((i) => `  from ${i.file}  (digest: ${i.digest})${i.text ? `; ${i.text}` : ''}`),
        `  digest: ${r.digest}`,
      ]),
  };
};

export default action;
