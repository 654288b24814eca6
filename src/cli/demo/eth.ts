/**
 * Demo steps of the Ethereum area (no node: the online side is given every field a node would
 * fill with --rpc). The watch-only side builds an EIP-1559 transaction on Sepolia from
 * eth-account.json as an EIP-4527 eth-sign-request; the offline side reviews and signs it, answers
 * with an eth-signature bound to the request id, and shows a refusal; then an ERC-20 transfer,
 * an EIP-712 Permit and an EIP-191 message are signed. Leaves eth-request.ur and eth-signed.hex
 * in the demo directory.
 */
import type { DemoRunner } from './runner.js';

const SEPOLIA = '11155111';
/** m/44'/60'/0'/0/0 and /1 of the sample mnemonic ("abandon ×11 about"). */
const FROM = '0x9858EfFD232B4033E47d90003D41EC34EcaEda94';
const TO = '0x6Fac4D18c912343BF86fa7049364Dd4E424Ab9C0';
/** Circle's USDC on Sepolia (6 decimals); only used to build calldata here. */
const USDC = '0x1c7D4B196Cb0C7B01d743Fbc6116a902379C7238';

const PERMIT = {
  types: {
    EIP712Domain: [
      { name: 'name', type: 'string' },
      { name: 'version', type: 'string' },
      { name: 'chainId', type: 'uint256' },
      { name: 'verifyingContract', type: 'address' },
    ],
    Permit: [
      { name: 'owner', type: 'address' },
      { name: 'spender', type: 'address' },
      { name: 'value', type: 'uint256' },
      { name: 'nonce', type: 'uint256' },
      { name: 'deadline', type: 'uint256' },
    ],
  },
  primaryType: 'Permit',
  domain: { name: 'USDC', version: '2', chainId: Number(SEPOLIA), verifyingContract: USDC },
  message: { owner: FROM, spender: TO, value: '25000000', nonce: 0, deadline: 1893456000 },
};

/** Add the Ethereum steps. */
export async function steps(d: DemoRunner): Promise<void> {
  d.section('Ethereum');
  const fees = ['--max-fee-per-gas', '30gwei', '--max-priority-fee-per-gas', '1.5gwei', '--gas-limit', '21000'];
  await d.run(
    'Build an EIP-1559 transaction (online, watch-only)',
    'No key here. eth-account.json gives the fingerprint and path for the EIP-4527 sign request; with --rpc URL a node would fill nonce, fees, gas and chain id.',
    ['eth', 'tx', 'create', '--from', FROM, '--to', TO, '--value', '0.05', '--chain-id', SEPOLIA, '--nonce', '0', ...fees, '--wallet', 'eth-account.json', '--out', 'eth-request.ur', '--out-hex', 'eth-unsigned.hex'],
  );
  await d.run('Inspect the request (offline)', 'The same review the signer shows: chain name, EIP-55 addresses, maximum total cost, the request id, path and fingerprint.', ['eth', 'inspect', 'eth-request.ur']);
  await d.run(
    'A signer told to expect mainnet refuses',
    'The chain id is Sepolia, not 1: exit 3, and the message names the override (--allow-chain-id-mismatch), which would be journaled.',
    ['--yes', 'eth', 'sign', 'eth-request.ur', '--mnemonic-file', 'sample-mnemonic.txt', '--expect-chain-id', '1'],
    { expectExit: 3 },
  );
  await d.run(
    'Sign offline',
    'Review, policy (chain id, at most 0.1 ETH, the sender is the key at the path, the seed fingerprint matches), then the signed raw transaction and an eth-signature answering the request id.',
    ['--yes', 'eth', 'sign', 'eth-request.ur', '--mnemonic-file', 'sample-mnemonic.txt', '--expect-chain-id', SEPOLIA, '--max-value', '0.1', '--out', 'eth-signed.hex', '--out-ur', 'eth-signature.ur'],
  );
  await d.run('Inspect the signed transaction', 'Recovers the signer and the transaction hash; `coldkit eth broadcast --rpc URL eth-signed.hex --wait` would send it.', ['eth', 'inspect', 'eth-signed.hex']);
  await d.run(
    'An ERC-20 transfer, legacy type 0',
    '--erc20 builds transfer(to, 12.5 USDC); the review decodes the calldata. Chain id 11155111 makes the EIP-155 v four bytes long.',
    ['eth', 'tx', 'create', '--type', '0', '--from', FROM, '--erc20', USDC, '--to', TO, '--amount', '12.5', '--decimals', '6', '--chain-id', SEPOLIA, '--nonce', '1', '--gas-price', '20gwei', '--gas-limit', '65000', '--wallet', 'eth-account.json', '--out', 'eth-erc20.ur'],
  );
  await d.run('Sign the ERC-20 transfer', 'The eth-signature carries r ‖ s ‖ v with the multi-byte EIP-155 v.', [
    '--yes', 'eth', 'sign', 'eth-erc20.ur', '--mnemonic-file', 'sample-mnemonic.txt', '--expect-chain-id', SEPOLIA,
  ]);
  d.write('eth-permit.json', JSON.stringify(PERMIT, null, 2) + '\n');
  await d.run(
    'Sign an EIP-712 Permit',
    'The domain and message are shown and the Permit is flagged: this signature alone lets the spender move 25 USDC. An unlimited amount would be refused without --allow-unlimited-approval.',
    ['--yes', 'eth', 'sign-typed-data', 'eth-permit.json', '--mnemonic-file', 'sample-mnemonic.txt', '--expect-chain-id', SEPOLIA],
  );
  d.write('eth-message.txt', 'I control 0x9858EfFD232B4033E47d90003D41EC34EcaEda94 (coldkit demo)\n');
  await d.run('Sign a message (EIP-191 personal_sign)', "The file's exact bytes, prefixed with \"\\x19Ethereum Signed Message:\\n<length>\".", [
    '--yes', 'eth', 'sign-message', 'eth-message.txt', '--mnemonic-file', 'sample-mnemonic.txt',
  ]);
}
