/**
 * src/core/transport/choices.ts: the names the option tables offer are exactly the transport's —
 * every payload kind is a row of the payload table and every row is a kind; `qr encode --type`
 * names are the rows' file types; the defaults are among the choices; and `qr decode --expect`,
 * `qr encode --type|--format|--density|--ecc` offer these lists, not copies.
 */
import { describe, expect, it } from 'vitest';
import { qrDecode, qrEncode } from '../../../src/cli/commands/qr.js';
import { DEFAULT_DENSITY, DEFAULT_ECC, DENSITIES, ECC_LEVELS, ENCODE_TYPES, FORMAT_CHOICES, PAYLOAD_KIND_NAMES, TRANSPORT_FORMATS } from '../../../src/core/transport/choices.js';
import { PAYLOAD_KINDS } from '../../../src/core/transport/payload-kinds.js';
import { BBQR_MAX_VERSION, UR_FRAGMENT } from '../../../src/core/transport/frame-plan.js';

describe('transport choices', () => {
  it('payload kinds are the rows of the payload table', () => {
    expect(Object.keys(PAYLOAD_KINDS).sort()).toEqual([...PAYLOAD_KIND_NAMES].sort());
    for (const [k, row] of Object.entries(PAYLOAD_KINDS)) expect(row.kind).toBe(k);
  });
  it('qr encode --type names are the file types of the rows', () => {
    const fileTypes = Object.values(PAYLOAD_KINDS).flatMap((r) => (r.fileType ? [r.fileType] : []));
    expect(fileTypes.sort()).toEqual([...ENCODE_TYPES].sort());
  });
  it('every density has a UR fragment size and a BBQr cap; the defaults are choices', () => {
    expect(Object.keys(UR_FRAGMENT).sort()).toEqual([...DENSITIES].sort());
    expect(Object.keys(BBQR_MAX_VERSION).sort()).toEqual([...DENSITIES].sort());
    expect(DENSITIES).toContain(DEFAULT_DENSITY);
    expect(ECC_LEVELS).toContain(DEFAULT_ECC);
    expect(FORMAT_CHOICES).toEqual(['auto', ...TRANSPORT_FORMATS]);
  });
  it('the qr option tables offer these lists', () => {
    expect(qrDecode.options.expect.choices).toBe(PAYLOAD_KIND_NAMES);
    expect(qrEncode.options.type.choices).toBe(ENCODE_TYPES);
    expect(qrEncode.options.format.choices).toBe(FORMAT_CHOICES);
    expect(qrEncode.options.density.choices).toBe(DENSITIES);
    expect(qrEncode.options.ecc.choices).toBe(ECC_LEVELS);
  });
});
