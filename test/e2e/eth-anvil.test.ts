/**
 * End to end against a real node (anvil, chain id 424242 — above 255, so a legacy v takes three
 * bytes): a coldkit-derived account is funded, then for each transaction type 0, 1 and 2 the
 * watch-only side builds the tx with --rpc, a separate offline process signs it (no --rpc), and
 * `eth broadcast --wait` sends it; the receipt status and the recipient's balance are checked.
 * Also an ERC-20 transfer to a hand-assembled token deployed here, and EIP-712 / EIP-191 signatures
 * compared with the node's own eth_signTypedData_v4, personal_sign and eth_sign for the same key
 * (anvil derives its dev keys from the same test mnemonic).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Signature, Transaction } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitSignature } from '../../src/core/eth/request.js';
import { decodeEthSignature } from '../../src/core/transport/ur/eth.js';
import { decodeCbor, cborGet, CborTag } from '../../src/core/transport/cbor.js';
import { decodeUrSingle } from '../../src/core/transport/ur/ur.js';
import { runCli, tmpDir, type CliRun } from '../helpers/cli.js';
import { startAnvil, TEST_MNEMONIC, type Anvil } from '../helpers/anvil.js';
import { initCode, SUPPLY } from '../helpers/evm-token.js';

const CHAIN = 424242n;
const SENDER_INDEX = 7; // not one of anvil's 3 pre-funded dev accounts
const RECIPIENT_INDEX = 8;
let node: Anvil;
let dir: string;
let mnemonic: string;
let wallet: string;
let fingerprint: string;
let addr: string[];
let devAccount: string;

const ok = (r: CliRun): CliRun => {
  if (r.code !== 0) throw new Error(`coldkit exited ${r.code}: ${r.stderr.trim()}`);
  return r;
};
const balance = async (a: string) => BigInt(await node.rpc<string>('eth_getBalance', [a, 'latest']));
const waitReceipt = async (hash: string) => {
  for (let i = 0; i < 100; i++) {
    const r = await node.rpc<{ status: string; contractAddress: string | null } | null>('eth_getTransactionReceipt', [hash]);
    if (r) return r;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error('no receipt');
};
const sendFromDev = async (tx: Record<string, string>) => waitReceipt(await node.rpc<string>('eth_sendTransaction', [{ from: devAccount, ...tx }]));

beforeAll(async () => {
  node = await startAnvil(CHAIN);
  dir = tmpDir('coldkit-anvil-');
  mnemonic = path.join(dir, 'mnemonic.txt');
  fs.writeFileSync(mnemonic, TEST_MNEMONIC + '\n', { mode: 0o600 });
  wallet = path.join(dir, 'eth-account.json');
  const exp = ok(await runCli(['--json', 'account', 'export', '--chain', 'eth', '--count', '10', '--mnemonic-file', mnemonic, '--out', wallet])).json();
  fingerprint = exp.fingerprint;
  addr = exp.addresses.map((a: { address: string }) => a.address);
  devAccount = (await node.rpc<string[]>('eth_accounts'))[0]!;
  // Fund the coldkit account from anvil's dev account 0.
  await sendFromDev({ to: addr[SENDER_INDEX]!, value: '0x' + (10n ** 19n).toString(16) });
}, 60_000);

afterAll(async () => {
  await node?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('anvil node', () => {
  it('derives the same account 0 as coldkit and funded the coldkit sender', async () => {
    expect(devAccount.toLowerCase()).toBe(addr[0]!.toLowerCase());
    expect(await balance(addr[SENDER_INDEX]!)).toBe(10n ** 19n);
    expect(await balance(addr[RECIPIENT_INDEX]!)).toBe(0n);
  });

  let received = 0n;
  for (const [type, viaRequest] of [[0, true], [1, false], [2, true]] as const) {
    it(`type ${type}: create --rpc, sign offline (${viaRequest ? 'eth-sign-request → eth-signature' : 'raw hex'}), broadcast --wait`, async () => {
      const t = path.join(dir, `t${type}`);
      const value = BigInt(type + 1) * 10n ** 17n;
      const created = ok(
        await runCli(['--json', 'eth', 'tx', 'create', '--type', String(type), '--from', addr[SENDER_INDEX]!, '--to', addr[RECIPIENT_INDEX]!, '--value', `${type + 1}00000000000000000wei`,
          '--rpc', node.url, '--wallet', wallet, '--out', `${t}.ur`, '--out-hex', `${t}.hex`]),
      ).json();
      expect(created.filledFromRpc).toEqual(expect.arrayContaining(['chainId', 'nonce', 'gasLimit']));
      expect(created.review.chainId).toBe(CHAIN.toString());
      expect(created.review.type).toBe(type);
      expect(created.signRequest.path).toBe(`m/44h/60h/0h/0/${SENDER_INDEX}`);
      expect(created.signRequest.sourceFingerprint).toBe(fingerprint);
      expect(fs.readFileSync(`${t}.hex`, 'utf8').trim()).toBe(created.unsignedHex);
      // Offline: a separate process, no --rpc.
      const input = viaRequest ? `${t}.ur` : `${t}.hex`;
      const signArgs = ['--json', '--yes', 'eth', 'sign', input, '--mnemonic-file', mnemonic, '--expect-chain-id', CHAIN.toString(), '--max-value', '1', '--out', `${t}.signed`];
      if (viaRequest) signArgs.push('--out-ur', `${t}.sig.ur`);
      else signArgs.push('--index', String(SENDER_INDEX));
      const signed = ok(await runCli(signArgs)).json();
      expect(signed.signer.address).toBe(addr[SENDER_INDEX]);
      expect(signed.overrides).toEqual([]);
      const tx = Transaction.from(signed.signedHex);
      expect(tx.type).toBe(type);
      expect(tx.chainId).toBe(CHAIN);
      expect(tx.from).toBe(addr[SENDER_INDEX]);
      if (type === 0) expect(BigInt(signed.v)).toBe(CHAIN * 2n + 35n + BigInt(signed.yParity)); // EIP-155, > 255
      else expect(signed.v).toBe(String(signed.yParity));
      if (viaRequest) {
        // The eth-signature answers this request id; its r ‖ s ‖ v completes the unsigned tx.
        const ur = decodeUrSingle(fs.readFileSync(`${t}.sig.ur`, 'utf8').trim());
        const map = cborGet.map(decodeCbor(ur.cbor), 'sig');
        const id = (map.get(1) as CborTag).value as Uint8Array;
        expect(Buffer.from(id).toString('hex')).toBe(created.signRequest.requestId.replace(/-/g, ''));
        const sigBytes = cborGet.bytes(map.get(2), 'sig');
        expect(decodeEthSignature(ur.cbor).signature).toEqual(sigBytes);
        expect(sigBytes.length).toBe(type === 0 ? 64 + 3 : 65); // legacy: v = 848519 or 848520 needs three bytes
        const { r, s, v } = splitSignature(sigBytes);
        const rebuilt = Transaction.from(created.unsignedHex);
        rebuilt.signature = Signature.from({ r, s, v: type === 0 ? v : 27n + v });
        expect(rebuilt.serialized).toBe(signed.signedHex);
      }
      // The eth-signature path: the online side completes the request's unsigned tx with the answer.
      const toSend = viaRequest ? [`${t}.sig.ur`, '--request', `${t}.ur`] : [`${t}.signed`];
      const sent = ok(await runCli(['--json', 'eth', 'broadcast', '--rpc', node.url, ...toSend, '--wait'])).json();
      expect(sent.txHash).toBe(signed.txHash);
      expect(sent.receipt.status).toBe('success');
      received += value;
      expect(await balance(addr[RECIPIENT_INDEX]!)).toBe(received);
    });
  }

  it('type 2 through QR pixels both ways: create --qr-png, sign --from-qr --qr-png, broadcast --from-qr --request', async () => {
    const t = path.join(dir, 'qr');
    const before = await balance(addr[RECIPIENT_INDEX]!);
    ok(await runCli(['eth', 'tx', 'create', '--from', addr[SENDER_INDEX]!, '--to', addr[RECIPIENT_INDEX]!, '--value', '0.01', '--rpc', node.url, '--wallet', wallet, '--out', `${t}.ur`, '--qr-png', `${t}-request`]));
    ok(await runCli(['--yes', 'eth', 'sign', '--from-qr', `${t}-request`, '--mnemonic-file', mnemonic, '--expect-chain-id', CHAIN.toString(), '--qr-png', `${t}-signature`]));
    const sent = ok(await runCli(['--json', 'eth', 'broadcast', '--from-qr', `${t}-signature`, '--request', `${t}.ur`, '--rpc', node.url, '--wait'])).json();
    expect(sent.receipt.status).toBe('success');
    expect(sent.from).toBe(addr[SENDER_INDEX]);
    expect(await balance(addr[RECIPIENT_INDEX]!)).toBe(before + 10n ** 16n);
  });

  it('eth sign --json output broadcast as it is: the signer journal\'s head it carries is journaled online and proven offline', async () => {
    const t = path.join(dir, 'anchored');
    const offline = ['--journal', `${t}-offline.jsonl`];
    const online = ['--journal', `${t}-online.jsonl`];
    ok(await runCli([...offline, 'account', 'export', '--chain', 'eth', '--mnemonic-file', mnemonic])); // a non-empty signer journal
    const head = ok(await runCli([...offline, '--json', 'journal', 'head'])).json();
    ok(await runCli(['eth', 'tx', 'create', '--from', addr[SENDER_INDEX]!, '--to', addr[RECIPIENT_INDEX]!, '--value', '0.001', '--rpc', node.url, '--wallet', wallet, '--out', `${t}.ur`]));
    const signed = ok(await runCli([...offline, '--json', '--yes', 'eth', 'sign', `${t}.ur`, '--mnemonic-file', mnemonic, '--expect-chain-id', CHAIN.toString()]));
    fs.writeFileSync(`${t}.json`, signed.stdout);
    expect(signed.json().journalAnchor).toEqual({ seq: head.seq, hash: head.head, words: head.words });
    // An altered file: the hash it states is not the transaction's.
    fs.writeFileSync(`${t}-altered.json`, JSON.stringify({ ...signed.json(), txHash: '0x' + '11'.repeat(32) }));
    const altered = await runCli([...online, 'eth', 'broadcast', '--rpc', node.url, `${t}-altered.json`]);
    expect(altered.code).toBe(2);
    expect(altered.stderr).toMatch(/signed\.txHash: txHash 0x1111.* is not the hash of signedHex/);
    const sent = ok(await runCli([...online, '--json', 'eth', 'broadcast', '--rpc', node.url, `${t}.json`, '--wait']));
    expect(sent.json().txHash).toBe(signed.json().txHash);
    expect(sent.json().receipt.status).toBe('success');
    expect(sent.json().journalAnchor).toEqual(signed.json().journalAnchor);
    expect(sent.stderr).toContain(`signer journal #${head.seq} ${head.words} (journaled here`);
    const entry = JSON.parse(fs.readFileSync(`${t}-online.jsonl`, 'utf8').trimEnd().split('\n').at(-1)!);
    expect(entry).toMatchObject({ op: 'eth.broadcast', data: { txHash: signed.json().txHash, journalAnchor: { seq: head.seq, hash: head.head } } });
    fs.writeFileSync(`${t}-entry.json`, JSON.stringify(entry));
    const v = await runCli([...offline, 'journal', 'verify', '--anchor-from', `${t}-entry.json`]);
    expect(v.code, v.stderr).toBe(0);
    // Raw hex (a foreign form) carries no anchor: nothing journaled under journalAnchor.
    ok(await runCli(['eth', 'tx', 'create', '--from', addr[SENDER_INDEX]!, '--to', addr[RECIPIENT_INDEX]!, '--value', '0.001', '--rpc', node.url, '--wallet', wallet, '--out', `${t}2.ur`]));
    ok(await runCli([...offline, '--yes', 'eth', 'sign', `${t}2.ur`, '--mnemonic-file', mnemonic, '--expect-chain-id', CHAIN.toString(), '--out', `${t}2.signed`]));
    const raw = ok(await runCli([...online, '--json', 'eth', 'broadcast', '--rpc', node.url, `${t}2.signed`, '--wait'])).json();
    expect(raw.journalAnchor).toBeUndefined();
  });

  it('ERC-20: transfer on a hand-assembled token deployed here', async () => {
    const deployed = await sendFromDev({ data: initCode() });
    expect(deployed.status).toBe('0x1');
    const token = deployed.contractAddress!;
    const balanceOf = async (a: string) => BigInt(await node.rpc<string>('eth_call', [{ to: token, data: '0x70a08231' + a.slice(2).toLowerCase().padStart(64, '0') }, 'latest']));
    expect(await balanceOf(devAccount)).toBe(SUPPLY);
    // Give the coldkit sender 500 tokens (6 decimals).
    const give = await sendFromDev({ to: token, data: '0xa9059cbb' + addr[SENDER_INDEX]!.slice(2).toLowerCase().padStart(64, '0') + (500_000_000n).toString(16).padStart(64, '0') });
    expect(give.status).toBe('0x1');
    const t = path.join(dir, 'erc20');
    const created = ok(await runCli(['--json', 'eth', 'tx', 'create', '--from', addr[SENDER_INDEX]!, '--erc20', token, '--to', addr[RECIPIENT_INDEX]!, '--amount', '12.5', '--decimals', '6', '--rpc', node.url, '--wallet', wallet, '--out', `${t}.ur`])).json();
    expect(created.review.to.toLowerCase()).toBe(token.toLowerCase());
    expect(created.review.value).toBe('0');
    expect(created.review.data.erc20).toEqual({ method: 'transfer', to: addr[RECIPIENT_INDEX], amount: '12500000' });
    const inspected = ok(await runCli(['eth', 'inspect', `${t}.ur`])).stdout;
    expect(inspected).toContain(`ERC-20 transfer(to ${addr[RECIPIENT_INDEX]}, amount 12500000 base units)`);
    const signed = ok(await runCli(['--json', '--yes', 'eth', 'sign', `${t}.ur`, '--mnemonic-file', mnemonic, '--expect-chain-id', CHAIN.toString(), '--out', `${t}.signed`])).json();
    const sent = ok(await runCli(['--json', 'eth', 'broadcast', '--rpc', node.url, `${t}.signed`, '--wait'])).json();
    expect(sent.receipt.status).toBe('success');
    expect(await balanceOf(addr[RECIPIENT_INDEX]!)).toBe(12_500_000n);
    expect(await balanceOf(addr[SENDER_INDEX]!)).toBe(487_500_000n);
    expect(signed.review.data.erc20.method).toBe('transfer');
  });
});

describe('signatures equal the node’s for the same key', () => {
  const person = (name: string, wallet: string) => ({ name, wallet });
  const docs: Record<string, unknown> = {
    mail: {
      types: {
        EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'version', type: 'string' }, { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }],
        Person: [{ name: 'name', type: 'string' }, { name: 'wallet', type: 'address' }],
        Mail: [{ name: 'from', type: 'Person' }, { name: 'to', type: 'Person' }, { name: 'contents', type: 'string' }],
      },
      primaryType: 'Mail',
      domain: { name: 'Ether Mail', version: '1', chainId: Number(CHAIN), verifyingContract: '0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC' },
      message: { from: person('Cow', '0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826'), to: person('Bob', '0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB'), contents: 'Hello, Bob!' },
    },
    permit: {
      types: {
        EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'version', type: 'string' }, { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }],
        Permit: [{ name: 'owner', type: 'address' }, { name: 'spender', type: 'address' }, { name: 'value', type: 'uint256' }, { name: 'nonce', type: 'uint256' }, { name: 'deadline', type: 'uint256' }],
      },
      primaryType: 'Permit',
      domain: { name: 'USD Coin', version: '2', chainId: CHAIN.toString(), verifyingContract: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48' },
      message: { owner: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', spender: '0x1111111254EEB25477B68fb85Ed929f73A960582', value: '1000000', nonce: 0, deadline: '1893456000' },
    },
    arrays: {
      types: {
        EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'chainId', type: 'uint256' }, { name: 'salt', type: 'bytes32' }],
        Person: [{ name: 'name', type: 'string' }, { name: 'wallet', type: 'address' }],
        Group: [{ name: 'title', type: 'string' }, { name: 'members', type: 'Person[]' }, { name: 'tags', type: 'bytes32[2]' }, { name: 'open', type: 'bool' }, { name: 'delta', type: 'int256' }, { name: 'blob', type: 'bytes' }, { name: 'scores', type: 'uint8[]' }],
      },
      primaryType: 'Group',
      domain: { name: 'Groups', chainId: '0x' + CHAIN.toString(16), salt: '0x' + 'ab'.repeat(32) },
      message: {
        title: 'Board ✓',
        members: [person('Alice', '0x00000000000000000000000000000000000000a1'), person('Bob', '0x00000000000000000000000000000000000000b2')],
        tags: ['0x' + '01'.repeat(32), '0x' + '02'.repeat(32)],
        open: true,
        delta: '-42',
        blob: '0xdeadbeef',
        scores: [1, 2, 255],
      },
    },
    // No EIP712Domain in types: the domain's type is inferred from its fields (name, chainId here).
    inferredDomain: {
      types: { Vote: [{ name: 'proposal', type: 'uint256' }, { name: 'support', type: 'bool' }, { name: 'reason', type: 'string' }] },
      primaryType: 'Vote',
      domain: { name: 'Governor', chainId: Number(CHAIN) },
      message: { proposal: '7', support: false, reason: '' },
    },
  };
  for (const [name, doc] of Object.entries(docs)) {
    it(`EIP-712 ${name}: coldkit sign-typed-data = anvil eth_signTypedData_v4`, async () => {
      const file = path.join(dir, `${name}.json`);
      fs.writeFileSync(file, JSON.stringify(doc, null, 2));
      const mine = ok(await runCli(['--json', '--yes', 'eth', 'sign-typed-data', file, '--mnemonic-file', mnemonic, '--index', '0', '--expect-chain-id', CHAIN.toString()])).json();
      const theirs = await node.rpc<string>('eth_signTypedData_v4', [devAccount, JSON.stringify(doc)]);
      expect(mine.signature).toBe(theirs);
      expect(mine.review.permit).toBe(name === 'permit' ? 'EIP-2612 Permit' : null);
    });
  }

  const messages: Record<string, Uint8Array> = {
    text: new TextEncoder().encode('I control this address — coldkit test\n'),
    binary: Uint8Array.from([0x00, 0xff, 0x19, 0x45, 0x0a, 0x80, 0x7f]),
  };
  for (const [name, bytes] of Object.entries(messages)) {
    it(`EIP-191 ${name}: coldkit sign-message = anvil personal_sign = eth_sign`, async () => {
      const file = path.join(dir, `${name}.msg`);
      fs.writeFileSync(file, bytes);
      // Bytes that are not readable text are refused as blind signing unless overridden (finding binary-message).
      const allow = name === 'binary' ? ['--allow-binary-message'] : [];
      const mine = ok(await runCli(['--json', '--yes', 'eth', 'sign-message', file, '--mnemonic-file', mnemonic, '--index', '0', ...allow])).json();
      const hex = '0x' + Buffer.from(bytes).toString('hex');
      expect(mine.signature).toBe(await node.rpc<string>('personal_sign', [hex, devAccount]));
      expect(mine.signature).toBe(await node.rpc<string>('eth_sign', [devAccount, hex]));
    });
  }
});
