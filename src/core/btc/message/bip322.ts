/**
 * BIP-322 generic signed messages (version 2.0.0 of the BIP): signing for the single-key script
 * types coldkit derives, verification of SIMPLE and FULL signatures.
 *
 * - SIMPLE ("smp" prefix): the witness stack of to_sign, for native segwit addresses (P2WPKH,
 *   P2WSH, P2TR) with nVersion, nSequence and nLockTime left at 0.
 * - FULL ("ful" prefix): the whole signed to_sign transaction; any script type, and the only
 *   way for P2PKH and P2SH-P2WPKH. nVersion / nLockTime / nSequence may be set (time locks); a
 *   verifier reports "valid at time T and age S".
 * - Proof of funds ("pof", a finalized PSBT with more inputs) is reported inconclusive here.
 *
 * "Signers MUST prefix the signature with the variant that was used"; "a verifier might assume
 * the simple variant in the absence of a prefix", which is what wallets made before the prefix
 * (2026) produce. coldkit signs with the prefix unless asked not to, and reads both.
 */
import { base64 } from '@scure/base';
import { InputError, RuntimeFailure } from '../../errors.js';
import { outputFor } from './output.js';
import type { TemplateName as ScriptType } from '../../wallet/template.js';
import { toHex } from '../../text.js';
import { equalBytes } from '../../bytes.js';
import { hash160, p2wpkhScript, p2wpkhScriptCode } from './output.js';
import type { BtcNetwork } from '../../network.js';
import { ecdsaSignLowR, publicKey, schnorrSign, taprootTweak } from '../../secp.js';
import { SIGHASH_ALL, SIGHASH_DEFAULT, SighashCache } from '../sighash.js';
import { type MessageAddress, decodeMessageAddress } from './address.js';
import {
  OP_RETURN_SCRIPT,
  type ToSignFields,
  type VirtualTx,
  bip322MessageHash,
  decodeTx,
  decodeWitness,
  encodeTx,
  encodeWitness,
  toSign,
  toSpend,
  txid,
} from './bip322-tx.js';
import { type SpendShape, checkSpend } from './spend-check.js';

/** The BIP-322 signature variants. */
export type Bip322Format = 'simple' | 'full';

/** The variant prefixes of BIP-322 2.0.0. */
export const BIP322_PREFIX = { simple: 'smp', full: 'ful', proofOfFunds: 'pof' } as const;

/** How to sign. */
export interface Bip322SignOptions {
  scriptType: ScriptType;
  net: BtcNetwork;
  /** Default: simple for P2WPKH and P2TR, full for P2PKH and P2SH-P2WPKH (which cannot be simple). */
  format?: Bip322Format;
  /** FULL only: nVersion (0 or 2), nLockTime and the input's nSequence. */
  toSign?: ToSignFields;
  /** Write the "smp"/"ful" prefix (default true; false for wallets that predate it). */
  prefix?: boolean;
  /** BIP340 aux_rand for P2TR (default 32 zero bytes: reproducible signatures). */
  auxRand?: Uint8Array;
}

/** A signature with the public facts a review or a journal records. */
export interface Bip322Signature {
  address: string;
  scriptType: ScriptType;
  format: Bip322Format;
  signature: string;
  messageHash: string;
  toSpendTxid: string;
  toSignTxid: string;
}

/** The result of verifying a message signature (BIP-322's three states). */
export interface MessageVerification {
  state: 'valid' | 'invalid' | 'inconclusive';
  format: 'legacy' | 'simple' | 'full' | 'proof-of-funds' | 'unknown';
  address: string;
  network: string;
  /** One line: what was proven, or why not. Never contains secret material (there is none here). */
  reason: string;
  /** The output (and script) the signature satisfied. */
  shape?: SpendShape;
  /** FULL: "valid at time T and age S" when to_sign sets nLockTime / nSequence. */
  timeLock?: { lockTime: number; sequence: number };
  /** Whether the BIP-322 variant prefix was present. */
  prefixed?: boolean;
  /** Legacy signatures: the header byte and whose convention it follows. */
  legacy?: { header: number; convention: 'bip137' | 'electrum' };
}

const SIMPLE_TYPES: readonly ScriptType[] = ['wpkh', 'tr'];
const AUX_ZERO = new Uint8Array(32);

/** Build and sign to_sign for `message` with `priv` under one script type. */
export function signBip322(message: Uint8Array, priv: Uint8Array, opts: Bip322SignOptions): Bip322Signature {
  const { scriptType, net } = opts;
  const format = opts.format ?? (SIMPLE_TYPES.includes(scriptType) ? 'simple' : 'full');
  const fields = opts.toSign ?? {};
  if (format === 'simple') {
    if (!SIMPLE_TYPES.includes(scriptType)) throw new InputError(`a ${scriptType} address cannot use the simple format; BIP-322 allows it for native segwit only (use full)`, 'format');
    if (fields.version || fields.lockTime || fields.sequence) throw new InputError('the simple format leaves nVersion, nLockTime and nSequence at 0 (use full for time locks)', 'format');
  }
  if (fields.version !== undefined && fields.version !== 0 && fields.version !== 2) throw new InputError('to_sign nVersion must be 0 or 2', 'version');
  const pub = publicKey(priv);
  const out = outputFor(scriptType, pub, net);
  const spendTx = toSpend(message, out.script);
  const tx = toSign(spendTx, fields);
  const input = tx.inputs[0]!;
  const cache = new SighashCache({ version: tx.version, lockTime: tx.lockTime, inputs: [input], outputs: tx.outputs });
  const withType = (der: Uint8Array): Uint8Array => Uint8Array.of(...der, SIGHASH_ALL);
  if (scriptType === 'tr') {
    const { tweakedPriv } = taprootTweak(priv);
    const digest = cache.bip341(0, [spendTx.outputs[0]!], SIGHASH_DEFAULT);
    input.witness = [schnorrSign(digest, tweakedPriv, opts.auxRand ?? AUX_ZERO)];
  } else if (scriptType === 'pkh') {
    const sig = withType(ecdsaSignLowR(cache.legacy(0, out.script, SIGHASH_ALL), priv));
    input.scriptSig = Uint8Array.of(sig.length, ...sig, pub.length, ...pub);
  } else {
    const keyHash = hash160(pub);
    const sig = withType(ecdsaSignLowR(cache.bip143(0, p2wpkhScriptCode(keyHash), 0n, SIGHASH_ALL), priv));
    input.witness = [sig, pub];
    if (scriptType === 'sh-wpkh') input.scriptSig = Uint8Array.of(22, ...p2wpkhScript(pub));
  }
  const prefix = opts.prefix ?? true;
  const body = format === 'simple' ? encodeWitness(input.witness) : encodeTx(tx);
  const signature = (prefix ? BIP322_PREFIX[format] : '') + base64.encode(body);
  // Sign, then verify what was made: a signature that does not verify is never handed out.
  const check = verifyBip322(message, out.address, signature, net);
  if (check.state !== 'valid') throw new RuntimeFailure(`self-check failed: the BIP-322 signature just made does not verify (${check.reason}); nothing was output`);
  return {
    address: out.address,
    scriptType,
    format,
    signature,
    messageHash: toHex(bip322MessageHash(message)),
    toSpendTxid: toHex(txid(spendTx)),
    toSignTxid: toHex(txid(tx)),
  };
}

type Decoded = { format: 'simple'; witness: Uint8Array[] } | { format: 'full'; tx: VirtualTx } | { format: 'proof-of-funds' };

function decodeBody(text: string): { decoded?: Decoded; prefixed: boolean; error?: string } {
  const t = text.trim();
  const prefix = t.slice(0, 3);
  const prefixed = prefix === BIP322_PREFIX.simple || prefix === BIP322_PREFIX.full || prefix === BIP322_PREFIX.proofOfFunds;
  let bytes: Uint8Array;
  try {
    bytes = base64.decode(prefixed ? t.slice(3) : t);
  } catch {
    return { prefixed, error: 'the signature is not valid base64 (after its variant prefix, if any)' };
  }
  if (bytes.length === 0) return { prefixed, error: 'the signature is empty' };
  const asWitness = (): Decoded | undefined => {
    try {
      return { format: 'simple', witness: decodeWitness(bytes) };
    } catch {
      return undefined;
    }
  };
  const asTx = (): Decoded | undefined => {
    try {
      return { format: 'full', tx: decodeTx(bytes) };
    } catch {
      return undefined;
    }
  };
  if (prefix === BIP322_PREFIX.proofOfFunds) return { prefixed, decoded: { format: 'proof-of-funds' } };
  if (prefix === BIP322_PREFIX.simple) {
    const d = asWitness();
    return d ? { prefixed, decoded: d } : { prefixed, error: 'the simple signature is not a witness stack' };
  }
  if (prefix === BIP322_PREFIX.full) {
    const d = asTx();
    return d ? { prefixed, decoded: d } : { prefixed, error: 'the full signature is not a transaction' };
  }
  const d = asWitness() ?? asTx();
  return d ? { prefixed, decoded: d } : { prefixed, error: 'the signature is neither a witness stack nor a transaction' };
}

/**
 * Verify a BIP-322 signature of `message` by `address` (network from `net`, else recognised from
 * the address). Bad signatures are reported, never thrown; an invalid address throws InputError.
 */
export function verifyBip322(message: Uint8Array, address: string | MessageAddress, signature: string, net?: BtcNetwork): MessageVerification {
  const addr = typeof address === 'string' ? decodeMessageAddress(address, net) : address;
  const base = { address: addr.address, network: addr.net.name };
  const { decoded, prefixed, error } = decodeBody(signature);
  if (!decoded) return { ...base, state: 'invalid', format: 'unknown', prefixed, reason: error ?? 'unreadable signature' };
  if (decoded.format === 'proof-of-funds') {
    return { ...base, state: 'inconclusive', format: 'proof-of-funds', prefixed, reason: 'proof-of-funds signatures (pof) are not checked by this version' };
  }
  const spendTx = toSpend(message, addr.script);
  const spendId = txid(spendTx);
  let tx: VirtualTx;
  if (decoded.format === 'simple') {
    tx = toSign(spendTx);
    tx.inputs[0]!.witness = decoded.witness;
  } else {
    tx = decoded.tx;
    const first = tx.inputs[0];
    const fail = (reason: string, state: 'invalid' | 'inconclusive' = 'invalid'): MessageVerification => ({ ...base, state, format: 'full', prefixed, reason });
    if (!first) return fail('to_sign has no input');
    if (!equalBytes(first.txid, spendId) || first.index !== 0) return fail('to_sign does not spend the to_spend of this message and address (wrong message or address)');
    if (tx.inputs.length > 1) return prefixed ? fail('a full signature has one input; more inputs make it a proof of funds (pof)') : fail('more inputs than one: a proof of funds, which this version does not check', 'inconclusive');
    if (tx.outputs.length !== 1 || tx.outputs[0]!.amount !== 0n || !equalBytes(tx.outputs[0]!.script, OP_RETURN_SCRIPT)) return fail('to_sign must have exactly one output, of value 0, paying OP_RETURN');
    if (tx.version !== 0 && tx.version !== 2) return fail(`to_sign nVersion ${tx.version} is neither 0 nor 2 (BIP-322 upgradeable rule)`, 'inconclusive');
  }
  const r = checkSpend(tx, spendTx.outputs[0]!);
  const first = tx.inputs[0]!;
  const timeLock = decoded.format === 'full' && (tx.lockTime !== 0 || first.sequence !== 0) ? { lockTime: tx.lockTime, sequence: first.sequence } : undefined;
  if (r.state !== 'valid') return { ...base, state: r.state, format: decoded.format, prefixed, reason: r.reason, ...(r.shape ? { shape: r.shape } : {}) };
  const what = r.shape.script ? `${r.shape.output} (${r.shape.script})` : r.shape.output;
  const when = timeLock ? `; valid at time ${timeLock.lockTime} and age ${timeLock.sequence}` : '';
  return { ...base, state: 'valid', format: decoded.format, prefixed, shape: r.shape, reason: `${decoded.format} BIP-322 signature by ${what}${when}`, ...(timeLock ? { timeLock } : {}) };
}
