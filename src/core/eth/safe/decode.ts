/**
 * What a Safe transaction does: its inner call decoded — a plain ETH transfer, an ERC-20 call, a
 * Safe administration call (owners, threshold, modules, guard, fallback handler, upgrade), an
 * `approveHash`, or a MultiSend batch decoded call by call (recursively). Decoding is strict: the
 * calldata must re-encode to exactly the same bytes, otherwise it is shown as unknown raw hex.
 *
 * MultiSend's packed format (contracts/libraries/MultiSend.sol): one record per call,
 *   operation uint8 ‖ to address (20 bytes) ‖ value uint256 ‖ data length uint256 ‖ data,
 * wrapped as `multiSend(bytes transactions)` (selector 0x8d80ff0a).
 */
import { Interface, getAddress, type Result } from 'ethers';
import { fromHex, sanitize, toHex } from '../../text.js';
import { decodeErc20Call, type Erc20Call } from '../erc20.js';
import type { Operation } from './hash.js';

/** The Safe's own administration methods (Safe.sol, OwnerManager, ModuleManager, GuardManager, FallbackManager). */
export const SAFE_ADMIN_ABI = [
  'function addOwnerWithThreshold(address owner, uint256 _threshold)',
  'function removeOwner(address prevOwner, address owner, uint256 _threshold)',
  'function swapOwner(address prevOwner, address oldOwner, address newOwner)',
  'function changeThreshold(uint256 _threshold)',
  'function enableModule(address module)',
  'function disableModule(address prevModule, address module)',
  'function setGuard(address guard)',
  'function setModuleGuard(address moduleGuard)',
  'function setFallbackHandler(address handler)',
  'function changeMasterCopy(address _masterCopy)',
  'function setup(address[] _owners, uint256 _threshold, address to, bytes data, address fallbackHandler, address paymentToken, uint256 payment, address paymentReceiver)',
  'function approveHash(bytes32 hashToApprove)',
  'function execTransaction(address to, uint256 value, bytes data, uint8 operation, uint256 safeTxGas, uint256 baseGas, uint256 gasPrice, address gasToken, address refundReceiver, bytes signatures)',
  'function multiSend(bytes transactions)',
] as const;

/** Which class of Safe administration a method belongs to (each has its own finding). */
export const ADMIN_CLASS: Readonly<Record<string, 'owners' | 'modules' | 'guard' | 'fallback-handler' | 'upgrade'>> = {
  addOwnerWithThreshold: 'owners',
  removeOwner: 'owners',
  swapOwner: 'owners',
  changeThreshold: 'owners',
  setup: 'owners',
  enableModule: 'modules',
  disableModule: 'modules',
  setGuard: 'guard',
  setModuleGuard: 'guard',
  setFallbackHandler: 'fallback-handler',
  changeMasterCopy: 'upgrade',
};

let iface: Interface | null = null;
const safeIface = (): Interface => (iface ??= new Interface(SAFE_ADMIN_ABI));

/** Deepest MultiSend nesting decoded; deeper batches are shown as raw data and refused as unknown. */
export const MAX_BATCH_DEPTH = 4;

/** A decoded argument: name, ABI type and its value as text. */
export interface DecodedArg {
  name: string;
  type: string;
  value: string;
}

/** One call a Safe transaction makes, decoded. */
export interface SafeCall {
  operation: Operation;
  to: string;
  value: bigint;
  data: string;
  /** What the call is: ETH only, ERC-20, a Safe method, a MultiSend batch, or unknown calldata. */
  kind: 'eth-transfer' | 'erc20' | 'safe-method' | 'multisend' | 'unknown';
  /** The method name for erc20 / safe-method / multisend. */
  method?: string;
  args?: DecodedArg[];
  erc20?: Erc20Call;
  /** The calls of a MultiSend batch, in order. */
  batch?: SafeCall[];
  /** Why a batch could not be decoded (truncated record, trailing bytes, nesting too deep). */
  error?: string;
}

function argText(v: unknown): string {
  if (Array.isArray(v)) return '[' + v.map(argText).join(', ') + ']';
  if (typeof v === 'bigint') return v.toString();
  return sanitize(String(v));
}

function argsOf(fragmentInputs: readonly { name: string; type: string }[], values: Result): DecodedArg[] {
  return fragmentInputs.map((p, i) => ({ name: p.name, type: p.type, value: p.type.startsWith('bytes') && p.type !== 'bytes32' ? String(values[i]) : argText(p.type === 'address[]' ? [...(values[i] as string[])].map((a) => getAddress(a)) : values[i]) }));
}

/** A Safe method call, only when the calldata re-encodes to the same bytes. */
function decodeSafeMethod(data: Uint8Array): { name: string; args: DecodedArg[]; values: Result } | null {
  if (data.length < 4) return null;
  const hex = '0x' + toHex(data);
  try {
    const parsed = safeIface().parseTransaction({ data: hex });
    if (!parsed) return null;
    if (safeIface().encodeFunctionData(parsed.fragment, parsed.args).toLowerCase() !== hex.toLowerCase()) return null;
    return { name: parsed.name, args: argsOf(parsed.fragment.inputs, parsed.args), values: parsed.args };
  } catch {
    return null;
  }
}

/** Split MultiSend's packed `transactions` into records; throws a message on malformed input. */
export function parseMultiSendPayload(packed: Uint8Array): { operation: number; to: string; value: bigint; data: Uint8Array }[] {
  const out: { operation: number; to: string; value: bigint; data: Uint8Array }[] = [];
  let i = 0;
  const word = (at: number) => BigInt('0x' + (toHex(packed.subarray(at, at + 32)) || '0'));
  while (i < packed.length) {
    if (i + 85 > packed.length) throw new Error(`MultiSend record ${out.length + 1} is truncated (${packed.length - i} bytes left, a record needs at least 85)`);
    const operation = packed[i]!;
    const to = getAddress('0x' + toHex(packed.subarray(i + 1, i + 21)));
    const value = word(i + 21);
    const len = word(i + 53);
    if (len > BigInt(packed.length - i - 85)) throw new Error(`MultiSend record ${out.length + 1} claims ${len} data bytes but only ${packed.length - i - 85} remain`);
    const data = packed.slice(i + 85, i + 85 + Number(len));
    out.push({ operation, to, value, data });
    i += 85 + Number(len);
  }
  return out;
}

/** Build MultiSend's packed `transactions` from calls (the inverse of parseMultiSendPayload). */
export function encodeMultiSendPayload(calls: readonly { operation: Operation; to: string; value: bigint; data: Uint8Array }[]): Uint8Array {
  const parts = calls.map((c) => {
    const len = c.data.length.toString(16).padStart(64, '0');
    return '0' + c.operation + c.to.slice(2).toLowerCase() + c.value.toString(16).padStart(64, '0') + len + toHex(c.data);
  });
  return fromHex(parts.join(''), 'multisend');
}

/** `multiSend(bytes)` calldata for a batch. */
export function encodeMultiSendCall(calls: readonly { operation: Operation; to: string; value: bigint; data: Uint8Array }[]): Uint8Array {
  return fromHex(safeIface().encodeFunctionData('multiSend', ['0x' + toHex(encodeMultiSendPayload(calls))]), 'multisend');
}

/** Decode one call (and, for a batch, its calls, up to MAX_BATCH_DEPTH levels). */
export function decodeSafeCall(call: { operation: Operation; to: string; value: bigint; data: Uint8Array }, depth = 0): SafeCall {
  const base = { operation: call.operation, to: call.to, value: call.value, data: '0x' + toHex(call.data) };
  if (call.data.length === 0) return { ...base, kind: 'eth-transfer' };
  const erc20 = decodeErc20Call(call.data);
  if (erc20) return { ...base, kind: 'erc20', method: erc20.method, erc20 };
  const m = decodeSafeMethod(call.data);
  if (!m) return { ...base, kind: 'unknown' };
  if (m.name !== 'multiSend') return { ...base, kind: 'safe-method', method: m.name, args: m.args };
  if (depth >= MAX_BATCH_DEPTH) return { ...base, kind: 'multisend', method: 'multiSend', error: `batches nested deeper than ${MAX_BATCH_DEPTH} levels are not decoded` };
  const packed = fromHex(String(m.values[0]), 'transactions');
  try {
    const records = parseMultiSendPayload(packed);
    const batch = records.map((r, i) => {
      if (r.operation !== 0 && r.operation !== 1) return { operation: 1 as Operation, to: r.to, value: r.value, data: '0x' + toHex(r.data), kind: 'unknown' as const, error: `call ${i + 1} has operation ${r.operation} (neither CALL nor DELEGATECALL)` };
      return decodeSafeCall({ operation: r.operation as Operation, to: r.to, value: r.value, data: r.data }, depth + 1);
    });
    return { ...base, kind: 'multisend', method: 'multiSend', batch };
  } catch (e) {
    return { ...base, kind: 'multisend', method: 'multiSend', error: sanitize((e as Error).message) };
  }
}

/** Every call in the tree, depth first, with its position ("1", "1.2", …) for messages. */
export function flattenCalls(root: SafeCall): { at: string; call: SafeCall; depth: number }[] {
  const out: { at: string; call: SafeCall; depth: number }[] = [];
  const walk = (c: SafeCall, at: string, depth: number) => {
    out.push({ at, call: c, depth });
    c.batch?.forEach((b, i) => walk(b, at ? `${at}.${i + 1}` : String(i + 1), depth + 1));
  };
  walk(root, '', 0);
  return out;
}

