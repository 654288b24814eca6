/**
 * `coldkit psbt finalize F`: verify every signature of a signed PSBT against its signature hash,
 * then finalize and extract the network transaction. Raw hex on stdout (ready for
 * `bitcoin-cli sendrawtransaction`), or to --out; txid and checks on stderr.
 */
import { decodePsbt } from '../../core/btc/psbt-codec.js';
import { finalizePsbt, type FinalizedTx } from '../../core/btc/finalize.js';
import { digestWords } from '../../core/digest-words.js';
import { readPsbtAnchor } from '../../core/btc/psbt-anchor.js';
import type { JournalAnchorJson } from '../../core/journal/payload-anchor.js';
import type { Action } from '../command.js';
import { assertWritable, writeFileAtomic } from '../io.js';
import { readPayloadInput } from '../payload.js';
import { receivedAnchor } from '../payload-anchor.js';
import type { psbtFinalize } from '../commands/psbt.js';

type Result = Omit<FinalizedTx, 'raw'> & { psbtDigest: string; digest: string; signatures: number; outFile?: string; journalAnchor?: JournalAnchorJson };

const action: Action<typeof psbtFinalize> = async (opts, ctx, args) => {
  if (opts.out) assertWritable(opts.out, '--out');
  const input = await readPayloadInput(ctx, { file: args[0], fromQr: opts.fromQr }, 'psbt', { expect: 'psbt' });
  const { tx, bytes } = decodePsbt(input.bytes, 'psbt');
  const fin = finalizePsbt(tx);
  // The signer journal's head the PSBT carries (the extracted transaction does not): journaled here.
  const anchor = receivedAnchor(readPsbtAnchor(bytes, 'psbt'));
  if (opts.out) writeFileAtomic(opts.out, fin.hex + '\n');
  const { raw, ...rest } = fin;
  const result: Result = {
    ...rest,
    psbtDigest: digestWords(bytes),
    digest: digestWords(raw),
    signatures: fin.inputs.reduce((a, i) => a + i.signatures, 0),
    ...(opts.out ? { outFile: opts.out } : {}),
    ...anchor.json,
  };
  const lines = (r: Result) => [
    `Verified ${r.signatures} signature${r.signatures === 1 ? '' : 's'} on ${r.inputs.length} input${r.inputs.length === 1 ? '' : 's'}; finalized`,
    `  txid   ${r.txid}`,
    `  vsize  ${r.vsize} vB, fee ${r.fee} sat`,
    `  PSBT digest: ${r.psbtDigest}; transaction digest: ${r.digest}`,
    ...(anchor.text ? [`  ${anchor.text} (journaled here; later: journal verify --anchor-from on the signer)`] : []),
  ];
  return {
    result,
    payload: { kind: 'tx', bytes: raw },
    journal: [{ op: 'psbt.finalize', data: { txid: fin.txid, psbtDigest: result.psbtDigest, fee: String(fin.fee), vsize: fin.vsize, signatures: result.signatures, ...anchor.journal, ...(opts.out ? { outFile: opts.out } : {}), overrides: [] } }],
    human: (r: Result) => {
      if (r.outFile) return [...lines(r), `Raw transaction (hex) written to ${r.outFile}`].join('\n');
      for (const l of lines(r)) ctx.note(l);
      return r.hex;
    },
  };
};

export default action;
