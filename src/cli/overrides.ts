/**
 * The one table from finding codes (src/core/findings) to the command-line overrides that lift
 * them: the flag is always `--allow-<code>`, and its help says what it risks. Commands declare
 * which codes they accept; the executor names the flags of a refusal's codes after its message.
 */
import type { RefusedError } from '../core/errors.js';
import type { Finding } from '../core/findings/finding.js';

/** What each override risks, by finding code: the one help text of `--allow-<code>` in `--help` and the docs. */
export const OVERRIDES = {
  'unverified-change': 'sign although an output claimed as change does not re-derive from this seed',
  'change-outside-wallet': "sign although an output pays our key outside the wallet's change chain (another script type, account or chain, a hardened or deep path, an index past --max-change-index): a watch-only wallet will not see those coins",
  'unproven-amounts': 'sign segwit v0 inputs (ours or not) that carry no non_witness_utxo, whose amounts are therefore unproven',
  'high-fee': 'sign although the fee exceeds the fee limits',
  'op-return-size': 'sign an OP_RETURN output carrying more than the 80 data bytes standard relay accepts',
  'dust-output': 'sign an output below its dust threshold (zero-value outputs included): nodes will not relay the transaction',
  sighash: 'sign inputs that ask for a sighash other than ALL/DEFAULT',
  'network-mismatch': "sign although derivation paths' coin type or output addresses are of another network than --network",
  'chain-id-mismatch': 'sign although the chain id differs from --expect-chain-id',
  'from-mismatch': 'sign although the request names another sender than the key at the path',
  'fingerprint-mismatch': "sign although the request is for another seed's master fingerprint",
  'non-ethereum-path': "sign with a key outside an Ethereum account (m/44h/60h/<a>h/…): a Bitcoin path, the master key, unhardened levels",
  'no-replay-protection': 'sign a transaction with chain id 0 (pre-EIP-155 legacy): valid on every chain that accepts it',
  'binary-message': 'sign a message that is not printable text (a 32-byte hash above all: its signature can approve a Safe transaction)',
  'max-value-exceeded': 'sign although the maximum total cost is above --max-value',
  'unlimited-approval': 'sign an unlimited (or near-unlimited) token allowance',
  'approval-for-all': 'sign setApprovalForAll(operator, true): the operator may move every token of the collection',
  'trailing-calldata': 'sign a token call that carries bytes after its ABI arguments (malformed, or hiding data)',
  'unknown-calldata': 'sign calldata to a contract that coldkit cannot decode (blind signing: check the selector against the contract source)',
  'marketplace-order': 'sign a marketplace order (Seaport, Blur, LooksRare) that gives away an NFT for nothing or pays someone else',
  'biased-dice': 'accept dice rolls that look biased (one face over 30%)',
  'safe-delegatecall': 'sign a Safe transaction that DELEGATECALLs anything but a known MultiSend: the target runs as the Safe and can take it over',
  'safe-owner-change': "sign a Safe transaction that changes the Safe's owners or threshold",
  'safe-module-change': 'sign a Safe transaction that enables or disables a module (a module moves funds without owner signatures)',
  'safe-guard-change': "sign a Safe transaction that sets or removes the Safe's transaction or module guard",
  'safe-fallback-handler-change': "sign a Safe transaction that changes the Safe's fallback handler",
  'safe-upgrade': "sign a Safe transaction that changes the Safe's singleton (master copy)",
  'safe-gas-refund': 'sign a Safe transaction with a non-zero gasPrice or a refundReceiver (the refund can drain the Safe)',
  'safe-unknown-version': 'sign for a Safe version coldkit does not know, assuming the newest domain (chainId + verifyingContract)',
  'safe-not-owner': 'sign with a key that is not among the Safe owners recorded in the file',
  'safe-undecodable-batch': 'sign a Safe transaction whose MultiSend batch cannot be decoded',
  'retired-key': 'sign with a key the journal records as retired (coldkit key retire)',
  'message-hash': 'sign a message that is a 32-byte value (a hash): its meaning cannot be read (blind signing)',
  'message-transaction': 'sign a message that is a transaction or PSBT as a message (blind signing)',
  'message-binary': 'sign a message that is not printable text (binary, control or direction-changing characters)',
  unhardened: 'accept an account path whose purpose, coin type or account level is not hardened',
  'unregistered-vault': 'sign for a vault that was not registered on this signer with wallet register',
  'vault-path-mismatch': "accept a vault cosigner whose path or key type is not the vault script type's BIP48 path",
} as const satisfies Record<string, string>;

/** A finding code the CLI lets an operator override. */
export type OverrideCode = keyof typeof OVERRIDES;

/** The flag that lifts a finding code. */
export function overrideFlag(code: string): string {
  return `--allow-${code}`;
}

/** The finding codes among `codes` whose `--allow-<code>` flag is set in commander's options (camelCase keys). */
export function allowedCodes(opts: Readonly<Record<string, unknown>>, codes: readonly string[]): Set<string> {
  const camel = (code: string) => 'allow' + code.split('-').map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  return new Set(codes.filter((c) => opts[camel(c)] === true));
}

/** A finding as --json shows it: with the flag that lifts it when it can be lifted. */
export function findingView(f: Finding): Finding & { override?: string } {
  return { ...f, ...(f.overridable ? { override: overrideFlag(f.code) } : {}) };
}

/** The text after a refusal's message: which flags override it, or that nothing does. */
export function refusalHint(e: Pick<RefusedError, 'overrides'>): string {
  if (e.overrides.length === 0) return '';
  const flags = e.overrides.map(overrideFlag);
  return ` (refused; ${flags.join(', ')} overrides, and the override is journaled)`;
}
