/**
 * Which EIP-712 shapes each Safe (formerly Gnosis Safe) contract version signs. Two things changed
 * over the versions, both visible in the contracts' `getTransactionHash`:
 *   - the domain: `EIP712Domain(address verifyingContract)` up to 1.2.0, then
 *     `EIP712Domain(uint256 chainId,address verifyingContract)` from 1.3.0 on (chain replay protection);
 *   - the SafeTx struct: the gas field was `dataGas` before 1.0.0, `baseGas` from 1.0.0 on.
 * A version coldkit does not list is refused (finding `safe-unknown-version`): guessing the domain
 * would show a hash that the contract does not check.
 */

/** The EIP-712 shape a Safe version uses. */
export interface SafeVersionShape {
  /** The domain carries chainId (Safe ≥ 1.3.0). */
  chainIdInDomain: boolean;
  /** The SafeTx gas field name: `dataGas` (Safe < 1.0.0) or `baseGas`. */
  gasField: 'dataGas' | 'baseGas';
}

/** Every released Safe singleton version, as its `VERSION` constant spells it. */
export const SAFE_VERSIONS: Readonly<Record<string, SafeVersionShape>> = {
  '0.1.0': { chainIdInDomain: false, gasField: 'dataGas' },
  '1.0.0': { chainIdInDomain: false, gasField: 'baseGas' },
  '1.1.0': { chainIdInDomain: false, gasField: 'baseGas' },
  '1.1.1': { chainIdInDomain: false, gasField: 'baseGas' },
  '1.2.0': { chainIdInDomain: false, gasField: 'baseGas' },
  '1.3.0': { chainIdInDomain: true, gasField: 'baseGas' },
  '1.4.0': { chainIdInDomain: true, gasField: 'baseGas' },
  '1.4.1': { chainIdInDomain: true, gasField: 'baseGas' },
  '1.5.0': { chainIdInDomain: true, gasField: 'baseGas' },
};

/** The version coldkit assumes for new transactions (the current Safe{Wallet} default). */
export const DEFAULT_SAFE_VERSION = '1.4.1';

/**
 * The version without the `+L2` suffix the transaction service and the L2 singleton report
 * (SafeL2 hashes exactly like Safe: it only adds events).
 */
export function normalizeVersion(version: string): string {
  return version.trim().replace(/\+L2$/i, '');
}

/** The shape of `version`, or null when coldkit does not know it. */
export function versionShape(version: string): SafeVersionShape | null {
  return Object.prototype.hasOwnProperty.call(SAFE_VERSIONS, normalizeVersion(version)) ? SAFE_VERSIONS[normalizeVersion(version)]! : null;
}

/** The shape assumed for an unknown version when its refusal is overridden: the newest domain. */
export const UNKNOWN_VERSION_SHAPE: SafeVersionShape = { chainIdInDomain: true, gasField: 'baseGas' };
