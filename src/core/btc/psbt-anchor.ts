/**
 * The signer journal's head in a PSBT (src/core/journal/payload-anchor.ts gives the format): read
 * from the global proprietary pair 0xFC "coldkit" 0x01 of a PSBT already parsed and validated.
 */
import { decodePsbtAnchor, PSBT_ANCHOR_KEY, type PayloadAnchor } from '../journal/payload-anchor.js';
import { globalPairValue, withoutGlobalPair } from './psbt-maps.js';

/** The anchor a validated PSBT carries, if any; a malformed one is an InputError naming `field`. */
export function readPsbtAnchor(raw: Uint8Array, field: string): PayloadAnchor | undefined {
  const v = globalPairValue(raw, PSBT_ANCHOR_KEY);
  return v ? decodePsbtAnchor(v, field) : undefined;
}

/**
 * The PSBT without its anchor: each signer's copy carries its own journal head under the same
 * key, so copies are combined without them (BIP174's combiner would see one key with two values);
 * `psbt combine` journals each copy's anchor instead.
 */
export function withoutPsbtAnchor(raw: Uint8Array): Uint8Array {
  return withoutGlobalPair(raw, PSBT_ANCHOR_KEY);
}
