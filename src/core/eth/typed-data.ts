/**
 * EIP-712 typed structured data as `eth_signTypedData_v4` takes it:
 *   { types: {EIP712Domain: [...], T: [...]}, primaryType: "T", domain: {...}, message: {...} }
 * digest = keccak256(0x19 ‖ 0x01 ‖ hashStruct(EIP712Domain, domain) ‖ hashStruct(primaryType, message)).
 * The file is checked strictly: every struct value must have exactly the fields its type declares.
 */
import { TypedDataEncoder, concat, keccak256, type TypedDataField } from 'ethers';
import { InputError } from '../errors.js';
import { sanitize } from '../text.js';
import { chainName } from './chains.js';
import { parseAddress } from './account.js';
import { UNLIMITED_ALLOWANCE } from './erc20.js';
import { marketplaceOrder, type MarketplaceOrder } from './marketplace.js';

/** Uniswap's Permit2 contract (same address on every chain). */
export const PERMIT2_ADDRESS = '0x000000000022D473030F116dDEE9F6B43aC78BA3';
const PERMIT2_TYPES = new Set(['PermitSingle', 'PermitBatch', 'PermitTransferFrom', 'PermitBatchTransferFrom', 'PermitWitnessTransferFrom', 'PermitBatchWitnessTransferFrom']);
const DOMAIN_FIELDS: Record<string, string> = { name: 'string', version: 'string', chainId: 'uint256', verifyingContract: 'address', salt: 'bytes32' };

export interface TypedData {
  types: Record<string, TypedDataField[]>;
  primaryType: string;
  domain: Record<string, unknown>;
  message: Record<string, unknown>;
}

/** The review of typed data: what it is for, who can act on it, and its digest. */
export interface TypedDataReview {
  domain: { name?: string; version?: string; chainId?: bigint; chainName?: string | null; verifyingContract?: string; salt?: string };
  primaryType: string;
  /** Message fields flattened to "path = value" lines, control characters stripped. */
  messageLines: string[];
  /** Permit (EIP-2612) or Permit2: signing grants a token allowance without a transaction. */
  permit: null | 'EIP-2612 Permit' | 'Permit2';
  /** A permit amount at the maximum (unlimited allowance). */
  unlimited: boolean;
  /** The EIP-712 digest that is signed. */
  digest: string;
  /** A Seaport, Blur or LooksRare order: what it gives and what it receives. */
  order: MarketplaceOrder | null;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Own keys only: "constructor" or "toString" must not find Object.prototype. */
const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** Deepest nesting of structs and arrays accepted (deeper input would exhaust the stack). */
const MAX_NESTING = 64;

/**
 * Most values (struct fields and array elements, counted through every level) accepted: more than
 * any real order or permit holds (a Seaport bulk order of height 10 is ≈ 30 000), and few enough
 * that hashing and reviewing stay within seconds. A 2-million-element array took minutes and 4 GB.
 */
export const MAX_TYPED_VALUES = 100_000;

/** Values still allowed while a document is checked. */
interface Budget {
  left: number;
}

const BASE_TYPE = /^(address|bool|string|bytes|bytes([1-9]|[12][0-9]|3[0-2])|u?int(8|16|24|32|40|48|56|64|72|80|88|96|104|112|120|128|136|144|152|160|168|176|184|192|200|208|216|224|232|240|248|256)?)$/;

/** Parse and check an EIP-712 JSON document (the whole file as text). */
export function parseTypedData(text: string, field = 'typed data'): TypedData {
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch {
    throw new InputError('is not valid JSON', field);
  }
  if (!isObj(j)) throw new InputError('must be a JSON object {types, primaryType, domain, message}', field);
  const { types, primaryType, domain, message } = j;
  if (!isObj(types)) throw new InputError('"types" must be an object of struct definitions', field);
  if (typeof primaryType !== 'string') throw new InputError('"primaryType" must be a string', field);
  if (!isObj(domain)) throw new InputError('"domain" must be an object', field);
  if (!isObj(message)) throw new InputError('"message" must be an object', field);
  for (const [name, fields] of Object.entries(types)) {
    if (!Array.isArray(fields)) throw new InputError(`type ${sanitize(name)} must be an array of {name, type}`, field);
    for (const f of fields) {
      if (!isObj(f) || typeof f.name !== 'string' || typeof f.type !== 'string') throw new InputError(`type ${sanitize(name)} has a field that is not {name, type}`, field);
      const base = f.type.replace(/(\[\d*\])+$/, '');
      if (!BASE_TYPE.test(base) && !has(types, base)) throw new InputError(`type ${sanitize(name)}.${sanitize(f.name)} uses undefined type "${sanitize(f.type)}"`, field);
    }
  }
  if (primaryType === 'EIP712Domain' || !has(types, primaryType)) throw new InputError(`primaryType "${sanitize(primaryType)}" is not defined in types`, field);
  const td: TypedData = { types: types as Record<string, TypedDataField[]>, primaryType, domain, message };
  const budget: Budget = { left: MAX_TYPED_VALUES };
  const domainDecl = td.types.EIP712Domain;
  if (domainDecl) {
    checkStruct(td.types, 'EIP712Domain', domain, 'domain', field, 0, budget);
  } else {
    for (const k of Object.keys(domain)) if (!has(DOMAIN_FIELDS, k)) throw new InputError(`domain has unknown field "${sanitize(k)}"`, field);
  }
  checkStruct(td.types, primaryType, message, 'message', field, 0, budget);
  typedDataDigest(td, field); // throws when a value does not fit its type
  return td;
}

function checkStruct(types: Record<string, TypedDataField[]>, name: string, value: unknown, path: string, field: string, depth: number, budget: Budget): void {
  if (depth > MAX_NESTING) throw new InputError(`${sanitize(path)} is nested deeper than ${MAX_NESTING} levels`, field);
  if (!isObj(value)) throw new InputError(`${path} must be an object of type ${sanitize(name)}`, field);
  const decl = types[name]!;
  const declared = new Set(decl.map((f) => f.name));
  for (const k of Object.keys(value)) if (!declared.has(k)) throw new InputError(`${path}.${sanitize(k)} is not a field of type ${sanitize(name)}`, field);
  for (const f of decl) {
    if (!has(value, f.name)) throw new InputError(`${path}.${sanitize(f.name)} (${sanitize(f.type)}) is missing`, field);
    checkValue(types, f.type, value[f.name], `${path}.${f.name}`, field, depth + 1, budget);
  }
}

function checkValue(types: Record<string, TypedDataField[]>, type: string, value: unknown, path: string, field: string, depth: number, budget: Budget): void {
  if (depth > MAX_NESTING) throw new InputError(`${sanitize(path)} is nested deeper than ${MAX_NESTING} levels`, field);
  if (--budget.left < 0) throw new InputError(`holds more than ${MAX_TYPED_VALUES} values (at ${sanitize(path)}); no signer can review that much — refuse it, or ask the requester what it is`, field);
  const arr = /^(.*)\[(\d*)\]$/.exec(type);
  if (arr) {
    if (!Array.isArray(value)) throw new InputError(`${sanitize(path)} must be an array (${sanitize(type)})`, field);
    if (arr[2] !== '' && value.length !== Number(arr[2])) throw new InputError(`${sanitize(path)} must have ${arr[2]} elements`, field);
    if (value.length > budget.left) throw new InputError(`${sanitize(path)} has ${value.length} elements; more than ${MAX_TYPED_VALUES} values in all — no signer can review that much`, field);
    value.forEach((v, i) => checkValue(types, arr[1]!, v, `${path}[${i}]`, field, depth + 1, budget));
  } else if (has(types, type)) checkStruct(types, type, value, path, field, depth, budget);
  else checkAtom(type, value, path, field);
}

/** An integer as JSON may carry it: a safe number, a decimal string or a 0x hex string. */
function integer(v: unknown): bigint | null {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? BigInt(v) : null;
  if (typeof v !== 'string') return null;
  const t = v.trim();
  if (/^-?\d+$/.test(t)) return BigInt(t);
  if (/^0x[0-9a-fA-F]+$/.test(t)) return BigInt(t);
  return null;
}

/** Check one atomic value against its EIP-712 type, naming the path and the type on error. */
function checkAtom(type: string, value: unknown, path: string, field: string): void {
  const at = `${sanitize(path)} (${type})`;
  const bad = (why: string) => new InputError(`${at} ${why}`, field);
  const int = /^(u?)int(\d*)$/.exec(type);
  if (int) {
    const v = integer(value);
    if (v === null) throw bad('must be an integer: a JSON number, a decimal string or a 0x hex string');
    const bits = BigInt(int[2] || '256');
    const [lo, hi] = int[1] ? [0n, (1n << bits) - 1n] : [-(1n << (bits - 1n)), (1n << (bits - 1n)) - 1n];
    if (v < lo || v > hi) throw bad(`is out of range (${lo} to ${hi})`);
  } else if (type === 'address') {
    if (typeof value !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(value)) throw bad('must be 0x followed by 40 hex digits');
  } else if (type === 'bool') {
    if (typeof value !== 'boolean') throw bad('must be true or false');
  } else if (type === 'string') {
    if (typeof value !== 'string') throw bad('must be a string');
  } else {
    const n = /^bytes(\d*)$/.exec(type)!;
    if (typeof value !== 'string' || !/^0x([0-9a-fA-F]{2})*$/.test(value)) throw bad('must be 0x followed by an even number of hex digits');
    if (n[1] && value.length !== 2 + 2 * Number(n[1])) throw bad(`must be exactly ${n[1]} bytes`);
  }
}

/** Only the types reachable from `root` (eth_signTypedData_v4 ignores the rest). */
function reachable(types: Record<string, TypedDataField[]>, root: string): Record<string, TypedDataField[]> {
  const out: Record<string, TypedDataField[]> = {};
  const visit = (n: string) => {
    if (has(out, n) || !has(types, n)) return;
    out[n] = types[n]!;
    for (const f of types[n]!) visit(f.type.replace(/(\[\d*\])+$/, ''));
  };
  visit(root);
  return out;
}

/** The EIP-712 digest, with the domain hashed by its declared EIP712Domain type when present. */
export function typedDataDigest(td: TypedData, field = 'typed data'): string {
  try {
    const domainSep = td.types.EIP712Domain
      ? new TypedDataEncoder({ EIP712Domain: td.types.EIP712Domain }).hashStruct('EIP712Domain', td.domain)
      : TypedDataEncoder.hashDomain(td.domain);
    const msgHash = new TypedDataEncoder(reachable(td.types, td.primaryType)).hashStruct(td.primaryType, td.message);
    return keccak256(concat(['0x1901', domainSep, msgHash]));
  } catch (e) {
    const msg = (e as { shortMessage?: string }).shortMessage ?? (e as Error).message;
    throw new InputError(`does not match its types: ${sanitize(msg).slice(0, 200)}`, field);
  }
}

/**
 * Every field as a "path = value" line, in declared order. An empty array is a line of its own,
 * `path = [] (Type[])`: an order whose consideration is empty must show that it is empty.
 */
function flatten(types: Record<string, TypedDataField[]>, type: string, v: unknown, path: string, out: string[]): void {
  const arr = /^(.*)\[(\d*)\]$/.exec(type);
  if (arr && Array.isArray(v)) {
    if (v.length === 0) out.push(`${sanitize(path)} = [] (${sanitize(type)}, empty)`);
    v.forEach((x, i) => flatten(types, arr[1]!, x, `${path}[${i}]`, out));
  } else if (has(types, type) && isObj(v)) {
    const fields = types[type]!;
    if (fields.length === 0) out.push(`${sanitize(path)} = {} (${sanitize(type)}, no fields)`);
    for (const f of fields) flatten(types, f.type, v[f.name], path ? `${path}.${f.name}` : f.name, out);
  } else out.push(`${sanitize(path)} = ${sanitize(String(v))}`);
}

function big(v: unknown): bigint | null {
  try {
    return typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint' ? BigInt(v) : null;
  } catch {
    return null;
  }
}

/** Build the review of checked typed data. */
export function reviewTypedData(td: TypedData): TypedDataReview {
  const d = td.domain;
  const domain: TypedDataReview['domain'] = {};
  if (d.name !== undefined) domain.name = sanitize(String(d.name));
  if (d.version !== undefined) domain.version = sanitize(String(d.version));
  if (d.chainId !== undefined) {
    domain.chainId = big(d.chainId) ?? undefined;
    if (domain.chainId !== undefined) domain.chainName = chainName(domain.chainId);
  }
  if (typeof d.verifyingContract === 'string') domain.verifyingContract = parseAddress(d.verifyingContract, 'domain.verifyingContract');
  if (d.salt !== undefined) domain.salt = sanitize(String(d.salt));
  const messageLines: string[] = [];
  flatten(td.types, td.primaryType, td.message, '', messageLines);
  let permit: TypedDataReview['permit'] = null;
  if (domain.verifyingContract === PERMIT2_ADDRESS || PERMIT2_TYPES.has(td.primaryType)) permit = 'Permit2';
  else if (td.primaryType === 'Permit') permit = 'EIP-2612 Permit';
  let unlimited = false;
  if (permit) {
    const amounts: bigint[] = [];
    const collect = (v: unknown, key: string) => {
      if (Array.isArray(v)) v.forEach((x) => collect(x, key));
      else if (isObj(v)) for (const [k, x] of Object.entries(v)) collect(x, k);
      else if (key === 'value' || key === 'amount') {
        const b = big(v);
        if (b !== null) amounts.push(b);
      }
    };
    collect(td.message, '');
    // EIP-2612 allowances are uint256 (unlimited from 2^200, as for approve); Permit2 amounts are
    // uint160, so near its maximum 2^160-1 means from 2^150. DAI's Permit(holder, spender, nonce,
    // expiry, allowed) grants an unlimited allowance whenever allowed is true.
    const limit = permit === 'Permit2' ? 1n << 150n : UNLIMITED_ALLOWANCE;
    const daiAllowed = permit === 'EIP-2612 Permit' && isObj(td.message) && (td.message['allowed'] === true || td.message['allowed'] === 'true');
    unlimited = daiAllowed || amounts.some((a) => a >= limit);
  }
  return { domain, primaryType: sanitize(td.primaryType), messageLines, permit, unlimited, digest: typedDataDigest(td), order: marketplaceOrder(td) };
}
