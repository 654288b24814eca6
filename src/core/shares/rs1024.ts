/**
 * RS1024: the Reed–Solomon checksum over GF(1024) of SLIP-0039 (§Checksum), three 10-bit check
 * words. "It guarantees detection of any error affecting at most 3 words and has less than a 1 in
 * 10^9 chance of failing to detect more errors." The customisation string is mixed in first, so a
 * code with another string (coldkit v1 uses "coldkit-shares-v1") never validates as SLIP-39.
 */

/** SLIP-0039 generator constants for the RS1024 polymod. */
const GEN = [
  0xe0e040, 0x1c1c080, 0x3838100, 0x7070200, 0xe0e0009, 0x1c0c2412, 0x38086c24, 0x3090fc48,
  0x21b1f890, 0x3f3f120,
] as const;

/** Number of check words an RS1024 code appends. */
export const RS1024_CHECK_WORDS = 3;

function customisationValues(customisation: string): number[] {
  return Array.from(customisation, (c) => c.charCodeAt(0));
}

/** The SLIP-0039 `rs1024_polymod` over a list of 10-bit values. */
export function rs1024Polymod(values: Iterable<number>): number {
  let chk = 1;
  for (const v of values) {
    const b = chk >>> 20;
    chk = (((chk & 0xfffff) << 10) ^ v) >>> 0;
    for (let i = 0; i < 10; i++) if ((b >>> i) & 1) chk ^= GEN[i]!;
  }
  return chk >>> 0;
}

/** The three check words for `data` (10-bit values) under `customisation`. */
export function rs1024Create(data: readonly number[], customisation: string): number[] {
  const polymod = rs1024Polymod([...customisationValues(customisation), ...data, 0, 0, 0]) ^ 1;
  return [(polymod >>> 20) & 1023, (polymod >>> 10) & 1023, polymod & 1023];
}

/** True when `words` (data followed by the three check words) carries a valid checksum. */
export function rs1024Verify(words: readonly number[], customisation: string): boolean {
  return rs1024Polymod([...customisationValues(customisation), ...words]) === 1;
}

function step(chk: number, v: number): number {
  const b = chk >>> 20;
  chk = (((chk & 0xfffff) << 10) ^ v) >>> 0;
  for (let i = 0; i < 10; i++) if ((b >>> i) & 1) chk ^= GEN[i]!;
  return chk >>> 0;
}

/** basis[p][bit]: residue contribution of the word (1 << bit) followed by p zero words. */
function contributionBasis(maxFollowing: number): number[][] {
  const basis: number[][] = [];
  let row = Array.from({ length: 10 }, (_, bit) => step(0, 1 << bit));
  for (let p = 0; p <= maxFollowing; p++) {
    basis.push(row);
    row = row.map((c) => step(c, 0));
  }
  return basis;
}

/** Word values e ≠ 0 whose contribution (followed by `following` zero words) equals `target`. */
function valuesGiving(basis: number[][], following: number, target: number): number[] {
  const b = basis[following]!;
  const out: number[] = [];
  for (let e = 1; e < 1024; e++) {
    let c = 0;
    for (let bit = 0; bit < 10; bit++) if ((e >>> bit) & 1) c ^= b[bit]!;
    if (c >>> 0 === target) out.push(e);
  }
  return out;
}

/**
 * Positions (1-based) and replacement values that would make `words` valid by changing exactly one
 * word. The polymod is GF(2)-linear, so changing word i by XOR e changes the residue by a term that
 * depends only on e and the number of words after i: no need to re-run the checksum 1023 times a
 * word. RS1024 has distance 4, so for a share with one wrong word the answer is unique.
 */
export function rs1024SingleFixes(words: readonly number[], customisation: string): { position: number; value: number }[] {
  const syndrome = (rs1024Polymod([...customisationValues(customisation), ...words]) ^ 1) >>> 0;
  if (syndrome === 0) return [];
  const n = words.length;
  const basis = contributionBasis(n);
  const fixes: { position: number; value: number }[] = [];
  for (let i = 0; i < n; i++) {
    for (const e of valuesGiving(basis, n - 1 - i, syndrome)) fixes.push({ position: i + 1, value: words[i]! ^ e });
  }
  return fixes;
}

/**
 * Positions (1-based, the place the new word would take) where inserting one word makes `words`
 * valid: locates a dropped word with one checksum run per position, by the same linearity.
 */
export function rs1024InsertFixes(words: readonly number[], customisation: string): number[] {
  const n = words.length;
  const basis = contributionBasis(n);
  const cv = customisationValues(customisation);
  const out: number[] = [];
  for (let i = 0; i <= n; i++) {
    const withZero = [...cv, ...words.slice(0, i), 0, ...words.slice(i)];
    const target = (rs1024Polymod(withZero) ^ 1) >>> 0;
    if (target === 0 || valuesGiving(basis, n - i, target).length > 0) out.push(i + 1);
  }
  return out;
}
