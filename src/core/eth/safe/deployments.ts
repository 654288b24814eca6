/**
 * The MultiSend and MultiSendCallOnly deployments a Safe may DELEGATECALL into without a refusal:
 * Safe's own batching libraries, at the addresses Safe publishes per chain.
 *
 * Source: github.com/safe-global/safe-deployments, src/assets/v<version>/multi_send.json and
 * multi_send_call_only.json (`deployments` addresses and `networkAddresses`), read at commits
 * 2ab3ebc6 (v1.1.1), 0010f4ea (v1.3.0), 000c5475 (v1.4.1), 011e0407 / 03490951 (v1.5.0).
 * Only the chains coldkit names (src/core/eth/chains.ts) are kept; a MultiSend on another chain is
 * "unknown" and needs `--multisend ADDRESS` (trusted by the operator) or the override.
 */

/** One published deployment of a batching library. */
export interface MultiSendDeployment {
  contract: 'MultiSend' | 'MultiSendCallOnly';
  version: string;
  address: string;
  /** Chain ids (of those coldkit names) where safe-deployments lists this address. */
  chains: readonly number[];
}

const V130 = [1, 10, 56, 100, 137, 250, 1101, 5000, 8453, 17000, 42161, 42220, 43114, 59144, 534352, 560048, 11155111];
const V130_EIP155 = [1, 10, 56, 100, 137, 250, 1101, 1337, 5000, 8453, 17000, 42161, 42220, 43114, 59144, 534352, 560048, 11155111];
const V141 = [1, 10, 56, 100, 137, 250, 1101, 1337, 5000, 8453, 17000, 42161, 42220, 43114, 59144, 534352, 11155111];

/** The deployments, as published. */
export const MULTISEND_DEPLOYMENTS: readonly MultiSendDeployment[] = [
  { contract: 'MultiSend', version: '1.1.1', address: '0x8D29bE29923b68abfDD21e541b9374737B49cdAD', chains: [1, 100] },
  { contract: 'MultiSend', version: '1.3.0', address: '0xA238CBeb142c10Ef7Ad8442C6D1f9E89e07e7761', chains: V130 },
  { contract: 'MultiSend', version: '1.3.0', address: '0x998739BFdAAdde7C933B942a68053933098f9EDa', chains: V130_EIP155 },
  { contract: 'MultiSend', version: '1.3.0', address: '0x0dFcccB95225ffB03c6FBB2559B530C2B7C8A912', chains: [324] },
  { contract: 'MultiSendCallOnly', version: '1.3.0', address: '0x40A2aCCbd92BCA938b02010E17A5b8929b49130D', chains: V130 },
  { contract: 'MultiSendCallOnly', version: '1.3.0', address: '0xA1dabEF33b3B82c7814B6D82A79e50F4AC44102B', chains: V130_EIP155 },
  { contract: 'MultiSendCallOnly', version: '1.3.0', address: '0xf220D3b4DFb23C4ade8C88E526C1353AbAcbC38F', chains: [324] },
  { contract: 'MultiSend', version: '1.4.1', address: '0x38869bf66a61cF6bDB996A6aE40D5853Fd43B526', chains: V141 },
  { contract: 'MultiSendCallOnly', version: '1.4.1', address: '0x9641d764fc13c8B624c04430C7356C1C7C8102e2', chains: V141 },
  { contract: 'MultiSend', version: '1.5.0', address: '0x218543288004CD07832472D464648173c77D7eB7', chains: [1, 11155111] },
  { contract: 'MultiSendCallOnly', version: '1.5.0', address: '0xA83c336B20401Af773B6219BA5027174338D1836', chains: [1, 8453, 560048, 11155111] },
];

/** A batching library the operator trusts on this chain, beyond the published ones (`--multisend`). */
export interface TrustedMultiSend {
  address: string;
  contract: 'MultiSend' | 'MultiSendCallOnly';
  source: string;
}

/** The published or operator-trusted MultiSend at `address` on `chainId`, else null. */
export function knownMultiSend(address: string, chainId: bigint, extra: readonly TrustedMultiSend[] = []): TrustedMultiSend | null {
  const a = address.toLowerCase();
  const d = MULTISEND_DEPLOYMENTS.find((x) => x.address.toLowerCase() === a && x.chains.includes(Number(chainId)));
  if (d) return { address: d.address, contract: d.contract, source: `safe-deployments ${d.contract} ${d.version}` };
  return extra.find((x) => x.address.toLowerCase() === a) ?? null;
}

/** A published MultiSend address of another chain (to say why it is not accepted here). */
export function multiSendElsewhere(address: string): MultiSendDeployment | null {
  return MULTISEND_DEPLOYMENTS.find((x) => x.address.toLowerCase() === address.toLowerCase()) ?? null;
}

/** The published MultiSendCallOnly of `chainId`: the one of `version` when there is one, else the newest. */
export function multiSendCallOnlyFor(chainId: bigint, version: string): MultiSendDeployment | null {
  const here = MULTISEND_DEPLOYMENTS.filter((d) => d.contract === 'MultiSendCallOnly' && d.chains.includes(Number(chainId)));
  return here.find((d) => d.version === version) ?? here.at(-1) ?? null;
}
