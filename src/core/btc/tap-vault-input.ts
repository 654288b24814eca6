/**
 * Finalizer checks of a taproot vault input (`tr(NUMS,sortedmulti_a(k,…))`, BIP341/342 script
 * path): its PSBT_IN_TAP_LEAF_SCRIPT must be one leaf at tapscript version 0xc0 whose control block
 * (BIP341: "c[0] & 1" the output key's parity, then the internal key, no Merkle path for one leaf)
 * opens exactly the spent output key; the leaf must be a k-of-n `multi_a` script (BIP387); every
 * PSBT_IN_TAP_SCRIPT_SIG must be by one of its keys for that leaf and verify against the BIP342
 * digest (ext_flag 1, leaf hash, key_version 0, codesep 0xffffffff); and at least k of them
 * exist. Otherwise the missing cosigners are named (by their BIP371 tap derivations' fingerprints).
 */
import { InputError, VerificationError } from '../errors.js';
import { equalBytes } from '../bytes.js';
import { fingerprintHex } from '../hd/path.js';
import { schnorrVerify, taprootTreeOutputKey } from '../secp.js';
import { toHex } from '../text.js';
import { parseMultiA, tapLeafHash, TAPSCRIPT_LEAF_VERSION } from '../wallet/tapscript-multisig.js';
import type { Prevout, SighashCache } from './sighash.js';

/** The BIP371 input fields this check reads, as @scure/btc-signer decodes them. */
export interface TapVaultFields {
  tapLeafScript?: [{ version: number; internalKey: Uint8Array; merklePath: Uint8Array[] }, Uint8Array][];
  tapScriptSig?: [{ pubKey: Uint8Array; leafHash: Uint8Array }, Uint8Array][];
  tapBip32Derivation?: [Uint8Array, { hashes: Uint8Array[]; der: { fingerprint: number } }][];
}

/** BIP341: the sighash types a 65-byte Schnorr signature may end in (DEFAULT is only ever implicit, in 64 bytes). */
const TAPROOT_EXPLICIT_SIGHASH = [0x01, 0x02, 0x03, 0x81, 0x82, 0x83];

/** Check a taproot vault input for the finalizer; returns the number of valid signatures (≥ k). */
export function checkTapVaultInput(inp: TapVaultFields, prevouts: readonly Prevout[], i: number, cache: SighashCache): number {
  const prev = prevouts[i]!;
  const leaves = inp.tapLeafScript ?? [];
  if (leaves.length !== 1) throw new InputError(`has ${leaves.length} tap leaf scripts; a taproot vault input has exactly one (its sortedmulti_a leaf)`, `input ${i}`);
  const [cb, withVersion] = leaves[0]!;
  const leafVersion = withVersion[withVersion.length - 1]!;
  const script = withVersion.subarray(0, -1);
  if (leafVersion !== TAPSCRIPT_LEAF_VERSION || (cb.version & 0xfe) !== TAPSCRIPT_LEAF_VERSION || cb.merklePath.length !== 0) {
    throw new InputError('has a tap leaf that is not a single tapscript leaf (version 0xc0, no Merkle path)', `input ${i}`);
  }
  const policy = parseMultiA(script);
  if (!policy) throw new InputError('has a tap leaf script that is not a multi_a script (KEY OP_CHECKSIG KEY OP_CHECKSIGADD … k OP_NUMEQUAL)', `input ${i}`);
  const leafHash = tapLeafHash(script);
  const q = taprootTreeOutputKey(cb.internalKey, leafHash);
  if (!q || !equalBytes(q.outputKey, prev.script.subarray(2, 34)) || q.parity !== (cb.version & 1)) {
    throw new VerificationError(`input ${i}: its tap leaf and control block do not open the output it spends; the PSBT was altered`);
  }
  let valid = 0;
  const signers: Uint8Array[] = [];
  for (const [{ pubKey, leafHash: lh }, sig] of inp.tapScriptSig ?? []) {
    const who = toHex(pubKey).slice(0, 16);
    if (!equalBytes(lh, leafHash)) throw new VerificationError(`input ${i}: signature by key ${who}… is for another leaf`);
    if (!policy.keys.some((k) => equalBytes(k, pubKey))) throw new VerificationError(`input ${i}: signature by key ${who}… which is not one of its leaf's keys`);
    if (sig.length !== 64 && !(sig.length === 65 && TAPROOT_EXPLICIT_SIGHASH.includes(sig[64]!))) {
      throw new VerificationError(`input ${i}: the signature by key ${who}… is ${sig.length} bytes${sig.length === 65 ? ` with sighash byte ${sig[64]}` : ''} (BIP341: 64, or 65 ending in a sighash type other than DEFAULT: 0x01–0x03, 0x81–0x83)`);
    }
    let digest: Uint8Array;
    try {
      digest = cache.bip341(i, prevouts, sig.length === 65 ? sig[64]! : 0x00, leafHash);
    } catch (e) {
      // SIGHASH_SINGLE with no output at this index has no BIP341 digest.
      throw new VerificationError(`input ${i}: the signature by key ${who}… has no digest: ${(e as Error).message}`);
    }
    if (!schnorrVerify(digest, pubKey, sig.subarray(0, 64))) throw new VerificationError(`input ${i}: the signature by key ${who}… does not verify for this leaf (wrong key, or an altered transaction)`);
    signers.push(pubKey);
    valid++;
  }
  if (valid < policy.threshold) {
    const fpOf = (k: Uint8Array) => {
      const d = inp.tapBip32Derivation?.find(([x]) => equalBytes(x, k));
      return d ? fingerprintHex(d[1].der.fingerprint) : `key ${toHex(k).slice(0, 16)}…`;
    };
    const missing = policy.keys.filter((k) => !signers.some((s) => equalBytes(s, k))).map(fpOf);
    throw new InputError(`has ${valid} of the ${policy.threshold} signatures it needs; ${policy.threshold - valid} more from: ${missing.join(', ')}`, `input ${i}`);
  }
  return valid;
}
