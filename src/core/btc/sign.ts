/**
 * Signing the inputs a review proved ours, in one pass over the transaction. The digest follows
 * the spend kind of the input's script template (src/core/wallet/template.ts):
 *
 * - segwit v0 (P2WPKH, P2SH-P2WPKH, P2WSH): the BIP143 digest with shared hashPrevouts,
 *   hashSequence and hashOutputs computed once (sighash.ts) and the scriptCode of the script
 *   (src/core/wallet/template.ts `scriptCode`): "For P2WPKH witness program, the scriptCode is 0x1976a914{20-byte-pubkey-hash}88ac";
 *   "for P2WSH witness program … the scriptCode is the witnessScript";
 * - legacy (P2PKH): the original digest with the spent scriptPubKey (or, under P2SH, the redeem
 *   script) as scriptCode;
 * - taproot key path (BIP86): the BIP341 digest over all spent outputs, signed with the tweaked
 *   key, 64-byte signature for SIGHASH_DEFAULT (BIP341: "the signature is 64 bytes" then).
 *
 * ECDSA signatures are RFC 6979 with low-R grinding (src/core/secp.ts); Schnorr uses aux_rand =
 * 32 zero bytes. Every signature is verified against its digest before it is returned. Pure: no I/O.
 */
import { equalBytes } from '../bytes.js';
import { InputError, VerificationError } from '../errors.js';
import { ecdsaSignLowR, ecdsaVerify, schnorrSign, schnorrVerify, taprootTweak } from '../secp.js';
import { scriptCode, template } from '../wallet/template.js';
import type { PsbtReview } from './review.js';
import type { SigningKeys } from '../wallet/key-source.js';
import { SighashCache, SIGHASH_ALL, SIGHASH_DEFAULT, type Prevout } from './sighash.js';

/** A signature made for one input, with the scripts the PSBT lacked that a finalizer needs. */
export interface InputSignature {
  index: number;
  /** Compressed public key (ECDSA) or x-only internal key (taproot). */
  pubkey: Uint8Array;
  /** DER + sighash byte (ECDSA), or 64/65-byte Schnorr. */
  signature: Uint8Array;
  taproot: boolean;
  /** BIP341 leaf hash of a taproot script-path signature (PSBT_IN_TAP_SCRIPT_SIG), absent for key-path ones. */
  leafHash?: Uint8Array;
  /** Redeem script (P2SH templates), given when the PSBT lacks it. */
  redeemScript?: Uint8Array;
  /** Witness script (P2WSH templates), given when the PSBT lacks it. */
  witnessScript?: Uint8Array;
}

const AUX_ZERO = new Uint8Array(32);

/**
 * Our signature does not verify under the key the PSBT claims for this seed in a provisionally
 * proven vault input: the input is not the vault's (signer.ts turns this into not-from-vault).
 */
export class UnprovenKeyError extends VerificationError {
  readonly index: number;
  constructor(index: number) {
    super(`input ${index}: the ECDSA signature does not verify; nothing was output (it was checked against the key the PSBT claims for this seed, which this seed's key at that path is not)`);
    this.index = index;
  }
}

/** Sign every input of ours not yet signed by us, from the review of the PSBT (which holds all the sighash needs). */
export function signInputs(review: PsbtReview, keys: SigningKeys): InputSignature[] {
  const cache = new SighashCache({
    version: review.txVersion,
    lockTime: review.lockTime,
    inputs: review.inputs.map((r) => ({ txid: r.txid, index: r.vout, sequence: r.sequence })),
    outputs: review.outputs.map((o) => ({ script: o.script, amount: o.amount })),
  });
  let prevouts: Prevout[] | undefined;
  const out: InputSignature[] = [];
  for (const r of review.inputs) {
    const own = r.ours;
    if (!own || r.signedByUs || r.finalized) continue;
    const key = keys.signingKey(own.fingerprint, own.path);
    if (!key) continue;
    const t = template(own.type);
    const spend = t.spend;
    if (spend === 'taproot-script') {
      // BIP342 script path of a taproot vault: the untweaked cosigner key signs the leaf's digest.
      if (!own.leafHash) throw new InputError(`input ${r.index}: the taproot vault leaf is unknown; nothing was signed`, 'psbt');
      prevouts ??= review.inputs.map((x) => ({ script: x.script!, amount: x.amount! }));
      const hashType = r.sighash ?? SIGHASH_DEFAULT;
      const hash = cache.bip341(r.index, prevouts, hashType, own.leafHash);
      // Verified against the key the review proved the leaf commits to (derived from the registered xpub).
      const xonly = own.pubkey.slice(1, 33);
      const sig64 = schnorrSign(hash, key.priv, AUX_ZERO);
      if (!schnorrVerify(hash, xonly, sig64)) throw new VerificationError(`input ${r.index}: the Schnorr signature does not verify; nothing was output`);
      const signature = hashType === SIGHASH_DEFAULT ? sig64 : Uint8Array.from([...sig64, hashType]);
      out.push({ index: r.index, pubkey: xonly, signature, taproot: true, leafHash: own.leafHash });
      continue;
    }
    if (spend === 'taproot-key') {
      prevouts ??= review.inputs.map((x) => ({ script: x.script!, amount: x.amount! }));
      const hashType = r.sighash ?? SIGHASH_DEFAULT;
      const hash = cache.bip341(r.index, prevouts, hashType);
      const { tweakedPriv, outputKey, internalKey } = taprootTweak(key.priv);
      const sig64 = schnorrSign(hash, tweakedPriv, AUX_ZERO);
      tweakedPriv.fill(0);
      if (!schnorrVerify(hash, outputKey, sig64)) throw new VerificationError(`input ${r.index}: the Schnorr signature does not verify; nothing was output`);
      const signature = hashType === SIGHASH_DEFAULT ? sig64 : Uint8Array.from([...sig64, hashType]);
      out.push({ index: r.index, pubkey: internalKey, signature, taproot: true });
      continue;
    }
    const hashType = r.sighash ?? SIGHASH_ALL;
    const code = scriptCode(t, own, r.script!);
    const hash = spend === 'legacy' ? cache.legacy(r.index, code, hashType) : cache.bip143(r.index, code, r.amount!, hashType);
    const der = ecdsaSignLowR(hash, key.priv);
    // Verified as Bitcoin Core's CKey::Sign does after signing, against the key the review proved
    // the script commits to (a vault's: derived from the registered xpub), so a private key that is
    // not that key's stops everything; uncompressed when the seed has computed that same point
    // (cheaper to parse).
    const against = key.pubFull && key.pub && equalBytes(key.pub, own.pubkey) ? key.pubFull : own.pubkey;
    if (!ecdsaVerify(hash, against, der)) {
      // A vault key taken as claimed (vault-proof.ts provisionalProof) is not this seed's there.
      if (own.provisional) throw new UnprovenKeyError(r.index);
      throw new VerificationError(`input ${r.index}: the ECDSA signature does not verify; nothing was output`);
    }
    const signature = new Uint8Array(der.length + 1);
    signature.set(der);
    signature[der.length] = hashType;
    out.push({
      index: r.index,
      pubkey: own.pubkey,
      signature,
      taproot: false,
      ...(own.redeemScript && !r.hasRedeemScript ? { redeemScript: own.redeemScript } : {}),
      ...(own.witnessScript && !r.hasWitnessScript ? { witnessScript: own.witnessScript } : {}),
    });
  }
  return out;
}
