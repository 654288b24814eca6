/**
 * Transaction weight (BIP141: weight = 4 × non-witness bytes + witness bytes; vsize =
 * ceil(weight / 4)) and dust, used to price a transaction before it is signed. The weight of a
 * signed input is the script template's (src/core/wallet/template.ts `inputWeight`), counted at
 * coldkit's signature sizes.
 */
import { compactSizeLength } from '../bytes.js';
import { isWitnessProgram } from '../wallet/script.js';

/** Weight of version (4), locktime (4) and the in/out counts (1 each below 253). */
export function overheadWeight(nIn: number, nOut: number, segwit: boolean): number {
  return 4 * (8 + compactSizeLength(nIn) + compactSizeLength(nOut)) + (segwit ? 2 : 0);
}

/** Weight of an output paying to `scriptLen` bytes of script. */
export function outputWeight(scriptLen: number): number {
  return 4 * (8 + compactSizeLength(scriptLen) + scriptLen);
}

/** Bitcoin Core's default dust relay fee, 3 sat/vB (DUST_RELAY_TX_FEE = 3000 sat/kvB). */
const DUST_RELAY_SAT_PER_VB = 3n;

/**
 * Dust threshold of an output, as Bitcoin Core's GetDustThreshold computes it: the output's size
 * plus the size of the input that would later spend it (67 vB for a witness program, 148 for
 * anything else), times the 3 sat/vB dust relay fee. 546 P2PKH, 540 P2SH, 294 P2WPKH, 330 P2TR
 * and P2WSH. An OP_RETURN output is unspendable and has no threshold.
 */
export function dustThreshold(script: Uint8Array): bigint {
  if (script[0] === 0x6a) return 0n;
  const outSize = 8 + compactSizeLength(script.length) + script.length;
  const spendSize = isWitnessProgram(script) ? 32 + 4 + 1 + Math.floor(107 / 4) + 4 : 32 + 4 + 1 + 107 + 4;
  return BigInt(outSize + spendSize) * DUST_RELAY_SAT_PER_VB;
}

/** vsize from weight. */
export function vsizeOf(weight: number): number {
  return Math.ceil(weight / 4);
}

