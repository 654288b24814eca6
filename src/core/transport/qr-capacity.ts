/**
 * QR code capacities (ISO/IEC 18004 Table 7) in alphanumeric characters and bytes, per version 1..40 and
 * error-correction level. Used to pick BBQr part sizes and UR fragment lengths that fit a
 * version, and byte-mode capacities for plain frames. test/transport/qr-capacity.test.ts checks
 * both tables against the `qrcode` encoder.
 */
import { InputError } from '../errors.js';
import type { Ecc } from './choices.js';

export type { Ecc };

// prettier-ignore
const ALNUM: Record<Ecc, readonly number[]> = {
  L: [25, 47, 77, 114, 154, 195, 224, 279, 335, 395, 468, 535, 619, 667, 758, 854, 938, 1046, 1153, 1249, 1352, 1460, 1588, 1704, 1853, 1990, 2132, 2223, 2369, 2520, 2677, 2840, 3009, 3183, 3351, 3537, 3729, 3927, 4087, 4296],
  M: [20, 38, 61, 90, 122, 154, 178, 221, 262, 311, 366, 419, 483, 528, 600, 656, 734, 816, 909, 970, 1035, 1134, 1248, 1326, 1451, 1542, 1637, 1732, 1839, 1994, 2113, 2238, 2369, 2506, 2632, 2780, 2894, 3054, 3220, 3391],
  Q: [16, 29, 47, 67, 87, 108, 125, 157, 189, 221, 259, 296, 352, 376, 426, 470, 531, 574, 644, 702, 742, 823, 890, 963, 1041, 1094, 1172, 1263, 1322, 1429, 1499, 1618, 1700, 1787, 1867, 1966, 2071, 2181, 2298, 2420],
  H: [10, 20, 35, 50, 64, 84, 93, 122, 143, 174, 200, 227, 259, 283, 321, 365, 408, 452, 493, 557, 587, 640, 672, 744, 779, 864, 910, 958, 1016, 1080, 1150, 1226, 1307, 1394, 1431, 1530, 1591, 1658, 1774, 1852],
};

// prettier-ignore
const BYTES: Record<Ecc, readonly number[]> = {
  L: [17, 32, 53, 78, 106, 134, 154, 192, 230, 271, 321, 367, 425, 458, 520, 586, 644, 718, 792, 858, 929, 1003, 1091, 1171, 1273, 1367, 1465, 1528, 1628, 1732, 1840, 1952, 2068, 2188, 2303, 2431, 2563, 2699, 2809, 2953],
  M: [14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666, 711, 779, 857, 911, 997, 1059, 1125, 1190, 1264, 1370, 1452, 1538, 1628, 1722, 1809, 1911, 1989, 2099, 2213, 2331],
  Q: [11, 20, 32, 46, 60, 74, 86, 108, 130, 151, 177, 203, 241, 258, 292, 322, 364, 394, 442, 482, 509, 565, 611, 661, 715, 751, 805, 868, 908, 982, 1030, 1112, 1168, 1228, 1283, 1351, 1423, 1499, 1579, 1663],
  H: [7, 14, 24, 34, 44, 58, 64, 84, 98, 119, 137, 155, 177, 194, 220, 250, 280, 310, 338, 382, 403, 439, 461, 511, 535, 593, 625, 658, 698, 742, 790, 842, 898, 958, 983, 1051, 1093, 1139, 1219, 1273],
};

/** The QR encoding modes coldkit sizes frames for. */
export type QrMode = 'byte' | 'alnum';

const TABLES: Record<QrMode, Record<Ecc, readonly number[]>> = { byte: BYTES, alnum: ALNUM };

/** Units (bytes or alphanumeric characters) that fit one QR of `version` (1..40) at `ecc` in `mode`. */
export function capacity(mode: QrMode, version: number, ecc: Ecc = 'L'): number {
  if (!Number.isInteger(version) || version < 1 || version > 40) throw new InputError(`QR version ${version} is not 1..40`, 'max-version');
  return TABLES[mode][ecc][version - 1]!;
}

/** The smallest version whose `mode` capacity holds `units`, or undefined if none ≤ 40 does. */
export function versionFor(mode: QrMode, units: number, ecc: Ecc = 'L'): number | undefined {
  const i = TABLES[mode][ecc].findIndex((c) => c >= units);
  return i < 0 ? undefined : i + 1;
}

/** Bytes that fit one byte-mode QR of `version` at `ecc`. */
export const byteCapacity = (version: number, ecc: Ecc = 'L'): number => capacity('byte', version, ecc);
/** The smallest version whose byte-mode capacity holds `bytes`. */
export const byteVersionFor = (bytes: number, ecc: Ecc = 'L'): number | undefined => versionFor('byte', bytes, ecc);
/** Alphanumeric characters that fit one QR of `version` at `ecc`. */
export const alnumCapacity = (version: number, ecc: Ecc = 'L'): number => capacity('alnum', version, ecc);
/** The smallest version whose alphanumeric capacity holds `chars`. */
export const alnumVersionFor = (chars: number, ecc: Ecc = 'L'): number | undefined => versionFor('alnum', chars, ecc);

/** QR alphanumeric mode charset: 0-9 A-Z space $ % * + - . / : */
export function isAlphanumeric(s: string): boolean {
  return /^[0-9A-Z $%*+\-./:]*$/.test(s);
}
