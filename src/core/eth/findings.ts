/**
 * What the Ethereum signer checks, as findings (src/core/findings/finding.ts): every check reports
 * what it found, and one decision (decide.ts) reports all of them at once, most fundamental first.
 * The online side (`eth inspect`, `eth tx create`) runs the same checks without a seed, so it warns
 * about exactly what the signer would refuse. Codes are stable; the CLI's override of a refusal is
 * `--allow-<code>` (src/cli/overrides.ts).
 *
 * | code                    | severity        | rank     | when |
 * |-------------------------|-----------------|----------|------|
 * | fingerprint-mismatch    | refuse          | identity | the request names another seed's master fingerprint |
 * | from-mismatch           | refuse          | identity | the request (or the operator) names another sender than the key at the path |
 * | chain-id-mismatch       | refuse          | network  | chain id (or typed data's domain chainId) ≠ the expected one, or no domain chainId |
 * | non-ethereum-path       | refuse          | identity | the key's path is not an Ethereum account's (m/44'/60'/a'/…): a Bitcoin path, the master key, unhardened levels |
 * | no-replay-protection    | refuse          | network  | chain id 0: a legacy transaction without chain id (pre-EIP-155) is valid on every chain |
 * | unknown-chain           | warn            | network  | a chain id coldkit does not know by name |
 * | domain-without-chain-id | warn            | network  | typed data whose signature is valid on every chain |
 * | unsupported-tx-type     | refuse, no lift | validity | a type 3 (EIP-4844 blob) or 4 (EIP-7702 set-code) transaction |
 * | request-mismatch        | refuse, no lift | validity | an eth-sign-request whose data type or chain id contradicts its payload |
 * | max-value-exceeded      | refuse          | amounts  | maximum total cost above the value limit |
 * | high-fee                | refuse          | fee      | gas limit × fee per gas above the fee limit |
 * | unlimited-approval      | refuse          | content  | approve/increaseAllowance ≥ 2^128, EIP-2612 Permit, DAI allowed=true, Permit2 (calldata or typed data) ≥ 2^150 or expiring after 2100 |
 * | approval-for-all        | refuse          | content  | ERC-721/1155 setApprovalForAll(operator, true) |
 * | trailing-calldata       | refuse          | content  | a decoded token call with bytes after its ABI arguments |
 * | marketplace-order       | refuse          | content  | a Seaport/Blur/LooksRare order giving its maker nothing back (marketplace.ts) |
 * | permit                  | warn            | content  | typed data that grants a token allowance by signature alone |
 * | unknown-calldata        | refuse          | content  | calldata to a contract that no decoder reads (blind signing; the selector is shown) |
 * | safe-exec-transaction   | warn            | content  | a Safe execTransaction call (eth safe exec): its owners checked the inner transaction |
 * | contract-creation       | warn            | content  | no recipient: the data is deployed as code |
 * | binary-message          | refuse          | content  | a personal_sign message that is not printable text (a 32-byte hash above all) |
 */
import { formatDecimal } from '../amount.js';
import { RANK, hardRefusal, refusal, warning, type Finding } from '../findings/finding.js';
import type { EthDataType } from '../transport/ur/eth.js';
import { sameAddress } from './account.js';
import { describeChain } from './chains.js';
import { formatFingerprint } from './key.js';
import { PERMIT2_UNLIMITED, type Erc20Call } from './erc20.js';
import type { EthLimits } from './limits.js';
import type { TxReview } from './review.js';
import { UNSUPPORTED_TYPES } from './tx.js';
import type { TypedDataReview } from './typed-data.js';

/** The finding codes of the Ethereum signer. */
export const CODE = {
  fingerprintMismatch: 'fingerprint-mismatch',
  fromMismatch: 'from-mismatch',
  nonEthereumPath: 'non-ethereum-path',
  chainIdMismatch: 'chain-id-mismatch',
  noReplayProtection: 'no-replay-protection',
  unknownChain: 'unknown-chain',
  domainWithoutChainId: 'domain-without-chain-id',
  unsupportedTxType: 'unsupported-tx-type',
  requestMismatch: 'request-mismatch',
  maxValueExceeded: 'max-value-exceeded',
  highFee: 'high-fee',
  unlimitedApproval: 'unlimited-approval',
  permit: 'permit',
  unknownCalldata: 'unknown-calldata',
  contractCreation: 'contract-creation',
  binaryMessage: 'binary-message',
  approvalForAll: 'approval-for-all',
  trailingCalldata: 'trailing-calldata',
  marketplaceOrder: 'marketplace-order',
  safeExecTransaction: 'safe-exec-transaction',
} as const;

/** Safe execTransaction(…) (the executor's transaction of `eth safe exec`): known, not blind calldata. */
const SAFE_EXEC_TRANSACTION = '6a761202';

/** Who would sign and whom the payload names: the identity checks compare them. */
export interface Identity {
  /** The address of the key at the path. */
  signer: string;
  /** This seed's master fingerprint. */
  seedFingerprint: number;
  /** The master fingerprint the request names (undefined: it names none). */
  requestFingerprint?: number;
  /** The sender the request or the operator names (null: none named). */
  expectedFrom?: string | null;
}

/**
 * Is this the right seed and key? Another seed's fingerprint first: with the wrong seed every
 * address differs too, and the operator must read the cause before its consequence.
 */
export function identityFindings(id: Identity): Finding[] {
  const out: Finding[] = [];
  if (id.requestFingerprint !== undefined && id.requestFingerprint !== id.seedFingerprint) {
    out.push(
      refusal(
        CODE.fingerprintMismatch,
        RANK.identity,
        `the request is for master fingerprint ${formatFingerprint(id.requestFingerprint)} but this seed is ${formatFingerprint(id.seedFingerprint)} (another seed, or another passphrase?)`,
      ),
    );
  }
  if (id.expectedFrom && !sameAddress(id.expectedFrom, id.signer)) {
    out.push(refusal(CODE.fromMismatch, RANK.identity, `the sender should be ${id.expectedFrom} (from the sign request or --from) but the key at this path is ${id.signer}`));
  }
  return out;
}

/** The chain id against the expected one (`what` names where the chain id sits). */
function chainIdFindings(chainId: bigint, limits: EthLimits, what: string): Finding[] {
  if (limits.expectChainId === undefined || chainId === limits.expectChainId) return [];
  return [refusal(CODE.chainIdMismatch, RANK.network, `${what} is ${describeChain(chainId)}, not the expected ${describeChain(limits.expectChainId)}`)];
}

/** Everything the signer checks on a transaction's review. */
export function txFindings(r: TxReview, limits: EthLimits): Finding[] {
  const out: Finding[] = [];
  if (r.chainId === 0n) {
    const what = r.type === 0 ? 'this legacy transaction has no chain id (pre-EIP-155)' : `this type ${r.type} transaction is for chain id 0, which no chain uses`;
    out.push(refusal(CODE.noReplayProtection, RANK.network, `${what}: its signature gives no replay protection (valid on every chain that accepts it)`));
  } else {
    out.push(...chainIdFindings(r.chainId, limits, 'chain id'));
    if (r.chainName === null) out.push(warning(CODE.unknownChain, RANK.network, `chain id ${r.chainId} is not one coldkit knows by name`));
  }
  if (limits.maxValue !== undefined && r.maxTotalCost > limits.maxValue) {
    out.push(
      refusal(CODE.maxValueExceeded, RANK.amounts, `maximum total cost ${formatDecimal(r.maxTotalCost, 18)} ETH is above --max-value ${formatDecimal(limits.maxValue, 18)} ETH`),
    );
  }
  const fee = r.maxTotalCost - r.value;
  if (limits.maxFee !== undefined && fee > limits.maxFee) {
    out.push(
      refusal(
        CODE.highFee,
        RANK.fee,
        `the fee can reach ${formatDecimal(fee, 18)} (gas limit × max fee per gas), above --max-fee ${formatDecimal(limits.maxFee, 18)} — a mistyped gas price or limit?`,
      ),
    );
  }
  const call = r.data.erc20;
  if (call) out.push(...tokenCallFindings(call, r.to));
  if (r.to === null) out.push(warning(CODE.contractCreation, RANK.content, 'contract creation: no recipient; the data is deployed as code'));
  else if (r.data.bytes > 0 && !call && r.data.hex.slice(2, 10) === SAFE_EXEC_TRANSACTION) {
    out.push(warning(CODE.safeExecTransaction, RANK.content, `Safe execTransaction on ${r.to}: executes a Safe transaction with the owners' signatures it carries; each owner checked it with eth safe sign — compare it with eth safe inspect`));
  } else if (r.data.bytes > 0 && !call) {
    const sel = r.data.bytes >= 4 ? `selector 0x${r.data.hex.slice(2, 10)}` : 'shorter than a 4-byte selector';
    out.push(
      refusal(
        CODE.unknownCalldata,
        RANK.content,
        `BLIND SIGNING: calldata to contract ${r.to} is no call coldkit decodes (${sel}, ${r.data.bytes} bytes); what it does cannot be shown — check the selector and the arguments against the contract's source`,
      ),
    );
  }
  return out;
}

/**
 * A decoded token call: approvals by another name (approve, increaseAllowance or Permit2 approve
 * at or above the unlimited thresholds of erc20.ts, setApprovalForAll(…, true)) and bytes hidden
 * after the arguments. `token` is the contract called.
 */
export function tokenCallFindings(call: Erc20Call, token: string | null): Finding[] {
  const out: Finding[] = [];
  const on = token ? ` of contract ${token}` : '';
  if ((call.method === 'approve' || call.method === 'increaseAllowance') && call.unlimited) {
    out.push(refusal(CODE.unlimitedApproval, RANK.content, `UNLIMITED APPROVAL (${call.method} of ${call.amount}, above any real token supply): ${call.spender} may move every token${on}, now and later`));
  }
  if (call.method === 'permit2Approve' && call.unlimited) {
    const why = call.amount >= PERMIT2_UNLIMITED ? `amount ${call.amount} ≥ 2^150` : `expiration ${call.expiration} is after 2100`;
    out.push(refusal(CODE.unlimitedApproval, RANK.content, `UNLIMITED APPROVAL through Permit2 (${why}): ${call.spender} may move token ${call.token} held by Permit2 for you, without end`));
  }
  if (call.method === 'setApprovalForAll' && call.approved) {
    out.push(refusal(CODE.approvalForAll, RANK.content, `setApprovalForAll(…, true): ${call.operator} may move EVERY token${on} (ERC-721/1155), now and later — an unlimited approval by another name, the NFT drainer's usual request`));
  }
  if (call.trailing) {
    out.push(refusal(CODE.trailingCalldata, RANK.content, `the ${call.method} call carries ${call.trailing} bytes after its arguments: the token ignores them, so they are malformed or hide data (a tracking tag, a second payload) — the call is not the plain one shown`));
  }
  return out;
}

/** Everything the signer checks on typed data's review. */
export function typedDataFindings(r: TypedDataReview, limits: EthLimits): Finding[] {
  const out: Finding[] = [];
  const chainId = r.domain.chainId;
  if (chainId !== undefined) out.push(...chainIdFindings(chainId, limits, "the typed data's domain chainId"));
  else if (limits.expectChainId !== undefined) {
    out.push(
      refusal(CODE.chainIdMismatch, RANK.network, `the typed data's domain has no chainId (valid on every chain), but chain ${describeChain(limits.expectChainId)} is expected`),
    );
  } else out.push(warning(CODE.domainWithoutChainId, RANK.network, 'the domain has no chainId: the signature is valid on every chain'));
  if (r.permit) {
    if (r.unlimited) out.push(refusal(CODE.unlimitedApproval, RANK.content, `this ${r.permit} grants an UNLIMITED allowance`));
    out.push(warning(CODE.permit, RANK.content, `${r.permit}: signing this lets the spender move tokens without any further transaction from you`));
  }
  if (r.order && r.order.drain.length > 0) {
    out.push(refusal(CODE.marketplaceOrder, RANK.content, `${r.order.market} order that drains its maker: ${r.order.drain.join('; ')} (gives ${r.order.gives.join(', ') || 'nothing'})`));
  }
  return out;
}

/**
 * A payload of a transaction type coldkit knows of but does not sign: a well-formed EIP-4844 or
 * EIP-7702 envelope is not bad input, it is a transaction coldkit will not put its signature on.
 * Other unknown type bytes are left to decodeTx (an input error).
 */
export function txTypeFindings(type: number): Finding[] {
  const name = UNSUPPORTED_TYPES[type];
  if (!name) return [];
  return [hardRefusal(CODE.unsupportedTxType, RANK.validity, `this is a type ${type} (${name}) transaction; coldkit signs types 0, 1 and 2 only, and no flag overrides that`)];
}

/** What an eth-sign-request says about its payload, to compare with the payload itself. */
export interface RequestClaims {
  dataType: EthDataType;
  chainId?: bigint;
}

/**
 * A request that contradicts its own payload (data type, chain id) is refused with no override:
 * whoever made it cannot be trusted on the rest. `payloadChainId` undefined: the payload names none.
 */
export function requestFindings(req: RequestClaims, payload: { txType?: number; chainId?: bigint }): Finding[] {
  const out: Finding[] = [];
  if (payload.txType !== undefined && (req.dataType === 1) !== (payload.txType === 0)) {
    out.push(hardRefusal(CODE.requestMismatch, RANK.validity, `the sign request's data type ${req.dataType} does not match its payload, a type ${payload.txType} transaction`));
  }
  if (req.chainId !== undefined && payload.chainId !== undefined && req.chainId !== payload.chainId) {
    out.push(hardRefusal(CODE.requestMismatch, RANK.validity, `the sign request says chain ${req.chainId} but its payload is for chain ${payload.chainId}`));
  }
  return out;
}

/**
 * Is the key's path an Ethereum account's? BIP44: m/44'/60'/account'/… with purpose, coin type and
 * account hardened. That covers the MetaMask/BIP44 (m/44'/60'/0'/0/i), Ledger Live
 * (m/44'/60'/i'/0/0) and legacy MEW (m/44'/60'/0'/i) layouts. Anything else — a Bitcoin path, the
 * master key, an unhardened short path — signs with a key that another wallet or chain also uses.
 */
export function pathFindings(indices: readonly number[], path: string): Finding[] {
  const H = 0x80000000;
  if (indices.length >= 3 && indices[0] === 44 + H && indices[1] === 60 + H && indices[2]! >= H) return [];
  const [purpose, coin] = indices;
  const hard = (i: number | undefined) => i !== undefined && i >= H;
  let why: string;
  if (indices.length === 0) why = 'it is the master key itself';
  else if (hard(purpose) && [44, 48, 49, 84, 86].includes(purpose! - H) && (coin === H || coin === 1 + H)) why = 'it is a Bitcoin path';
  else if (purpose === 44 + H && hard(coin) && coin !== 60 + H) why = `its coin type is ${coin! - H}h, not 60h`;
  else if (indices.length < 3 || !indices.slice(0, 3).every(hard)) why = "its purpose, coin type and account levels are not all hardened (m/44h/60h/<a>h)";
  else why = "it is outside m/44h/60h/<a>h";
  return [refusal(CODE.nonEthereumPath, RANK.identity, `the key at ${path} is not an Ethereum account key: ${why}; a signature by it is made with a key another wallet or chain may use`)];
}

/** Bytes other than tab, line feed and carriage return below U+0020, DEL and the C1 controls. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/**
 * A personal_sign message must be text a person can read: binary data — a 32-byte value above all —
 * can be a hash (a Safe's safeTxHash, a transaction's signing hash), and a Safe accepts an
 * eth_sign/personal_sign signature of its hash as an approval of the whole transaction.
 */
export function messageFindings(message: Uint8Array): Finding[] {
  let text: string | null = null;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(message);
  } catch {
    text = null;
  }
  if (text !== null && !CONTROL.test(text) && text.trim().length > 0) return [];
  const what = message.length === 32 ? 'a 32-byte binary value — the size of a hash (a Safe transaction hash, a transaction digest)' : text === null ? `${message.length} bytes that are not UTF-8 text` : text.trim() === '' ? 'empty or blank' : 'text with control characters';
  return [
    refusal(
      CODE.binaryMessage,
      RANK.content,
      `the message is ${what}: it cannot be read before signing, and a signature of a hash can approve whatever it hashes (a Safe accepts one as its owner's approval)`,
    ),
  ];
}
