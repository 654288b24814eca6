/**
 * Subjects that may be EIP-191 messages: a message file, or an eth-sign-request (whose data type 3
 * carries one). A message that is itself a secret is refused before it can be shown. Kept apart
 * from subject.ts so that commands which never read a message do not load the secret detectors.
 */
import { InputError } from '../errors.js';
import { secretKind } from '../secret-text.js';
import { toHex } from '../text.js';
import type { EthSignRequest } from '../transport/ur/eth.js';
import { txSubject, typedDataSubject, type EthSubject, type MessageSubject, type Purpose } from './subject.js';

/**
 * A message subject. A message that is itself a secret (a mnemonic, a share, a private key) would
 * be shown in the review: it is refused without being shown, to sign or to inspect.
 */
export function messageSubject(message: Uint8Array, field: string, request?: EthSignRequest): MessageSubject {
  const secret = secretKind(new TextDecoder('utf-8', { fatal: false }).decode(message));
  if (secret) throw new InputError(`the message is a ${secret}; coldkit does not show or sign a secret as a message (is this the right file?)`, field);
  return { kind: 'message', message, ...(request ? { request } : {}) };
}

/** The subject an eth-sign-request carries, by its data type (EIP-4527: 1/4 tx, 2 typed data, 3 message). */
export function requestSubject(req: EthSignRequest, field: string, purpose: Purpose, requestBytes?: Uint8Array): EthSubject {
  if (req.dataType === 1 || req.dataType === 4) return txSubject('0x' + toHex(req.signData), field, purpose, req, requestBytes);
  if (req.dataType === 2) return typedDataSubject(new TextDecoder('utf-8', { fatal: false }).decode(req.signData), field, req);
  return messageSubject(req.signData, field, req);
}
