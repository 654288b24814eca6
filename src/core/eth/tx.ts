/**
 * Ethereum transactions of the three types a custodian meets, encoded with ethers v6:
 *   type 0  legacy, signed per EIP-155 (unsigned form: rlp([nonce, gasPrice, gas, to, value, data, chainId, 0, 0]))
 *   type 1  EIP-2930 access-list tx:  0x01 ‖ rlp([chainId, nonce, gasPrice, gas, to, value, data, accessList])
 *   type 2  EIP-1559 dynamic-fee tx: 0x02 ‖ rlp([chainId, nonce, maxPriorityFee, maxFee, gas, to, value, data, accessList])
 * (EIP-2718 envelope: a first byte 0x00–0x7f is the type, ≥ 0xc0 starts a legacy RLP list.)
 * Decoding is strict: only these types, every field in range, and the bytes must be the
 * canonical re-encoding (no leading zeros, no extra fields), so what is shown is what is signed.
 */
import { Transaction, type TransactionLike } from 'ethers';
import { InputError } from '../errors.js';
import { fromHex, sanitize, toHex } from '../text.js';
import { parseAddress } from './account.js';

export type TxType = 0 | 1 | 2;
export const UINT64_MAX = (1n << 64n) - 1n;
export const UINT256_MAX = (1n << 256n) - 1n;

/** One EIP-2930 access-list entry: an address and the 32-byte storage keys it pre-warms. */
export interface AccessEntry {
  address: string;
  storageKeys: string[];
}

/** All fields of an unsigned transaction (addresses EIP-55, data as bytes). */
export interface TxFields {
  type: TxType;
  chainId: bigint;
  nonce: bigint;
  gasLimit: bigint;
  /** null: contract creation. */
  to: string | null;
  value: bigint;
  data: Uint8Array;
  /** Types 0 and 1. */
  gasPrice?: bigint;
  /** Type 2. */
  maxFeePerGas?: bigint;
  maxPriorityFeePerGas?: bigint;
  /** Types 1 and 2. */
  accessList?: AccessEntry[];
}

/** A signature as it sits in a signed transaction. */
export interface TxSignature {
  r: string;
  s: string;
  yParity: 0 | 1;
  /** The `v` on the wire: chainId·2 + 35 + yParity (EIP-155), 27/28 (pre-155), or yParity (typed). */
  v: bigint;
}

/** A decoded transaction: its fields, the unsigned bytes and, when present, the signature. */
export interface DecodedTx {
  fields: TxFields;
  /** Unsigned payload hex (0x…): what a signer hashes. */
  unsignedHex: string;
  /** keccak256 of the unsigned payload. */
  signingHash: string;
  signed: null | { hex: string; hash: string; from: string; signature: TxSignature };
}

/** EIP-2718 types coldkit knows of but does not build, show or sign. */
export const UNSUPPORTED_TYPES: Readonly<Record<number, string>> = { 3: 'EIP-4844 blob', 4: 'EIP-7702 set-code' };

/** The EIP-2718 type byte a payload starts with (-1 for a legacy RLP list or no hex). */
export function typeByte(hex: string): number {
  const m = /^(?:0x)?([0-9a-fA-F]{2})/.exec(hex.trim());
  const b = m ? parseInt(m[1]!, 16) : -1;
  return b >= 0 && b <= 0x7f ? b : -1;
}

/** Flag names used in error messages when fields come from the command line. */
const FLAG: Record<string, string> = {
  type: '--type',
  chainId: '--chain-id',
  nonce: '--nonce',
  gasLimit: '--gas-limit',
  to: '--to',
  value: '--value',
  data: '--data',
  gasPrice: '--gas-price',
  maxFeePerGas: '--max-fee-per-gas',
  maxPriorityFeePerGas: '--max-priority-fee-per-gas',
  accessList: '--access-list',
};

/** How fields are named in errors: command-line flags, or "<source> <field>" for a decoded file. */
export type FieldNamer = (key: string) => string;
export const flagNamer: FieldNamer = (k) => FLAG[k] ?? k;
export const fileNamer =
  (source: string): FieldNamer =>
  (k) =>
    `${source} ${k}`;

function inRange(v: bigint | undefined, max: bigint, key: string, name: FieldNamer, what: string): void {
  if (v === undefined) return;
  if (v < 0n) throw new InputError('must not be negative', name(key));
  if (v > max) throw new InputError(`${v} overflows ${what} (maximum ${max})`, name(key));
}

/**
 * Check that `f` is a complete, in-range transaction of its type. Missing fee fields, fee fields
 * of another type, a priority fee above the max fee, and uint overflows are input errors.
 */
export function validateFields(f: TxFields, name: FieldNamer = flagNamer): void {
  if (f.type !== 0 && f.type !== 1 && f.type !== 2) {
    throw new InputError(`unknown transaction type ${String(f.type)}; coldkit handles 0 (legacy), 1 (EIP-2930) and 2 (EIP-1559)`, name('type'));
  }
  inRange(f.chainId, UINT64_MAX, 'chainId', name, 'uint64');
  // EIP-2681: the nonce is limited to 2^64-1.
  inRange(f.nonce, UINT64_MAX, 'nonce', name, 'uint64');
  inRange(f.gasLimit, UINT64_MAX, 'gasLimit', name, 'uint64');
  inRange(f.value, UINT256_MAX, 'value', name, 'uint256');
  if (f.type === 2) {
    if (f.maxFeePerGas === undefined) throw new InputError('is required for a type 2 (EIP-1559) transaction', name('maxFeePerGas'));
    if (f.maxPriorityFeePerGas === undefined) throw new InputError('is required for a type 2 (EIP-1559) transaction', name('maxPriorityFeePerGas'));
    if (f.gasPrice !== undefined) throw new InputError('is for types 0 and 1; a type 2 transaction uses the max fee and priority fee', name('gasPrice'));
    inRange(f.maxFeePerGas, UINT256_MAX, 'maxFeePerGas', name, 'uint256');
    inRange(f.maxPriorityFeePerGas, UINT256_MAX, 'maxPriorityFeePerGas', name, 'uint256');
    if (f.maxPriorityFeePerGas > f.maxFeePerGas) {
      throw new InputError(`${f.maxPriorityFeePerGas} wei is above the max fee per gas ${f.maxFeePerGas} wei (EIP-1559 requires priority fee ≤ max fee)`, name('maxPriorityFeePerGas'));
    }
  } else {
    if (f.gasPrice === undefined) throw new InputError(`is required for a type ${f.type} transaction`, name('gasPrice'));
    if (f.maxFeePerGas !== undefined) throw new InputError(`is for type 2 only; a type ${f.type} transaction uses --gas-price`, name('maxFeePerGas'));
    if (f.maxPriorityFeePerGas !== undefined) throw new InputError(`is for type 2 only; a type ${f.type} transaction uses --gas-price`, name('maxPriorityFeePerGas'));
    inRange(f.gasPrice, UINT256_MAX, 'gasPrice', name, 'uint256');
  }
  if (f.type === 0 && f.accessList && f.accessList.length > 0) {
    throw new InputError('a legacy (type 0) transaction has no access list; use --type 1 or 2', name('accessList'));
  }
  const fee = f.type === 2 ? f.maxFeePerGas! : f.gasPrice!;
  if (f.gasLimit * fee > UINT256_MAX) throw new InputError('gas limit × fee per gas overflows uint256', name('gasLimit'));
  if (f.gasLimit * fee + f.value > UINT256_MAX) throw new InputError('gas limit × fee per gas + value overflows uint256', name('value'));
}

/** Parse an access list given as JSON (the JSON-RPC shape `[{address, storageKeys: [...]}]`). */
export function parseAccessList(json: unknown, field: string): AccessEntry[] {
  if (!Array.isArray(json)) throw new InputError('must be a JSON array of {"address", "storageKeys"} objects', field);
  return json.map((e, i) => {
    const at = `${field}[${i}]`;
    if (typeof e !== 'object' || e === null || Array.isArray(e)) throw new InputError('must be an object {"address", "storageKeys"}', at);
    const o = e as Record<string, unknown>;
    for (const k of Object.keys(o)) if (k !== 'address' && k !== 'storageKeys') throw new InputError(`unknown key "${sanitize(k)}"`, at);
    if (typeof o.address !== 'string') throw new InputError('address must be a string', at);
    const keys = o.storageKeys ?? [];
    if (!Array.isArray(keys)) throw new InputError('storageKeys must be an array', at);
    return {
      address: parseAddress(o.address, `${at}.address`),
      storageKeys: keys.map((k, j) => {
        if (typeof k !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(k)) {
          throw new InputError('must be a 32-byte hex storage key (0x + 64 hex digits)', `${at}.storageKeys[${j}]`);
        }
        return k.toLowerCase();
      }),
    };
  });
}

/** The ethers view of the fields (signature not set). */
export function toEthersTx(f: TxFields): Transaction {
  const like: TransactionLike = {
    type: f.type,
    chainId: f.chainId,
    nonce: Number(f.nonce),
    gasLimit: f.gasLimit,
    to: f.to,
    value: f.value,
    data: '0x' + toHex(f.data),
  };
  // ethers keeps the nonce as a JS number; no account will ever reach 2^53.
  if (f.nonce > BigInt(Number.MAX_SAFE_INTEGER)) throw new InputError(`nonce ${f.nonce} is above 2^53-1, which coldkit does not encode`, 'nonce');
  if (f.type === 2) {
    like.maxFeePerGas = f.maxFeePerGas;
    like.maxPriorityFeePerGas = f.maxPriorityFeePerGas;
  } else like.gasPrice = f.gasPrice;
  if (f.type !== 0) like.accessList = f.accessList ?? [];
  return Transaction.from(like);
}

/** Validate and encode an unsigned transaction; returns its 0x hex payload. */
export function buildUnsignedTx(f: TxFields, name: FieldNamer = flagNamer): string {
  validateFields(f, name);
  if (f.type === 0 && f.chainId === 0n) {
    throw new InputError('chain id 0 gives no replay protection; EIP-155 needs the chain id of the target chain', name('chainId'));
  }
  return toEthersTx(f).unsignedSerialized;
}

function fieldsOf(t: Transaction): TxFields {
  const type = t.type as TxType;
  const f: TxFields = {
    type,
    chainId: t.chainId,
    nonce: BigInt(t.nonce),
    gasLimit: t.gasLimit,
    to: t.to === null ? null : parseAddress(t.to, 'to'),
    value: t.value,
    data: fromHex(t.data, 'data'),
  };
  if (type === 2) {
    f.maxFeePerGas = t.maxFeePerGas ?? 0n;
    f.maxPriorityFeePerGas = t.maxPriorityFeePerGas ?? 0n;
  } else f.gasPrice = t.gasPrice ?? 0n;
  if (type !== 0) f.accessList = (t.accessList ?? []).map((e) => ({ address: parseAddress(e.address, 'accessList'), storageKeys: [...e.storageKeys] }));
  return f;
}

/**
 * The largest transaction coldkit decodes: 128 KiB, what Ethereum nodes accept into their pool
 * (geth's txMaxSize, 4 × 32 KiB slots; EIP-3860 caps init code at 48 KiB). Larger input is refused
 * before parsing: ethers took seconds and hundreds of megabytes to reject 10 MB of hex.
 */
export const MAX_TX_BYTES = 128 * 1024;

/**
 * Decode a transaction payload (unsigned or signed) from hex. `source` names the input in errors.
 * Refuses unknown types, malformed RLP, non-canonical encodings and oversize input with an InputError.
 */
export function decodeTx(hex: string, source = 'transaction'): DecodedTx {
  const text = hex.trim();
  const size = Math.floor((text.length - (/^0x/i.test(text) ? 2 : 0)) / 2);
  if (size > MAX_TX_BYTES) throw new InputError(`is ${size} bytes; Ethereum nodes accept transactions up to ${MAX_TX_BYTES} bytes (128 KiB), so no node would take this one`, source);
  if (!/^(0x)?[0-9a-fA-F]*$/.test(text)) throw new InputError('is not hex (expected 0x followed by the transaction bytes in hex)', source);
  const bytes = fromHex(text, source);
  if (bytes.length === 0) throw new InputError('is empty', source);
  const first = bytes[0]!;
  if (first <= 0x7f && first !== 1 && first !== 2) {
    throw new InputError(`unknown transaction type ${first} (EIP-2718 type byte 0x${first.toString(16).padStart(2, '0')}); coldkit handles types 0, 1 and 2`, source);
  }
  if (first > 0x7f && first < 0xc0) throw new InputError('is neither a typed transaction (first byte ≤ 0x7f) nor an RLP list (first byte ≥ 0xc0)', source);
  const canonical = '0x' + toHex(bytes);
  const invalid = (e: unknown) => {
    const msg = (e as { shortMessage?: string }).shortMessage ?? (e as Error).message;
    return new InputError(`is not a valid transaction: ${sanitize(msg).slice(0, 160)}`, source);
  };
  let t: Transaction;
  let reencoded: string;
  try {
    t = Transaction.from(canonical);
    // ethers checks some rules (priority fee ≤ max fee) only when it serializes.
    reencoded = t.signature !== null ? t.serialized : t.unsignedSerialized;
  } catch (e) {
    throw invalid(e);
  }
  const isSigned = t.signature !== null;
  if (!isSigned && t.type === 0 && t.chainId === 0n && reencoded !== canonical) {
    // rlp([…, 0, 0, 0]): the EIP-155 signing form with chain id 0, which EIP-155 does not define.
    throw new InputError('is a legacy transaction with chain id 0 in its EIP-155 fields: no replay protection, so coldkit will not show or sign it as valid; rebuild it with the chain id', source);
  }
  if (reencoded !== canonical) {
    throw new InputError('is not in canonical RLP form (leading zeros, wrong lengths or extra fields); refusing to show one thing and sign another', source);
  }
  const fields = fieldsOf(t);
  validateFields(fields, fileNamer(source));
  const out: DecodedTx = { fields, unsignedHex: t.unsignedSerialized, signingHash: t.unsignedHash, signed: null };
  if (isSigned) {
    const sig = t.signature!;
    const yParity = sig.yParity as 0 | 1;
    const v = fields.type !== 0 ? BigInt(yParity) : fields.chainId === 0n ? BigInt(27 + yParity) : fields.chainId * 2n + 35n + BigInt(yParity);
    let from: string;
    try {
      from = parseAddress(t.from!, 'from');
    } catch (e) {
      throw new InputError(`has a signature that recovers no public key (invalid r/s): ${sanitize((e as Error).message).slice(0, 80)}`, source);
    }
    out.signed = { hex: t.serialized, hash: t.hash!, from, signature: { r: sig.r, s: sig.s, yParity, v } };
  }
  return out;
}
