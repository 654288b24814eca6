/**
 * The limits an Ethereum signature is checked against (src/core/eth/findings.ts). Light on
 * purpose (no imports): the command table reads the default from here.
 */

/** What the operator expects and allows; amounts in wei (or the chain's native base unit). */
export interface EthLimits {
  /** The only chain id to sign for (none: any chain). */
  expectChainId?: bigint;
  /** Largest acceptable maximum total cost, gas limit × fee per gas + value. */
  maxValue?: bigint;
  /** Largest acceptable fee, gas limit × (max fee per gas | gas price). */
  maxFee?: bigint;
}

/**
 * The fee cap when none is given: 0.1 native units (10^17 wei). On by default, like `psbt sign`'s
 * fee limits, to catch a mistyped gas price or limit.
 */
export const DEFAULT_MAX_FEE = 10n ** 17n;
