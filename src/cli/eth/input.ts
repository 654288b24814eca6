/**
 * What the sign commands read: raw hex / JSON / bytes, or an EIP-4527 eth-sign-request UR
 * (from a file holding `ur:eth-sign-request/…` or scanned with --from-qr).
 */
import { InputError } from '../../core/errors.js';
import type { EthSignRequest } from '../../core/transport/ur/eth.js';
import { decodeEthSignRequest } from '../../core/transport/ur/eth.js';
import type { Context } from '../command.js';
import { readPayloadInput, type InputPayload } from '../payload.js';

export type SignInput = { kind: 'raw'; bytes: Uint8Array; text: string; payload: InputPayload } | { kind: 'request'; request: EthSignRequest; /** The request's CBOR. */ cbor: Uint8Array; payload: InputPayload };

/** Read the positional file (or --from-qr) and recognise a sign request. */
export async function readSignInput(ctx: Context, file: string | undefined, fromQr: string[] | undefined, field: string): Promise<SignInput> {
  const payload = await readPayloadInput(ctx, { file, fromQr }, field);
  // A scanned QR, or a file of UR text (one `ur:` line, or a multi-part request one part a line
  // as `qr encode` writes it), decoded by readPayloadInput.
  if (payload.source === 'qr' || payload.kind !== undefined) {
    const where = payload.source === 'qr' ? 'the QR code' : 'the UR text';
    if (payload.kind !== 'eth-sign-request') throw new InputError(`${where} carries ${payload.kind ?? 'an unknown payload'}, not an eth-sign-request`, payload.source === 'qr' ? '--from-qr' : field);
    return { kind: 'request', request: decodeEthSignRequest(payload.bytes), cbor: payload.bytes, payload };
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(payload.bytes);
  return { kind: 'raw', bytes: payload.bytes, text, payload };
}
