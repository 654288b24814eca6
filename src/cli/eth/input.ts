/**
 * What the sign commands read: raw hex / JSON / bytes, or an EIP-4527 eth-sign-request UR
 * (from a file holding `ur:eth-sign-request/…` or scanned with --from-qr).
 */
import { InputError } from '../../core/errors.js';
import { parseSignRequestUr, type EthSignRequest } from '../../core/eth/request.js';
import { decodeEthSignRequest } from '../../core/transport/ur/eth.js';
import type { Context } from '../command.js';
import { readPayloadInput, type InputPayload } from '../payload.js';

export type SignInput = { kind: 'raw'; bytes: Uint8Array; text: string; payload: InputPayload } | { kind: 'request'; request: EthSignRequest; payload: InputPayload };

/** Read the positional file (or --from-qr) and recognise a sign request. */
export async function readSignInput(ctx: Context, file: string | undefined, fromQr: string[] | undefined, field: string): Promise<SignInput> {
  const payload = await readPayloadInput(ctx, { file, fromQr }, field);
  if (payload.source === 'qr') {
    if (payload.kind !== 'eth-sign-request') throw new InputError(`the QR code carries ${payload.kind ?? 'an unknown payload'}, not an eth-sign-request`, '--from-qr');
    return { kind: 'request', request: decodeEthSignRequest(payload.bytes), payload };
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(payload.bytes);
  if (/^\s*ur:/i.test(text)) return { kind: 'request', request: parseSignRequestUr(text.trim()), payload };
  return { kind: 'raw', bytes: payload.bytes, text, payload };
}
