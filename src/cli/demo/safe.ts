/**
 * Demo steps of the Safe multisig area (no node: every field is given). A sample 2-of-2 Safe on
 * Sepolia owned by accounts 0 and 1 of the sample mnemonic: an ETH transfer is created, inspected
 * (the three hashes as Ledger and the hash checkers show them), signed by both owners with the
 * agreed hash pinned, and collected into execTransaction's packed signatures; then the Bybit
 * shape — a DELEGATECALL to an unknown contract whose calldata looks like an ERC-20 transfer — is
 * refused.
 */
import type { DemoRunner } from './runner.js';

const SEPOLIA = '11155111';
/** A sample Safe address (no contract is needed offline: the address is part of the domain). */
const SAFE = '0x657ff0D4eC65D82b2bC1247b0a558bcd2f80A0f1';
/** m/44'/60'/0'/0/0 and /1 of the sample mnemonic ("abandon ×11 about"). */
const OWNERS = ['0x9858EfFD232B4033E47d90003D41EC34EcaEda94', '0x6Fac4D18c912343BF86fa7049364Dd4E424Ab9C0'];
const RECIPIENT = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

/** Add the Safe steps. */
export async function steps(d: DemoRunner): Promise<void> {
  d.section('Safe multisig');
  await d.run(
    'Create a Safe transaction (either side)',
    'Every SafeTx field, the Safe, chain, version, owners and threshold; with --rpc URL the Safe contract itself would give nonce, version, owners and threshold.',
    ['eth', 'safe', 'tx', 'create', '--safe', SAFE, '--chain-id', SEPOLIA, '--nonce', '4', '--to', RECIPIENT, '--value', '0.1', '--safe-version', '1.4.1', '--owners', OWNERS.join(','), '--threshold', '2', '--current-nonce', '4', '--out', 'safe-tx.json'],
  );
  const inspected = await d.run(
    'Inspect it (offline): the hashes to compare across machines',
    'Domain hash and message hash are what a Ledger shows; safeTxHash is what every owner signs. Owners compare all three with another machine before signing.',
    ['eth', 'safe', 'inspect', 'safe-tx.json'],
  );
  const hash = /safeTxHash:\s+(0x[0-9a-f]{64})/.exec(inspected.stdout)?.[1];
  if (!hash) throw new Error('demo: eth safe inspect printed no safeTxHash');
  for (const i of [0, 1]) {
    await d.run(
      `Owner ${i + 1} signs (offline)`,
      'The review, then the signature over the agreed safeTxHash (--expect-safe-tx-hash refuses any other).',
      ['--yes', 'eth', 'safe', 'sign', 'safe-tx.json', '--mnemonic-file', 'sample-mnemonic.txt', '--index', String(i), '--expect-chain-id', SEPOLIA, '--expect-safe-tx-hash', hash, '--out', `safe-owner-${i + 1}.sig`],
    );
  }
  await d.run(
    'Collect the signatures (either side)',
    'Each recovered to an owner, ordered by owner address, packed for execTransaction; `eth safe exec --rpc URL --from EXECUTOR` would simulate it and build the transaction.',
    ['eth', 'safe', 'collect', 'safe-tx.json', 'safe-owner-2.sig', 'safe-owner-1.sig', '--out', 'safe-tx-signed.json'],
  );
  await d.run(
    'Create the Bybit shape',
    'operation DELEGATECALL to an unknown contract, with calldata that decodes as a harmless ERC-20 transfer of 0 tokens.',
    ['eth', 'safe', 'tx', 'create', '--safe', SAFE, '--chain-id', SEPOLIA, '--nonce', '5', '--operation', 'delegatecall', '--erc20', '0x96221423681A6d52E184D440a8eFCEbB105C7242', '--transfer', `${RECIPIENT}:0`, '--decimals', '18', '--out', 'safe-bybit.json'],
  );
  await d.run(
    'The signer refuses it (exit 3)',
    'DELEGATECALL is announced first; only Safe\'s published MultiSend of the chain may be DELEGATECALLed without --allow-safe-delegatecall.',
    ['--yes', 'eth', 'safe', 'sign', 'safe-bybit.json', '--mnemonic-file', 'sample-mnemonic.txt'],
    { expectExit: 3 },
  );
}
