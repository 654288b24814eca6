/**
 * Which UR type carries which coldkit payload, in both directions, read from the payload table
 * (./payload-kinds.ts).
 *
 * Emitted (the v1 names every surveyed wallet reads, research notes §1.5): `crypto-psbt`,
 * `crypto-account`, `crypto-output`, `eth-sign-request`, `eth-signature`, `bytes`.
 * Accepted: those plus the BCR-2020-006 v2 names `psbt`, `hdkey`, `output-descriptor`,
 * `account-descriptor` and the v1 `crypto-hdkey`.
 */
import { InputError } from '../errors.js';
import { PAYLOAD_KINDS, payloadSpec, type PayloadKind, type TypedPayload, type UrReader } from './payload-kinds.js';
import type { Ur } from './ur/ur.js';

export type { PayloadKind } from './payload-kinds.js';

/** UR types accepted on input, with the kind each is read as and its reader. */
const READERS = new Map<string, { kind: PayloadKind; read: UrReader }>(
  Object.values(PAYLOAD_KINDS).flatMap((s) => Object.entries(s.urReaders).map(([type, read]) => [type, { kind: s.kind, read }] as const)),
);

/** UR types coldkit reads. */
export const ACCEPTED_UR_TYPES: readonly string[] = [...READERS.keys()];

/** The UR (type and untagged CBOR) that carries a payload. `urType` picks among the kind's alternatives. */
export function payloadToUr(kind: PayloadKind, bytes: Uint8Array, urType?: string): Ur {
  const s = payloadSpec(kind);
  if (urType !== undefined && !s.urTypes.includes(urType)) {
    throw new InputError(`a ${kind} is sent as UR type ${s.urTypes.join(' or ')}, not ${urType}`, '--ur-type');
  }
  return s.toUr(s.transport(bytes), urType);
}

/** Turn a complete UR into payload bytes of the right kind; unknown types are refused. */
export function urToPayload(ur: Ur): TypedPayload {
  const r = READERS.get(ur.type);
  if (!r) throw new InputError(`UR type "${ur.type}" is not one coldkit reads (${ACCEPTED_UR_TYPES.join(', ')})`, 'ur type');
  const got = r.read(ur.cbor, `ur:${ur.type}`);
  return got instanceof Uint8Array ? { kind: r.kind, bytes: got } : got;
}
