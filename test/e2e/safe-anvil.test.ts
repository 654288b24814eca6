/**
 * Safe end to end on a real node, with the contract as the oracle: Safe 1.4.1 (singleton, proxy
 * factory, MultiSendCallOnly from fixtures/safe-contracts-1.4.1, verbatim artifacts) is deployed on
 * anvil, and a 2-of-3 Safe owned by three coldkit keys is created and funded. For an ETH transfer,
 * an ERC-20 transfer and a MultiSend batch of two calls: `eth safe tx create --rpc` builds the
 * file, the contract's `getTransactionHash` must equal coldkit's safeTxHash, two owners sign with
 * `eth safe sign`, `eth safe collect` packs the signatures, `checkSignatures` must accept them, and
 * `eth safe exec` simulates and builds the execTransaction transaction, which `eth sign` signs
 * offline with the executor's coldkit key and `eth broadcast --wait` sends; the funds must move. A non-owner's signature is
 * rejected by collect, and the Safe refuses the packed signatures of one owner (below threshold).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AbiCoder, Interface, getAddress } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeMultiSendCall } from '../../src/core/eth/safe/decode.js';
import { fromHex } from '../../src/core/text.js';
import { runCli, ROOT, tmpDir, type CliRun } from '../helpers/cli.js';
import { startAnvil, TEST_MNEMONIC, type Anvil } from '../helpers/anvil.js';
import { initCode } from '../helpers/evm-token.js';

const CHAIN = 31337n;
const OWNER_INDEXES = [4, 5, 6];
const RECIPIENTS = [7, 8];
const artifact = (name: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'fixtures/safe-contracts-1.4.1', `${name}.json`), 'utf8')) as { abi: unknown[]; bytecode: string };
const SAFE = new Interface(artifact('Safe').abi as string[]);
const FACTORY = new Interface(artifact('SafeProxyFactory').abi as string[]);
const TOKEN = new Interface(['function balanceOf(address) view returns (uint256)', 'function transfer(address,uint256) returns (bool)']);

let node: Anvil;
let dir: string;
let mnemonic: string;
let dev: string;
let addr: string[];
let safe: string;
let multiSend: string;
let token: string;

const ok = (r: CliRun): CliRun => {
  if (r.code !== 0) throw new Error(`coldkit exited ${r.code}: ${r.stderr.trim()}`);
  return r;
};
async function receipt(hash: string) {
  for (let i = 0; i < 100; i++) {
    const r = await node.rpc<{ status: string; contractAddress: string | null; logs: { topics: string[]; data: string }[] } | null>('eth_getTransactionReceipt', [hash]);
    if (r) return r;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error('no receipt');
}
const send = async (tx: Record<string, string>) => {
  const r = await receipt(await node.rpc<string>('eth_sendTransaction', [{ from: dev, ...tx }]));
  if (r.status !== '0x1') throw new Error('transaction reverted');
  return r;
};
const deploy = async (bytecode: string) => getAddress((await send({ data: bytecode })).contractAddress!);
const call = (to: string, data: string) => node.rpc<string>('eth_call', [{ to, data }, 'latest']);
const balance = async (a: string) => BigInt(await node.rpc<string>('eth_getBalance', [a, 'latest']));
const tokenBalance = async (a: string) => BigInt(await call(token, TOKEN.encodeFunctionData('balanceOf', [a])));

beforeAll(async () => {
  node = await startAnvil(CHAIN);
  dir = tmpDir('coldkit-safe-anvil-');
  mnemonic = path.join(dir, 'mnemonic.txt');
  fs.writeFileSync(mnemonic, TEST_MNEMONIC + '\n', { mode: 0o600 });
  const exp = ok(await runCli(['--json', 'account', 'export', '--chain', 'eth', '--count', '10', '--mnemonic-file', mnemonic, '--out', path.join(dir, 'acct.json')])).json();
  addr = exp.addresses.map((a: { address: string }) => a.address);
  dev = (await node.rpc<string[]>('eth_accounts'))[0]!;
  const singleton = await deploy(artifact('Safe').bytecode);
  const factory = await deploy(artifact('SafeProxyFactory').bytecode);
  multiSend = await deploy(artifact('MultiSendCallOnly').bytecode);
  token = await deploy(initCode());
  const owners = OWNER_INDEXES.map((i) => addr[i]!);
  const zero = '0x0000000000000000000000000000000000000000';
  const setup = SAFE.encodeFunctionData('setup', [owners, 2, zero, '0x', zero, zero, 0, zero]);
  const create = FACTORY.encodeFunctionData('createProxyWithNonce', [singleton, setup, 1n]);
  safe = getAddress(AbiCoder.defaultAbiCoder().decode(['address'], await call(factory, create))[0] as string);
  await send({ to: factory, data: create });
  await send({ to: safe, value: '0x' + (5n * 10n ** 18n).toString(16) });
  await send({ to: token, data: TOKEN.encodeFunctionData('transfer', [safe, 1_000_000n]) });
}, 90_000);

afterAll(async () => {
  await node?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** create --rpc → contract hash check → two owners sign → collect → checkSignatures → execTransaction. */
async function roundTrip(name: string, createArgs: string[], signArgs: string[] = []) {
  const file = path.join(dir, `${name}.json`);
  const created = ok(await runCli(['--json', 'eth', 'safe', 'tx', 'create', '--safe', safe, '--rpc', node.url, '--out', file, ...createArgs])).json();
  expect(created.filledFromRpc).toEqual(['chainId', 'safeVersion', 'nonce', 'owners', 'threshold', 'currentNonce']);
  const f = JSON.parse(fs.readFileSync(file, 'utf8'));
  expect(f.safeVersion).toBe('1.4.1');
  expect(f.threshold).toBe(2);
  expect(f.owners).toEqual(OWNER_INDEXES.map((i) => addr[i]));
  const t = f.tx;
  const args = [t.to, BigInt(t.value), t.data, t.operation, BigInt(t.safeTxGas), BigInt(t.baseGas), BigInt(t.gasPrice), t.gasToken, t.refundReceiver, BigInt(t.nonce)];
  // The contract is the oracle for the hash.
  const onChain = SAFE.decodeFunctionResult('getTransactionHash', await call(safe, SAFE.encodeFunctionData('getTransactionHash', args)))[0];
  expect(f.hashes.safeTxHash).toBe(onChain);
  const sigs: string[] = [];
  for (const i of [OWNER_INDEXES[2]!, OWNER_INDEXES[0]!]) {
    const s = ok(await runCli(['--json', '--yes', 'eth', 'safe', 'sign', file, '--mnemonic-file', mnemonic, '--index', String(i), '--expect-chain-id', String(CHAIN), '--expect-safe-tx-hash', onChain, ...signArgs])).json();
    expect(s.signer.address).toBe(addr[i]);
    sigs.push(s.signature);
  }
  const collected = ok(await runCli(['--json', 'eth', 'safe', 'collect', file, ...sigs])).json();
  expect(collected.missing).toBe(0);
  expect(collected.signatures.map((s: { owner: string }) => s.owner)).toEqual([addr[OWNER_INDEXES[2]!], addr[OWNER_INDEXES[0]!]].sort((a, b) => (BigInt(a!) < BigInt(b!) ? -1 : 1)));
  // checkSignatures reverts unless the packed signatures are valid, distinct owners in ascending order.
  await call(safe, SAFE.encodeFunctionData('checkSignatures', [onChain, t.data, collected.packed]));
  // One signature is below the threshold: the Safe itself refuses.
  await expect(call(safe, SAFE.encodeFunctionData('checkSignatures', [onChain, t.data, sigs[0]]))).rejects.toThrow();
  // Online: collect into the file, exec builds the execTransaction tx (simulated first); offline: eth sign; online: broadcast.
  ok(await runCli(['eth', 'safe', 'collect', file, ...sigs, '--out', `${file}.signed`]));
  const exec = ok(await runCli(['--json', 'eth', 'safe', 'exec', `${file}.signed`, '--rpc', node.url, '--from', dev, '--index', '0', '--out', `${file}.ur`])).json();
  expect(exec.safe).toMatchObject({ address: safe, safeTxHash: onChain, threshold: 2, simulated: true });
  expect(exec.review.to).toBe(safe);
  expect(exec.review.data.hex).toBe(SAFE.encodeFunctionData('execTransaction', [...args.slice(0, 9), collected.packed]));
  ok(await runCli(['--yes', 'eth', 'sign', `${file}.ur`, '--mnemonic-file', mnemonic, '--expect-chain-id', String(CHAIN), '--out-ur', `${file}.sig.ur`]));
  const sent = ok(await runCli(['--json', 'eth', 'broadcast', '--rpc', node.url, `${file}.sig.ur`, '--request', `${file}.ur`, '--wait'])).json();
  expect(sent.receipt.status).toBe('success');
  const nonceAfter = SAFE.decodeFunctionResult('nonce', await call(safe, SAFE.encodeFunctionData('nonce')))[0];
  expect(nonceAfter).toBe(BigInt(t.nonce) + 1n);
}

describe('Safe 1.4.1 on anvil', () => {
  it('ETH transfer: hash equals getTransactionHash, signatures pass checkSignatures, execTransaction pays the recipient', async () => {
    const before = await balance(addr[RECIPIENTS[0]!]!);
    await roundTrip('eth', ['--to', addr[RECIPIENTS[0]!]!, '--value', '1.5']);
    expect((await balance(addr[RECIPIENTS[0]!]!)) - before).toBe(15n * 10n ** 17n);
  });

  it('ERC-20 transfer from the Safe', async () => {
    await roundTrip('erc20', ['--erc20', token, '--transfer', `${addr[RECIPIENTS[1]!]}:0.25`, '--decimals', '6']);
    expect(await tokenBalance(addr[RECIPIENTS[1]!]!)).toBe(250_000n);
    expect(await tokenBalance(safe)).toBe(750_000n);
  });

  it('MultiSendCallOnly batch of two calls (DELEGATECALL to the trusted deployment)', async () => {
    const [a, b] = RECIPIENTS.map((i) => addr[i]!);
    const beforeA = await balance(a!);
    const data = encodeMultiSendCall([
      { operation: 0, to: a!, value: 10n ** 17n, data: new Uint8Array() },
      { operation: 0, to: token, value: 0n, data: fromHex(TOKEN.encodeFunctionData('transfer', [b, 5n]).slice(2), 'data') },
    ]);
    const dataHex = '0x' + Buffer.from(data).toString('hex');
    // Without trusting the test chain's MultiSend the signer refuses the DELEGATECALL.
    const file = path.join(dir, 'refused.json');
    ok(await runCli(['eth', 'safe', 'tx', 'create', '--safe', safe, '--rpc', node.url, '--out', file, '--to', multiSend, '--operation', 'delegatecall', '--data', dataHex]));
    const refused = await runCli(['--yes', 'eth', 'safe', 'sign', file, '--mnemonic-file', mnemonic, '--index', String(OWNER_INDEXES[0])]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('--allow-safe-delegatecall');
    const tokenBefore = await tokenBalance(b!);
    // The batch built by `--batch` (a Transaction Builder export) is the same multiSend calldata.
    const batchFile = path.join(dir, 'builder-export.json');
    fs.writeFileSync(batchFile, JSON.stringify({ version: '1.0', chainId: String(CHAIN), transactions: [
      { to: a, value: String(10n ** 17n), data: null },
      { to: token, value: '0', data: TOKEN.encodeFunctionData('transfer', [b, 5n]) },
    ] }));
    const viaBatch = ok(await runCli(['--json', 'eth', 'safe', 'tx', 'create', '--safe', safe, '--chain-id', String(CHAIN), '--nonce', '0', '--batch', batchFile, '--multisend', multiSend])).json();
    expect(viaBatch.file.tx).toMatchObject({ to: multiSend, operation: 1, data: dataHex });
    await roundTrip('batch', ['--batch', batchFile, '--multisend', multiSend], ['--multisend', multiSend]);
    expect((await balance(a!)) - beforeA).toBe(10n ** 17n);
    expect((await tokenBalance(b!)) - tokenBefore).toBe(5n);
  });

  it('collect drops a signature of a key that is not an owner', async () => {
    const file = path.join(dir, 'eth.json');
    const f = JSON.parse(fs.readFileSync(file, 'utf8'));
    const stranger = ok(await runCli(['--json', '--yes', 'eth', 'safe', 'sign', file, '--mnemonic-file', mnemonic, '--index', '9', '--allow-safe-not-owner'])).json();
    expect(stranger.overrides).toEqual(['--allow-safe-not-owner']);
    const c = ok(await runCli(['--json', 'eth', 'safe', 'collect', file, stranger.signature])).json();
    expect(c.dropped).toEqual([{ owner: addr[9], reason: 'not an owner' }]);
    expect(c.missing).toBe(f.threshold);
  });
});
