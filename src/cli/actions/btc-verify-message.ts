/**
 * `coldkit btc verify-message`: check a message signature for an address — BIP-322 (simple,
 * full, with or without the variant prefix) or legacy (BIP-137 or Electrum header). Valid is
 * exit 0; invalid or inconclusive (BIP-322's third state: a script this verifier cannot judge)
 * is exit 3 with the reason.
 */
import { InputError } from '../../core/errors.js';
import { escapeMessage } from '../../core/btc/message/classify.js';
import { verifyMessage } from '../../core/btc/message/verify-message.js';
import { sha256Hex } from '../../core/journal/native.js';
import { network, type BtcNetwork } from '../../core/network.js';
import type { Action } from '../command.js';
import { readInputText } from '../io.js';
import { readPayloadInput } from '../payload.js';
import type { btcVerifyMessage } from '../commands/btc.js';

const action: Action<typeof btcVerifyMessage> = async (opts, ctx, args) => {
  if (!opts.signature && !opts.signatureFile) throw new InputError('give the signature with --signature SIG or --signature-file FILE', '--signature');
  if (args[0] === '-' && opts.signatureFile === '-') throw new InputError('stdin cannot carry both the message and the signature', '--signature-file');
  const signature = (opts.signature ?? (await readInputText(opts.signatureFile!, '--signature-file', ctx.io))).trim();
  const payload = await readPayloadInput(ctx, { file: args[0], fromQr: opts.fromQr }, 'file', { urText: false });
  const net: BtcNetwork | undefined = ctx.globals.network ? network(ctx.globals.network) : undefined;
  const v = verifyMessage(payload.bytes, opts.address, signature, net);
  const result = {
    ...v,
    valid: v.state === 'valid',
    message: { bytes: payload.bytes.length, sha256: sha256Hex(payload.bytes), escaped: escapeMessage(payload.bytes) },
  };
  return {
    result,
    exitCode: v.state === 'valid' ? 0 : 3,
    human: (r) =>
      [
        `${r.state.toUpperCase()}: ${r.reason}`,
        `address: ${r.address} (${r.network})   format: ${r.format}${r.legacy ? ` (header ${r.legacy.header}, ${r.legacy.convention})` : ''}`,
        `message: ${r.message.bytes} bytes "${r.message.escaped.length > 200 ? r.message.escaped.slice(0, 200) + '…' : r.message.escaped}"`,
      ].join('\n'),
    journal: [{ op: 'btc.verify-message', data: { address: v.address, network: v.network, format: v.format, state: v.state, messageSha256: result.message.sha256 } }],
  };
};
export default action;
