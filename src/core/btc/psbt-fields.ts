/**
 * The names of PSBT fields, by map and key type, as the BIPs define them — BIP174 (v0), BIP370
 * (v2), BIP371 (taproot), BIP373 (MuSig2), BIP375 (silent payments) and BIP353 (DNSSEC proofs) —
 * so that a message about a PSBT names the field an operator can look up ("input 0
 * PSBT_IN_NON_WITNESS_UTXO") instead of a parser's internal path. Plain data.
 */

/** Which kind of map a key-value pair sits in. */
export type PsbtSection = 'global' | 'input' | 'output';

const GLOBAL: Record<number, string> = {
  0x00: 'PSBT_GLOBAL_UNSIGNED_TX',
  0x01: 'PSBT_GLOBAL_XPUB',
  0x02: 'PSBT_GLOBAL_TX_VERSION',
  0x03: 'PSBT_GLOBAL_FALLBACK_LOCKTIME',
  0x04: 'PSBT_GLOBAL_INPUT_COUNT',
  0x05: 'PSBT_GLOBAL_OUTPUT_COUNT',
  0x06: 'PSBT_GLOBAL_TX_MODIFIABLE',
  0x07: 'PSBT_GLOBAL_SP_ECDH_SHARE',
  0x08: 'PSBT_GLOBAL_SP_DLEQ',
  0x09: 'PSBT_GLOBAL_GENERIC_SIGNED_MESSAGE',
  0xfb: 'PSBT_GLOBAL_VERSION',
  0xfc: 'PSBT_GLOBAL_PROPRIETARY',
};

const INPUT: Record<number, string> = {
  0x00: 'PSBT_IN_NON_WITNESS_UTXO',
  0x01: 'PSBT_IN_WITNESS_UTXO',
  0x02: 'PSBT_IN_PARTIAL_SIG',
  0x03: 'PSBT_IN_SIGHASH_TYPE',
  0x04: 'PSBT_IN_REDEEM_SCRIPT',
  0x05: 'PSBT_IN_WITNESS_SCRIPT',
  0x06: 'PSBT_IN_BIP32_DERIVATION',
  0x07: 'PSBT_IN_FINAL_SCRIPTSIG',
  0x08: 'PSBT_IN_FINAL_SCRIPTWITNESS',
  0x09: 'PSBT_IN_POR_COMMITMENT',
  0x0a: 'PSBT_IN_RIPEMD160',
  0x0b: 'PSBT_IN_SHA256',
  0x0c: 'PSBT_IN_HASH160',
  0x0d: 'PSBT_IN_HASH256',
  0x0e: 'PSBT_IN_PREVIOUS_TXID',
  0x0f: 'PSBT_IN_OUTPUT_INDEX',
  0x10: 'PSBT_IN_SEQUENCE',
  0x11: 'PSBT_IN_REQUIRED_TIME_LOCKTIME',
  0x12: 'PSBT_IN_REQUIRED_HEIGHT_LOCKTIME',
  0x13: 'PSBT_IN_TAP_KEY_SIG',
  0x14: 'PSBT_IN_TAP_SCRIPT_SIG',
  0x15: 'PSBT_IN_TAP_LEAF_SCRIPT',
  0x16: 'PSBT_IN_TAP_BIP32_DERIVATION',
  0x17: 'PSBT_IN_TAP_INTERNAL_KEY',
  0x18: 'PSBT_IN_TAP_MERKLE_ROOT',
  0x19: 'PSBT_IN_P2C_TWEAK',
  0x1a: 'PSBT_IN_MUSIG2_PARTICIPANT_PUBKEYS',
  0x1b: 'PSBT_IN_MUSIG2_PUB_NONCE',
  0x1c: 'PSBT_IN_MUSIG2_PARTIAL_SIG',
  0x1d: 'PSBT_IN_SP_ECDH_SHARE',
  0x1e: 'PSBT_IN_SP_DLEQ',
  0x1f: 'PSBT_IN_SP_SPEND_BIP32_DERIVATION',
  0x20: 'PSBT_IN_SP_TWEAK',
  0xfc: 'PSBT_IN_PROPRIETARY',
};

const OUTPUT: Record<number, string> = {
  0x00: 'PSBT_OUT_REDEEM_SCRIPT',
  0x01: 'PSBT_OUT_WITNESS_SCRIPT',
  0x02: 'PSBT_OUT_BIP32_DERIVATION',
  0x03: 'PSBT_OUT_AMOUNT',
  0x04: 'PSBT_OUT_SCRIPT',
  0x05: 'PSBT_OUT_TAP_INTERNAL_KEY',
  0x06: 'PSBT_OUT_TAP_TREE',
  0x07: 'PSBT_OUT_TAP_BIP32_DERIVATION',
  0x08: 'PSBT_OUT_MUSIG2_PARTICIPANT_PUBKEYS',
  0x09: 'PSBT_OUT_SP_V0_INFO',
  0x0a: 'PSBT_OUT_SP_V0_LABEL',
  0x35: 'PSBT_OUT_DNSSEC_PROOF',
  0xfc: 'PSBT_OUT_PROPRIETARY',
};

const TABLES: Record<PsbtSection, Record<number, string>> = { global: GLOBAL, input: INPUT, output: OUTPUT };

/** The BIP name of key type `type` in a map of `section` ("an unknown field (key type 0x42)" otherwise). */
export function fieldName(section: PsbtSection, type: number): string {
  return TABLES[section][type] ?? `an unknown field (key type 0x${type.toString(16).padStart(2, '0')})`;
}

/** Key types whose value is a BIP32 key origin: 4-byte fingerprint then 32-bit path steps. */
export const ORIGIN_FIELDS: Record<PsbtSection, ReadonlySet<number>> = {
  global: new Set([0x01]),
  input: new Set([0x06, 0x1f]),
  output: new Set([0x02]),
};

/** Key types whose value is a BIP371 taproot origin: leaf-hash count and hashes, then a key origin. */
export const TAP_ORIGIN_FIELDS: Record<PsbtSection, ReadonlySet<number>> = {
  global: new Set(),
  input: new Set([0x16]),
  output: new Set([0x07]),
};
