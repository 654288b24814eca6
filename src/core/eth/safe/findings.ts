/**
 * The checks a Safe transaction must pass before an owner signs it, as findings (one decision in
 * src/core/findings/decide.ts turns them into go or refuse). They are the lessons of the Bybit
 * theft (February 2025: a DELEGATECALL into an attacker's contract, shown as a routine transfer)
 * and the warnings of the independent Safe hash checkers:
 *   - DELEGATECALL to anything but a published (or operator-trusted) MultiSend of this chain;
 *   - owner, threshold, module, guard, fallback-handler changes and singleton upgrades;
 *   - non-zero gasPrice or a refundReceiver (the gas refund can pay anyone, in any token);
 *   - another chain than expected, an unknown Safe version, a signer who is not an owner;
 *   - a nonce the Safe has already used, or one far ahead of it.
 */
import { RANK, hardRefusal, note, refusal, warning, type Finding } from '../../findings/finding.js';
import { describeChain } from '../chains.js';
import { tokenCallFindings } from '../findings.js';
import { ADMIN_CLASS, flattenCalls, type SafeCall } from './decode.js';
import { knownMultiSend, multiSendElsewhere, type TrustedMultiSend } from './deployments.js';
import type { SafeTx } from './hash.js';

/** Finding codes of the Safe checks (stable; each overridable one has `--allow-<code>` in the CLI). */
export const SAFE_CODES = {
  delegatecall: 'safe-delegatecall',
  owners: 'safe-owner-change',
  modules: 'safe-module-change',
  guard: 'safe-guard-change',
  fallbackHandler: 'safe-fallback-handler-change',
  upgrade: 'safe-upgrade',
  gasRefund: 'safe-gas-refund',
  unknownVersion: 'safe-unknown-version',
  notOwner: 'safe-not-owner',
  nonce: 'safe-nonce',
  undecodable: 'safe-undecodable-batch',
  hashMismatch: 'safe-hash-mismatch',
  chainIdMismatch: 'chain-id-mismatch',
} as const;

/** What the checks know besides the transaction itself. */
export interface SafeCheckContext {
  safe: string;
  chainId: bigint;
  /** The version is one coldkit knows (its domain is certain). */
  versionKnown: boolean;
  version: string;
  /** --expect-chain-id, when given. */
  expectChainId?: bigint;
  /** Owners recorded in the file (from the Safe, via --rpc), when known. */
  owners?: readonly string[];
  /** The signing key's address (sign only). */
  signer?: string;
  /** The Safe's current nonce, when the file records it. */
  currentNonce?: bigint;
  /** MultiSend deployments the operator trusts beyond the published ones. */
  trustedMultiSend?: readonly TrustedMultiSend[];
}

/** How far ahead of the Safe's nonce a transaction may be before it is called out. */
export const NONCE_AHEAD_WARN = 10n;

const ADMIN_CODE = { owners: SAFE_CODES.owners, modules: SAFE_CODES.modules, guard: SAFE_CODES.guard, 'fallback-handler': SAFE_CODES.fallbackHandler, upgrade: SAFE_CODES.upgrade } as const;
const ADMIN_WHAT = {
  owners: 'changes the owners or the threshold: whoever is added controls the Safe',
  modules: 'changes the modules: an enabled module moves funds with no owner signatures at all',
  guard: 'changes the guard: a guard can block every future transaction (or stop checking them)',
  'fallback-handler': 'changes the fallback handler: it answers every unknown call, including signature checks (EIP-1271)',
  upgrade: 'changes the singleton (master copy): the Safe runs whatever code that address holds',
} as const;

function where(at: string): string {
  return at ? `batch call ${at}` : 'the transaction';
}

/** Every finding for a Safe transaction and its decoded call tree. */
export function checkSafeTx(tx: SafeTx, call: SafeCall, ctx: SafeCheckContext): Finding[] {
  const out: Finding[] = [];
  const safeLc = ctx.safe.toLowerCase();
  if (ctx.expectChainId !== undefined && ctx.expectChainId !== ctx.chainId) {
    out.push(refusal(SAFE_CODES.chainIdMismatch, RANK.network, `the Safe transaction is for chain ${describeChain(ctx.chainId)}, not ${describeChain(ctx.expectChainId)} (--expect-chain-id)`));
  }
  if (!ctx.versionKnown) {
    out.push(refusal(SAFE_CODES.unknownVersion, RANK.validity, `Safe version "${ctx.version}" is not one coldkit knows: its EIP-712 domain (with or without chainId) is a guess, so the hash may not be what the contract checks`));
  }
  if (ctx.signer && ctx.owners && !ctx.owners.some((o) => o.toLowerCase() === ctx.signer!.toLowerCase())) {
    out.push(refusal(SAFE_CODES.notOwner, RANK.identity, `the signing key ${ctx.signer} is not among the Safe's ${ctx.owners.length} owners recorded in the file: its signature would not count`));
  }
  if (ctx.currentNonce !== undefined) {
    if (tx.nonce < ctx.currentNonce) out.push(hardRefusal(SAFE_CODES.nonce, RANK.validity, `nonce ${tx.nonce} is already used (the Safe is at nonce ${ctx.currentNonce}): this transaction can never execute`));
    else if (tx.nonce - ctx.currentNonce >= NONCE_AHEAD_WARN) out.push(warning(SAFE_CODES.nonce, RANK.validity, `nonce ${tx.nonce} is ${tx.nonce - ctx.currentNonce} ahead of the Safe's nonce ${ctx.currentNonce}: it executes only after every transaction before it`));
    else if (tx.nonce > ctx.currentNonce) out.push(note(SAFE_CODES.nonce, `nonce ${tx.nonce} is queued after ${tx.nonce - ctx.currentNonce} pending transaction(s) (the Safe is at nonce ${ctx.currentNonce})`));
  } else out.push(note(SAFE_CODES.nonce, `nonce ${tx.nonce}: the Safe's current nonce is not in the file; compare it with the Safe before signing (two transactions with one nonce: only one can execute)`));
  if (tx.gasPrice !== 0n || BigInt(tx.refundReceiver) !== 0n) {
    const token = BigInt(tx.gasToken) === 0n ? 'ETH' : `token ${tx.gasToken}`;
    out.push(
      refusal(
        SAFE_CODES.gasRefund,
        RANK.fee,
        `gas refund: gasPrice ${tx.gasPrice}, baseGas ${tx.baseGas}, gasToken ${token}, refundReceiver ${tx.refundReceiver}: the Safe pays (baseGas + gas used) × gasPrice in that token to the receiver, which can drain it`,
      ),
    );
  }
  for (const { at, call: c } of flattenCalls(call)) {
    if (c.error) out.push(refusal(SAFE_CODES.undecodable, RANK.content, `${where(at)}: MultiSend batch could not be decoded (${c.error}); what it does cannot be shown`));
    if (c.operation === 1) {
      const ms = knownMultiSend(c.to, ctx.chainId, ctx.trustedMultiSend);
      if (!ms || c.kind !== 'multisend') {
        const elsewhere = multiSendElsewhere(c.to);
        const why = ms ? `the calldata is not multiSend(bytes)` : elsewhere ? `${c.to} is Safe's ${elsewhere.contract} ${elsewhere.version} on other chains, not published for chain ${ctx.chainId}` : `${c.to} is not a known MultiSend deployment of chain ${ctx.chainId}`;
        out.push(
          refusal(
            SAFE_CODES.delegatecall,
            RANK.identity,
            `DELEGATECALL in ${where(at)}: ${why}. The target's code runs AS the Safe and can change its owners, its singleton or move everything (the Bybit theft was a DELEGATECALL that looked like ${c.erc20 ? 'this very ERC-20 call' : 'a routine transfer'})`,
          ),
        );
      } else if (ms.contract === 'MultiSendCallOnly') {
        const inner = c.batch?.find((b) => b.operation === 1);
        if (inner) out.push(warning(SAFE_CODES.delegatecall, RANK.validity, `${where(at)} is MultiSendCallOnly, which reverts on its DELEGATECALL entries: the whole transaction will fail`));
      }
    } else if (c.kind === 'multisend' && knownMultiSend(c.to, ctx.chainId, ctx.trustedMultiSend)) {
      out.push(warning('safe-multisend-call', RANK.content, `${where(at)} CALLs MultiSend instead of DELEGATECALLing it: the batch runs from the MultiSend contract, not from the Safe`));
    }
    // Safe administration reaches the Safe when called on it, or when run as the Safe (delegatecall context).
    const selfCall = c.to.toLowerCase() === safeLc || (at !== '' && c.operation === 1);
    if (c.kind === 'safe-method' && c.method && ADMIN_CLASS[c.method] && selfCall) {
      const cls = ADMIN_CLASS[c.method]!;
      const args = (c.args ?? []).map((a) => `${a.name}=${a.value}`).join(', ');
      out.push(refusal(ADMIN_CODE[cls], RANK.content, `${where(at)} calls ${c.method}(${args}) on the Safe: it ${ADMIN_WHAT[cls]}`));
    }
    if (c.kind === 'unknown' && c.to.toLowerCase() === safeLc && c.data !== '0x') {
      out.push(warning('safe-unknown-self-call', RANK.content, `${where(at)} calls the Safe itself with unknown calldata (${c.data.slice(0, 10)}): the fallback handler answers it`));
    }
    // Token calls are judged by the one rule set of the Ethereum signer (unlimited approvals by any
    // name, setApprovalForAll, trailing bytes), each finding placed in the batch.
    if (c.erc20) out.push(...tokenCallFindings(c.erc20, c.to).map((f) => ({ ...f, message: `${where(at)}: ${f.message}` })));
    if (c.kind === 'unknown' && c.to.toLowerCase() !== safeLc) out.push(warning('safe-unknown-calldata', RANK.content, `${where(at)}: calldata to ${c.to} is not a call coldkit decodes (${c.data.length / 2 - 1} bytes); check it with the contract's source`));
  }
  return out;
}

/** The hash-mismatch refusal: a file or service claimed another safeTxHash than the fields give. */
export function hashMismatch(claimed: string, computed: string, source: string): Finding {
  return hardRefusal(SAFE_CODES.hashMismatch, RANK.identity, `${source} says safeTxHash ${claimed}, but its fields hash to ${computed}: the fields were changed or belong to another Safe, chain or version`);
}
