/**
 * What the Ethereum signer signs or inspects (src/core/eth/signer.ts): a decoded transaction,
 * EIP-712 typed data or an EIP-191 message, and the EIP-4527 request it came in. Messages and
 * requests (which may carry one) are read by message-subject.ts, which checks for secrets.
 */
import { InputError } from '../errors.js';
import { refusedBy } from '../findings/decide.js';
import type { EthSignRequest } from '../transport/ur/eth.js';
import { txTypeFindings } from './findings.js';
import { decodeTx, typeByte, type DecodedTx } from './tx.js';
import { parseTypedData, type TypedData } from './typed-data.js';

/** A transaction to sign or inspect, and the request it came in. */
export type TxSubject = { kind: 'transaction'; tx: DecodedTx; request?: EthSignRequest; /** The request's CBOR as it crossed the gap: the review's payload digest is of these bytes. */ requestBytes?: Uint8Array };
/** EIP-712 typed data, and the request it came in. */
export type TypedDataSubject = { kind: 'typed-data'; typedData: TypedData; request?: EthSignRequest };
/** An EIP-191 message, and the request it came in. */
export type MessageSubject = { kind: 'message'; message: Uint8Array; request?: EthSignRequest };
/** What is to be signed (or inspected): one of three payload kinds. */
export type EthSubject = TxSubject | TypedDataSubject | MessageSubject;

/** Why a subject is read: to sign it (signed or unsignable payloads are refused) or to inspect it. */
export type Purpose = 'sign' | 'inspect';

/**
 * A transaction subject from hex. To sign: types 3 and 4 are refused outright (a hard refusal:
 * coldkit signs types 0, 1 and 2 only), and a transaction that is already signed is an input error.
 */
export function txSubject(hex: string, field: string, purpose: Purpose, request?: EthSignRequest, requestBytes?: Uint8Array): TxSubject {
  if (purpose === 'sign') {
    const unsupported = txTypeFindings(typeByte(hex));
    if (unsupported.length) throw refusedBy(unsupported);
  }
  const tx = decodeTx(hex, field);
  if (purpose === 'sign' && tx.signed) throw new InputError('is already signed; inspect it with `coldkit eth inspect` or send it with `coldkit eth broadcast`', field);
  return { kind: 'transaction', tx, ...(request ? { request } : {}), ...(request && requestBytes ? { requestBytes } : {}) };
}

/** A typed-data subject from the EIP-712 JSON text (checked strictly, typed-data.ts). */
export function typedDataSubject(json: string, field: string, request?: EthSignRequest): TypedDataSubject {
  return { kind: 'typed-data', typedData: parseTypedData(json, field), ...(request ? { request } : {}) };
}

/** A subject from a file's text: EIP-712 JSON when it starts with `{`, else transaction hex. */
export function textSubject(text: string, field: string, purpose: Purpose): EthSubject {
  const t = text.trim();
  if (!t) throw new InputError('is empty', field);
  return t.startsWith('{') ? typedDataSubject(t, field) : txSubject(t, field, purpose);
}
