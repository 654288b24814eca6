/**
 * Owner signatures of a safeTxHash and their packing for `execTransaction` (Safe.sol
 * `checkNSignatures`): 65 bytes r ‖ s ‖ v per owner, concatenated in strictly ascending owner
 * address order. The v byte says how the owner signed:
 *   27/28  ECDSA over the safeTxHash itself (EIP-712, what coldkit and Ledger make);
 *   31/32  ECDSA over the EIP-191 `eth_sign` hash of the safeTxHash (v + 4);
 *   1      pre-approved: r holds the owner, who called `approveHash` on chain;
 *   0      contract signature (EIP-1271): r holds the owner contract, s an offset to dynamic data.
 * ECDSA kinds are verified here by recovery; 0 and 1 can only be checked by the contract.
 */
import { getAddress, getBytes, hashMessage, recoverAddress } from 'ethers';
import { InputError } from '../../errors.js';
import { fromHex, toHex } from '../../text.js';
import { SECP256K1_N } from '../../curve-order.js';

/** One owner's signature, recovered. */
export interface OwnerSignature {
  owner: string;
  /** 0x + 130 hex digits. */
  signature: string;
  kind: 'eip712' | 'eth_sign' | 'approved-hash';
  /** Verified by ECDSA recovery here (false for approved-hash: only the chain knows). */
  verified: boolean;
}


/** Recover who made a 65-byte Safe signature over `safeTxHash`; throws InputError on anything malformed. */
export function recoverOwnerSignature(safeTxHash: string, signature: string, field = 'signature'): OwnerSignature {
  const s = signature.trim();
  if (!/^0x[0-9a-fA-F]{130}$/.test(s)) throw new InputError('must be 0x followed by 130 hex digits (65 bytes r ‖ s ‖ v)', field);
  const bytes = fromHex(s.slice(2), field);
  const v = bytes[64]!;
  const r = '0x' + toHex(bytes.subarray(0, 32));
  const sv = '0x' + toHex(bytes.subarray(32, 64));
  if (v === 1) {
    if (BigInt(r) >> 160n !== 0n) throw new InputError('is an approved-hash signature (v = 1) whose r is not an address', field);
    return { owner: getAddress('0x' + r.slice(26)), signature: s.toLowerCase(), kind: 'approved-hash', verified: false };
  }
  if (v === 0) throw new InputError('is a contract signature (v = 0, EIP-1271): coldkit cannot verify or pack it offline', field);
  if (![27, 28, 31, 32].includes(v)) throw new InputError(`has v = ${v}; a Safe owner signature has v 27/28 (EIP-712), 31/32 (eth_sign) or 1 (approved hash)`, field);
  // EIP-2: a high-s signature is malleable; Safe accepts it, but no honest signer makes one.
  if (BigInt(sv) > SECP256K1_N / 2n) throw new InputError('has a high s value (EIP-2): not a canonical signature', field);
  const ethSign = v > 30;
  const digest = ethSign ? hashMessage(getBytes(safeTxHash)) : safeTxHash;
  let owner: string;
  try {
    owner = getAddress(recoverAddress(digest, { r, s: sv, v: ethSign ? v - 4 : v }));
  } catch {
    throw new InputError('does not recover to any key (r or s out of range)', field);
  }
  return { owner, signature: s.toLowerCase(), kind: ethSign ? 'eth_sign' : 'eip712', verified: true };
}

/** The result of collecting signatures for one safeTxHash. */
export interface CollectedSignatures {
  /** Distinct owners, ascending by address (the order execTransaction requires). */
  signatures: OwnerSignature[];
  /** Inputs dropped: duplicates of an owner already present, or signers who are not owners. */
  dropped: { owner: string; reason: 'duplicate' | 'not an owner' }[];
  /** r ‖ s ‖ v of each, concatenated: the `signatures` argument of execTransaction. */
  packed: string;
  /** Signatures still needed to reach the threshold (null when the threshold is unknown). */
  missing: number | null;
}

/**
 * Verify, de-duplicate and order signatures; with `owners` known, signatures of non-owners are
 * dropped (and reported); with `threshold` known, say how many more are needed.
 */
export function collectSignatures(safeTxHash: string, inputs: readonly string[], owners?: readonly string[], threshold?: number): CollectedSignatures {
  const byOwner = new Map<string, OwnerSignature>();
  const dropped: CollectedSignatures['dropped'] = [];
  const ownerSet = owners ? new Set(owners.map((o) => o.toLowerCase())) : null;
  inputs.forEach((sig, i) => {
    const rec = recoverOwnerSignature(safeTxHash, sig, `signature ${i + 1}`);
    const key = rec.owner.toLowerCase();
    if (ownerSet && !ownerSet.has(key)) dropped.push({ owner: rec.owner, reason: 'not an owner' });
    else if (byOwner.has(key)) dropped.push({ owner: rec.owner, reason: 'duplicate' });
    else byOwner.set(key, rec);
  });
  const signatures = [...byOwner.values()].sort((a, b) => (BigInt(a.owner) < BigInt(b.owner) ? -1 : 1));
  const packed = '0x' + signatures.map((s) => s.signature.slice(2)).join('');
  return { signatures, dropped, packed, missing: threshold === undefined ? null : Math.max(0, threshold - signatures.length) };
}
