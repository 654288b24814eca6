import { describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { alnumCapacity, byteCapacity, type Ecc } from '../../../src/core/transport/qr-capacity.js';

// The capacity tables (ISO/IEC 18004 Table 7) against the `qrcode` encoder: `cap` characters fit
// the version, `cap + 1` do not.
const versions = Array.from({ length: 40 }, (_, i) => i + 1);
const fits = (seg: Parameters<typeof QRCode.create>[0], ecc: Ecc, version: number): boolean => {
  try {
    QRCode.create(seg, { errorCorrectionLevel: ecc, version });
    return true;
  } catch {
    return false;
  }
};

describe.each(['L', 'M', 'Q', 'H'] as Ecc[])('QR capacity at ECC %s', (ecc) => {
  it('alphanumeric', () => {
    for (const v of versions) {
      const cap = alnumCapacity(v, ecc);
      expect(fits([{ mode: 'alphanumeric', data: 'A'.repeat(cap) }], ecc, v), `v${v}`).toBe(true);
      expect(fits([{ mode: 'alphanumeric', data: 'A'.repeat(cap + 1) }], ecc, v), `v${v}+1`).toBe(false);
    }
  });
  it('byte', () => {
    for (const v of versions) {
      const cap = byteCapacity(v, ecc);
      expect(fits([{ mode: 'byte', data: new Uint8Array(cap) }], ecc, v), `v${v}`).toBe(true);
      expect(fits([{ mode: 'byte', data: new Uint8Array(cap + 1) }], ecc, v), `v${v}+1`).toBe(false);
    }
  });
});
