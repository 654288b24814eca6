/**
 * BIP380 descriptor checksum: eight characters of a BCH code over the descriptor's characters,
 * appended after "#". Implements the BIP's descsum_polymod / descsum_expand exactly.
 */
import { InputError } from '../errors.js';

const INPUT_CHARSET = "0123456789()[],'/*abcdefgh@:$%{}IJKLMNOPQRSTUVWXYZ&+-.;<=>?!^_|~ijklmnopqrstuvwxyzABCDEFGH`#\"\\ ";
const CHECKSUM_CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GENERATOR = [0xf5dee51989n, 0xa9fdca3312n, 0x1bab10e32dn, 0x3706b1677an, 0x644d626ffdn];

function polymod(symbols: number[]): bigint {
  let chk = 1n;
  for (const value of symbols) {
    const top = chk >> 35n;
    chk = ((chk & 0x7ffffffffn) << 5n) ^ BigInt(value);
    for (let i = 0; i < 5; i++) if ((top >> BigInt(i)) & 1n) chk ^= GENERATOR[i]!;
  }
  return chk;
}

function expand(s: string, field: string): number[] {
  const symbols: number[] = [];
  let groups: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const v = INPUT_CHARSET.indexOf(s[i]!);
    if (v < 0) throw new InputError(`character ${i + 1} ${JSON.stringify(s[i])} is not allowed in a descriptor`, field);
    symbols.push(v & 31);
    groups.push(v >> 5);
    if (groups.length === 3) {
      symbols.push(groups[0]! * 9 + groups[1]! * 3 + groups[2]!);
      groups = [];
    }
  }
  if (groups.length === 1) symbols.push(groups[0]!);
  else if (groups.length === 2) symbols.push(groups[0]! * 3 + groups[1]!);
  return symbols;
}

/** The 8-character BIP380 checksum of a descriptor (without "#…"). */
export function descriptorChecksum(desc: string, field = 'descriptor'): string {
  const c = polymod([...expand(desc, field), 0, 0, 0, 0, 0, 0, 0, 0]) ^ 1n;
  let out = '';
  for (let i = 0; i < 8; i++) out += CHECKSUM_CHARSET[Number((c >> BigInt(5 * (7 - i))) & 31n)];
  return out;
}

/** Append "#checksum". */
export function withChecksum(desc: string): string {
  return `${desc}#${descriptorChecksum(desc)}`;
}

/**
 * Split "desc#checksum" and verify the checksum when present (BIP380: "if a checksum is
 * provided, it must be valid"). Returns the body and whether a checksum was given.
 */
export function verifyChecksum(text: string, field = 'descriptor'): { body: string; checksum?: string } {
  const s = text.trim();
  const hash = s.indexOf('#');
  if (hash < 0) return { body: s };
  const body = s.slice(0, hash);
  const given = s.slice(hash + 1);
  if (given.length !== 8 || ![...given].every((c) => CHECKSUM_CHARSET.includes(c))) {
    const shown = given.length > 12 ? `${given.slice(0, 12)}…` : given;
    throw new InputError(`checksum "${shown.replace(/[^\x21-\x7e…]/g, '?')}" must be 8 characters of ${CHECKSUM_CHARSET}`, field);
  }
  const want = descriptorChecksum(body, field);
  if (want !== given) throw new InputError(`checksum mismatch: "#${given}" given, the descriptor's is "#${want}" — it was altered or mistyped`, field);
  return { body, checksum: given };
}
