/**
 * Version-3 output descriptors (BCR-2023-010, `output-descriptor`, tag 40308):
 * `{1: source text, ?2: [+key], ?3: name, ?4: note}` where the source is BIP380 text whose key
 * expressions are `@0`, `@1`, … placeholders for the keys array (hdkey 40303 / v1 303, eckey
 * 40306 / v1 306). And `account-descriptor` (BCR-2023-019, tag 40311):
 * `{1: master-fingerprint uint32, 2: [+ #6.40308(output-descriptor)]}`. Read only: coldkit emits
 * the v1 names wallets read today.
 */
import { InputError } from '../../errors.js';
import { toHex } from '../../text.js';
import { withChecksum, verifyChecksum } from '../../hd/checksum.js';
import { CborTag, cborGet, decodeCbor, type CborValue } from '../cbor.js';
import { hdkeyFromCbor, hdkeyToXpub, TAG_HDKEY, TAG_HDKEY_V2 } from './hdkey.js';
import { formatPath } from './keypath.js';

export const TAG_OUTPUT_DESCRIPTOR = 40308;
export const TAG_ACCOUNT_DESCRIPTOR = 40311;
const ECKEY_TAGS = [306, 40306];

function keyText(v: CborValue, field: string): string {
  const t = cborGet.tagged(v, field, TAG_HDKEY, TAG_HDKEY_V2, ...ECKEY_TAGS);
  if (ECKEY_TAGS.includes(t.tag)) {
    const m = cborGet.map(t.value, field);
    if (m.get(2) === true) throw new InputError('this QR carries a PRIVATE key; coldkit refuses it', field);
    return toHex(cborGet.bytes(m.get(3), `${field}.data`));
  }
  const k = hdkeyFromCbor(t.value, field);
  const o = k.origin;
  const origin = o && o.sourceFingerprint !== undefined ? `[${o.sourceFingerprint.toString(16).padStart(8, '0')}${o.components.length ? '/' + formatPath(o.components, false) : ''}]` : '';
  const children = k.children?.components.length ? '/' + formatPath(k.children.components, false) : '';
  return `${origin}${hdkeyToXpub(k)}${children}`;
}

/** Descriptor text (with BIP380 checksum) of an output-descriptor's untagged (or tagged) CBOR. */
export function decodeDescriptorV2(cbor: Uint8Array | CborValue, field = 'output-descriptor'): string {
  let v = cbor instanceof Uint8Array ? decodeCbor(cbor, field) : cbor;
  if (v instanceof CborTag && v.tag === TAG_OUTPUT_DESCRIPTOR) v = v.value;
  const m = cborGet.map(v, field);
  const source = cborGet.text(m.get(1), `${field}.source`);
  const keys = m.has(2) ? cborGet.array(m.get(2), `${field}.keys`).map((k, i) => keyText(k, `${field}.keys[${i}]`)) : [];
  const text = source.replace(/@(\d+)/g, (_, n: string) => {
    const k = keys[Number(n)];
    if (k === undefined) throw new InputError(`source names key @${n} but only ${keys.length} key(s) are given`, field);
    return k;
  });
  return withChecksum(verifyChecksum(text, field).body);
}

/** The descriptors of an account-descriptor (BCR-2023-019). */
export function decodeAccountDescriptorV2(cbor: Uint8Array, field = 'account-descriptor'): string[] {
  let v = decodeCbor(cbor, field);
  if (v instanceof CborTag && v.tag === TAG_ACCOUNT_DESCRIPTOR) v = v.value;
  const m = cborGet.map(v, field);
  cborGet.uint(m.get(1), `${field}.master-fingerprint`, 0xffffffff);
  return cborGet.array(m.get(2), `${field}.output-descriptors`).map((o, i) => {
    const t = cborGet.tagged(o, `${field}.output-descriptors[${i}]`, TAG_OUTPUT_DESCRIPTOR);
    return decodeDescriptorV2(t.value, `${field}.output-descriptors[${i}]`);
  });
}
