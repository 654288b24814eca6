/**
 * The Safe transaction file coldkit writes and reads (format `coldkit-safe-tx`, version 1), and
 * the two foreign shapes it accepts: the Safe Transaction Service's JSON for a pending transaction
 * (as users copy it from the service or Safe{Wallet}) and EIP-712 typed data of a SafeTx.
 *
 *   { "format": "coldkit-safe-tx", "version": 1, "safe": "0x…", "chainId": "1", "safeVersion": "1.4.1",
 *     "tx": { "to", "value", "data", "operation", "safeTxGas", "baseGas", "gasPrice", "gasToken",
 *             "refundReceiver", "nonce" },
 *     "owners": ["0x…"]?, "threshold": 2?, "currentNonce": "7"?,
 *     "hashes": { "domainHash", "messageHash", "safeTxHash" },
 *     "signatures": ["0x<130 hex>"]? }
 *
 * Hashes in any input are claims: coldkit recomputes them from the fields and refuses a mismatch.
 * Integers are decimal strings (JSON numbers up to 2^53 are accepted on input).
 */
import { InputError } from '../../errors.js';
import { fromHex, sanitize, toHex } from '../../text.js';
import { parseAddress } from '../account.js';
import { safeHashes, type Operation, type SafeHashes, type SafeTx } from './hash.js';
import { UNKNOWN_VERSION_SHAPE, normalizeVersion, versionShape, type SafeVersionShape } from './versions.js';

export const SAFE_TX_FORMAT = 'coldkit-safe-tx';

/** A Safe transaction with where it applies and what is known about the Safe. */
export interface SafeTxDoc {
  safe: string;
  chainId: bigint;
  safeVersion: string;
  tx: SafeTx;
  owners?: string[];
  threshold?: number;
  currentNonce?: bigint;
  signatures?: string[];
}

/** A document with its version's shape and recomputed hashes; `claimed` is a hash the input asserted. */
export interface LoadedSafeTx {
  doc: SafeTxDoc;
  shape: SafeVersionShape;
  versionKnown: boolean;
  hashes: SafeHashes;
  claimed?: { safeTxHash: string; source: string };
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const ZERO = '0x0000000000000000000000000000000000000000';
const UINT256_MAX = (1n << 256n) - 1n;

/** An unsigned integer as JSON carries it (decimal string, 0x hex string or safe number). */
export function uintField(v: unknown, field: string, max = UINT256_MAX): bigint {
  let n: bigint | null = null;
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) n = BigInt(v);
  else if (typeof v === 'string' && /^(0|[1-9]\d*)$/.test(v.trim())) n = BigInt(v.trim());
  else if (typeof v === 'string' && /^0x[0-9a-fA-F]+$/.test(v.trim())) n = BigInt(v.trim());
  if (n === null) throw new InputError(`must be an unsigned integer (decimal string), got ${sanitize(JSON.stringify(v) ?? 'nothing').slice(0, 40)}`, field);
  if (n > max) throw new InputError(`is out of range (at most ${max})`, field);
  return n;
}

function addressField(v: unknown, field: string): string {
  if (typeof v !== 'string') throw new InputError('must be an address string', field);
  return parseAddress(v, field);
}

function bytesField(v: unknown, field: string): Uint8Array {
  if (v === null || v === undefined || v === '' || v === '0x') return new Uint8Array();
  if (typeof v !== 'string' || !/^0x([0-9a-fA-F]{2})*$/.test(v.trim())) throw new InputError('must be 0x followed by an even number of hex digits', field);
  return fromHex(v.trim().slice(2), field);
}

function operationField(v: unknown, field: string): Operation {
  const n = uintField(v, field, 255n);
  if (n !== 0n && n !== 1n) throw new InputError(`must be 0 (CALL) or 1 (DELEGATECALL), got ${n}`, field);
  return Number(n) as Operation;
}

/** The ten SafeTx fields from an object (the service's, ours, or a typed-data message). */
export function safeTxFields(o: Record<string, unknown>, prefix: string, gasField: 'baseGas' | 'dataGas' = 'baseGas'): SafeTx {
  const f = (k: string) => `${prefix}${k}`;
  return {
    to: addressField(o.to, f('to')),
    value: uintField(o.value ?? '0', f('value')),
    data: bytesField(o.data, f('data')),
    operation: operationField(o.operation ?? 0, f('operation')),
    safeTxGas: uintField(o.safeTxGas ?? '0', f('safeTxGas')),
    baseGas: uintField(o[gasField] ?? '0', f(gasField)),
    gasPrice: uintField(o.gasPrice ?? '0', f('gasPrice')),
    gasToken: o.gasToken === null || o.gasToken === undefined ? ZERO : addressField(o.gasToken, f('gasToken')),
    refundReceiver: o.refundReceiver === null || o.refundReceiver === undefined ? ZERO : addressField(o.refundReceiver, f('refundReceiver')),
    nonce: uintField(o.nonce, f('nonce')),
  };
}

/** Load a document: resolve the version's shape and recompute the hashes. */
export function loadDoc(doc: SafeTxDoc, claimed?: LoadedSafeTx['claimed']): LoadedSafeTx {
  const known = versionShape(doc.safeVersion);
  const shape = known ?? UNKNOWN_VERSION_SHAPE;
  const hashes = safeHashes(shape, doc.chainId, doc.safe, doc.tx);
  return { doc, shape, versionKnown: known !== null, hashes, ...(claimed ? { claimed } : {}) };
}

const FILE_KEYS = new Set(['format', 'version', 'safe', 'chainId', 'safeVersion', 'tx', 'owners', 'threshold', 'currentNonce', 'hashes', 'signatures']);
const TX_KEYS = new Set(['to', 'value', 'data', 'operation', 'safeTxGas', 'baseGas', 'gasPrice', 'gasToken', 'refundReceiver', 'nonce']);

/** Parse a `coldkit-safe-tx` file (strict: unknown keys are refused). */
export function parseSafeTxFile(text: string, field = 'Safe transaction file'): LoadedSafeTx {
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch {
    throw new InputError('is not valid JSON', field);
  }
  if (!isObj(j) || j.format !== SAFE_TX_FORMAT) throw new InputError(`is not a ${SAFE_TX_FORMAT} file (use \`eth safe tx import\` for the transaction service's JSON)`, field);
  if (j.version !== 1) throw new InputError(`has format version ${sanitize(String(j.version))}; this coldkit reads version 1`, field);
  for (const k of Object.keys(j)) if (!FILE_KEYS.has(k)) throw new InputError(`has unknown key "${sanitize(k).slice(0, 40)}"`, field);
  if (!isObj(j.tx)) throw new InputError('"tx" must be an object of the SafeTx fields', field);
  for (const k of Object.keys(j.tx)) if (!TX_KEYS.has(k)) throw new InputError(`tx has unknown key "${sanitize(k).slice(0, 40)}"`, field);
  for (const k of TX_KEYS) if (!(k in j.tx)) throw new InputError(`tx.${k} is missing`, field);
  if (typeof j.safeVersion !== 'string' || !/^[0-9A-Za-z.+-]{1,20}$/.test(j.safeVersion)) throw new InputError('"safeVersion" must be a version string such as "1.4.1"', field);
  const doc: SafeTxDoc = {
    safe: addressField(j.safe, 'safe'),
    chainId: uintField(j.chainId, 'chainId', (1n << 64n) - 1n),
    safeVersion: normalizeVersion(j.safeVersion),
    tx: safeTxFields(j.tx, 'tx.'),
  };
  if (j.owners !== undefined) {
    if (!Array.isArray(j.owners) || j.owners.length === 0) throw new InputError('"owners" must be a non-empty array of addresses', field);
    doc.owners = j.owners.map((o, i) => addressField(o, `owners[${i}]`));
  }
  if (j.threshold !== undefined) {
    const t = uintField(j.threshold, 'threshold', 1000n);
    if (t === 0n || (doc.owners && t > BigInt(doc.owners.length))) throw new InputError(`is ${t}, which no owner set of ${doc.owners?.length ?? '?'} allows`, 'threshold');
    doc.threshold = Number(t);
  }
  if (j.currentNonce !== undefined) doc.currentNonce = uintField(j.currentNonce, 'currentNonce');
  if (j.signatures !== undefined) {
    if (!Array.isArray(j.signatures) || !j.signatures.every((s) => typeof s === 'string')) throw new InputError('"signatures" must be an array of 0x hex strings', field);
    doc.signatures = j.signatures as string[];
  }
  let claimed: LoadedSafeTx['claimed'];
  if (j.hashes !== undefined) {
    if (!isObj(j.hashes) || typeof j.hashes.safeTxHash !== 'string') throw new InputError('"hashes.safeTxHash" must be a 0x hex string', field);
    claimed = { safeTxHash: j.hashes.safeTxHash.toLowerCase(), source: 'the file' };
  }
  return loadDoc(doc, claimed);
}

/** The file's JSON object for a loaded document (hashes recomputed, never copied). */
export function safeTxFileJson(l: LoadedSafeTx): Record<string, unknown> {
  const d = l.doc;
  const t = d.tx;
  return {
    format: SAFE_TX_FORMAT,
    version: 1,
    safe: d.safe,
    chainId: d.chainId.toString(),
    safeVersion: d.safeVersion,
    tx: {
      to: t.to,
      value: t.value.toString(),
      data: '0x' + toHex(t.data),
      operation: t.operation,
      safeTxGas: t.safeTxGas.toString(),
      baseGas: t.baseGas.toString(),
      gasPrice: t.gasPrice.toString(),
      gasToken: t.gasToken,
      refundReceiver: t.refundReceiver,
      nonce: t.nonce.toString(),
    },
    ...(d.owners ? { owners: d.owners } : {}),
    ...(d.threshold !== undefined ? { threshold: d.threshold } : {}),
    ...(d.currentNonce !== undefined ? { currentNonce: d.currentNonce.toString() } : {}),
    hashes: l.hashes,
    ...(d.signatures?.length ? { signatures: d.signatures } : {}),
  };
}

/**
 * The Safe Transaction Service's JSON for one pending multisig transaction (the object of
 * `/api/v1/multisig-transactions/<safeTxHash>/`, or one element of a Safe's list). It names the
 * Safe and carries the SafeTx fields and `safeTxHash`, but not the chain or the Safe's version:
 * those come from the operator. Confirmations' signatures are kept (verified later by recovery).
 */
export function parseServiceJson(text: string, chainId: bigint, safeVersion: string, field = 'transaction service JSON'): LoadedSafeTx {
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch {
    throw new InputError('is not valid JSON', field);
  }
  if (isObj(j) && Array.isArray(j.results)) {
    if (j.results.length !== 1) throw new InputError(`holds ${j.results.length} transactions; give the one to sign (several with one nonce: only one can execute)`, field);
    j = j.results[0];
  }
  if (!isObj(j)) throw new InputError('must be a JSON object of one multisig transaction', field);
  if (typeof j.safeTxHash !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(j.safeTxHash)) throw new InputError('has no "safeTxHash" (0x + 64 hex digits): is it a multisig transaction from the service?', field);
  const doc: SafeTxDoc = { safe: addressField(j.safe, 'safe'), chainId, safeVersion: normalizeVersion(safeVersion), tx: safeTxFields(j, '') };
  const sigs = Array.isArray(j.confirmations) ? j.confirmations.filter(isObj).map((c) => c.signature).filter((s): s is string => typeof s === 'string') : [];
  if (sigs.length) doc.signatures = sigs;
  return loadDoc(doc, { safeTxHash: j.safeTxHash.toLowerCase(), source: 'the transaction service JSON' });
}

/**
 * A SafeTx from EIP-712 typed data (a wallet's eth_signTypedData_v4 request or an EIP-4527 sign
 * request with data type 2): the version family follows from the domain (chainId present: ≥ 1.3.0)
 * and the gas field (dataGas: 0.1.0). Null when the typed data is not a SafeTx.
 */
export function safeTxFromTypedData(td: { primaryType: string; domain: Record<string, unknown>; message: Record<string, unknown>; types: Record<string, { name: string }[]> }): LoadedSafeTx | null {
  if (td.primaryType !== 'SafeTx') return null;
  const gasField = td.types.SafeTx?.some((f) => f.name === 'dataGas') ? 'dataGas' : 'baseGas';
  const hasChain = td.domain.chainId !== undefined;
  const safeVersion = gasField === 'dataGas' ? '0.1.0' : hasChain ? '1.3.0' : '1.1.1';
  const chainId = hasChain ? uintField(td.domain.chainId, 'domain.chainId') : 0n;
  const doc: SafeTxDoc = { safe: addressField(td.domain.verifyingContract, 'domain.verifyingContract'), chainId, safeVersion, tx: safeTxFields(td.message, 'message.', gasField) };
  return loadDoc(doc);
}
