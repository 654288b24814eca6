/**
 * Names of well-known EVM chain ids (EIP-155 `CHAIN_ID`; list after ethereum-lists/chains).
 * The name is only shown to the operator; the chain id itself is what a signature commits to.
 */
const CHAINS: ReadonlyMap<bigint, string> = new Map([
  [1n, 'Ethereum Mainnet'],
  [10n, 'OP Mainnet'],
  [56n, 'BNB Smart Chain'],
  [100n, 'Gnosis'],
  [137n, 'Polygon PoS'],
  [250n, 'Fantom Opera'],
  [324n, 'zkSync Era'],
  [1101n, 'Polygon zkEVM'],
  [1337n, 'Geth/Ganache local dev chain'],
  [5000n, 'Mantle'],
  [8453n, 'Base'],
  [17000n, 'Holesky testnet'],
  [31337n, 'Anvil/Hardhat local dev chain'],
  [42161n, 'Arbitrum One'],
  [42220n, 'Celo'],
  [43114n, 'Avalanche C-Chain'],
  [59144n, 'Linea'],
  [534352n, 'Scroll'],
  [560048n, 'Hoodi testnet'],
  [11155111n, 'Sepolia testnet'],
]);

/** The chain's name when coldkit knows it, otherwise null. */
export function chainName(chainId: bigint): string | null {
  return CHAINS.get(chainId) ?? null;
}

/** "1 (Ethereum Mainnet)" or "424242 (unknown chain)". */
export function describeChain(chainId: bigint): string {
  return `${chainId} (${chainName(chainId) ?? 'unknown chain'})`;
}
