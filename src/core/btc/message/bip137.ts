/**
 * The legacy signed-message format ("signmessage"/"verifymessage") with the BIP-137 header byte.
 *
 * Digest: double SHA-256 of "\x18Bitcoin Signed Message:\n" ‖ CompactSize(len) ‖ message.
 * Signature: 65 bytes, header ‖ r ‖ s, base64. "The recId is a number between 0 and 3 … The
 * header is the recId plus a constant which indicates what type of Bitcoin address this is":
 *   27–30 P2PKH uncompressed key, 31–34 P2PKH compressed key, 35–38 P2SH-P2WPKH, 39–42 P2WPKH.
 *
 * Electrum (and Sparrow's "Electrum" format, and Trezor with no_script_type) sign segwit addresses
 * with the compressed-P2PKH header 31–34. A verifier therefore accepts 31–34 for any of the three
 * address types (the key decides), 35–38 only for P2SH-P2WPKH and 39–42 only for P2WPKH, which
 * is how Electrum itself verifies. BIP-322 says the legacy format "MUST be restricted to the
 * legacy P2PKH invoice address format" for new proofs; it is kept for the exchanges and tools that
 * still ask for it.
 *
 * Signing is RFC 6979 as Bitcoin Core's SignCompact and Trezor do; with `lowR` it also grinds
 * for a low R value as Electrum does (extra entropy = little-endian counter 1, 2, …). Either way
 * the output is byte-identical to that tool's for the same key, message and header convention.
 */
import { Address } from '@scure/btc-signer';
import { base64 } from '@scure/base';
import { sha256 } from '@noble/hashes/sha2.js';
import * as ecc from 'tiny-secp256k1';
import { InputError, RuntimeFailure } from '../../errors.js';
import { outputFor } from './output.js';
import { ByteWriter, equalBytes } from '../../bytes.js';
import { hash160, p2wpkhScript } from './output.js';
import type { BtcNetwork } from '../../network.js';
import { type MessageAddress, decodeMessageAddress } from './address.js';
import type { MessageVerification } from './bip322.js';

/** Script types a legacy signature can be made for. */
export type LegacyScriptType = 'pkh' | 'sh-wpkh' | 'wpkh';

/** Header conventions: BIP-137 (Trezor, Sparrow "BIP137") or Electrum's compressed-P2PKH header for every type. */
export type LegacyConvention = 'bip137' | 'electrum';

const MAGIC = new TextEncoder().encode('\x18Bitcoin Signed Message:\n');

/** The digest a legacy signature signs. */
export function messageMagicHash(message: Uint8Array): Uint8Array {
  const w = new ByteWriter(MAGIC.length + 9 + message.length);
  w.bytes(MAGIC).varBytes(message);
  return sha256(sha256(w.finish()));
}

/** How to sign. */
export interface LegacySignOptions {
  scriptType: LegacyScriptType;
  net: BtcNetwork;
  /** Default bip137 (Core, Trezor, Sparrow "BIP137"). electrum: header 31–34 for every type. */
  convention?: LegacyConvention;
  /** P2PKH only: sign for the uncompressed-key address (header 27–30). Default false. */
  uncompressed?: boolean;
  /** Grind for a low R as Electrum does (same validity; byte-identical to Electrum). Default false. */
  lowR?: boolean;
}

/** A legacy signature and the address it is for. */
export interface LegacySignature {
  address: string;
  header: number;
  signature: string;
}

const HEADER_BASE: Record<LegacyScriptType, number> = { pkh: 31, 'sh-wpkh': 35, wpkh: 39 };

function addressOf(pub: Uint8Array, type: LegacyScriptType, net: BtcNetwork): string {
  // An uncompressed key only ever has a P2PKH address; outputFor takes compressed keys.
  if (pub.length === 65) return Address(net).encode({ type: 'pkh', hash: hash160(pub) });
  return outputFor(type, pub, net).address;
}

/** Sign `message` the legacy way. */
export function signLegacy(message: Uint8Array, priv: Uint8Array, opts: LegacySignOptions): LegacySignature {
  const { scriptType, net } = opts;
  const uncompressed = opts.uncompressed ?? false;
  if (uncompressed && scriptType !== 'pkh') throw new InputError('segwit addresses use compressed keys only', 'uncompressed');
  const pub = ecc.pointFromScalar(priv, !uncompressed);
  if (!pub) throw new InputError('the private key is out of range', 'key');
  const convention = opts.convention ?? 'bip137';
  const digest = messageMagicHash(message);
  let { signature, recoveryId } = ecc.signRecoverable(digest, priv);
  const extra = new Uint8Array(32);
  for (let counter = 1; opts.lowR && signature[0]! >= 0x80; counter++) {
    new DataView(extra.buffer).setUint32(0, counter, true);
    ({ signature, recoveryId } = ecc.signRecoverable(digest, priv, extra));
  }
  const base = uncompressed ? 27 : convention === 'electrum' ? 31 : HEADER_BASE[scriptType];
  const header = base + recoveryId;
  const address = addressOf(pub, scriptType, net);
  const out = { address, header, signature: base64.encode(Uint8Array.of(header, ...signature)) };
  const check = verifyLegacy(message, address, out.signature, net);
  if (check.state !== 'valid') throw new RuntimeFailure(`self-check failed: the legacy signature just made does not verify (${check.reason}); nothing was output`);
  return out;
}

/** Which address types a header admits, and whose convention it is for that type. */
function admits(header: number, type: 'pkh' | 'sh' | 'wpkh'): LegacyConvention | undefined {
  if (header <= 30) return type === 'pkh' ? 'bip137' : undefined;
  if (header <= 34) return type === 'pkh' ? 'bip137' : 'electrum';
  if (header <= 38) return type === 'sh' ? 'bip137' : undefined;
  return type === 'wpkh' ? 'bip137' : undefined;
}

/**
 * Verify a legacy signature of `message` by `address` (network from `net`, else recognised from
 * the address). Bad signatures are reported, never thrown; an invalid address throws InputError.
 * High-S signatures are accepted, as `bitcoin-cli verifymessage` and Electrum accept them.
 */
export function verifyLegacy(message: Uint8Array, address: string | MessageAddress, signature: string, net?: BtcNetwork): MessageVerification {
  const addr = typeof address === 'string' ? decodeMessageAddress(address, net) : address;
  const base = { address: addr.address, network: addr.net.name, format: 'legacy' as const };
  const fail = (reason: string): MessageVerification => ({ ...base, state: 'invalid', reason });
  let sig: Uint8Array;
  try {
    sig = base64.decode(signature.trim());
  } catch {
    return fail('the signature is not valid base64');
  }
  if (sig.length !== 65) return fail(`a legacy signature is 65 bytes, this one is ${sig.length}`);
  const header = sig[0]!;
  if (header < 27 || header > 42) return fail(`header byte ${header} is outside 27–42`);
  const decoded = Address(addr.net).decode(addr.address);
  const type = decoded.type === 'pkh' || decoded.type === 'sh' || decoded.type === 'wpkh' ? decoded.type : undefined;
  if (!type) return fail('legacy signatures exist for P2PKH, P2SH-P2WPKH and P2WPKH addresses only; this address needs BIP-322');
  const convention = admits(header, type);
  if (!convention) return fail(`header byte ${header} claims another address type than this ${type === 'sh' ? 'P2SH' : type === 'pkh' ? 'P2PKH' : 'P2WPKH'} address`);
  const compressed = header >= 31;
  let pub: Uint8Array | null = null;
  try {
    pub = ecc.recover(messageMagicHash(message), sig.subarray(1), ((header - 27) & 3) as 0 | 1 | 2 | 3, compressed);
  } catch {
    pub = null;
  }
  if (!pub) return fail('no public key can be recovered from this signature (r or s out of range)');
  const hash = (decoded as { hash: Uint8Array }).hash;
  const keyHash = hash160(pub);
  const ok = type === 'sh' ? equalBytes(hash160(p2wpkhScript(pub)), hash) : equalBytes(keyHash, hash);
  if (!ok) return fail('the signature was made by another key or for another message');
  const what = type === 'pkh' ? `P2PKH (${compressed ? 'compressed' : 'uncompressed'} key)` : type === 'sh' ? 'P2SH-P2WPKH' : 'P2WPKH';
  return { ...base, state: 'valid', reason: `legacy signature by ${what}, header ${header} (${convention === 'electrum' ? 'Electrum convention' : 'BIP-137'})`, legacy: { header, convention } };
}
