/**
 * A legacy (type 0) EIP-155 transaction on chain 424242 through QR pixels, as a black box: v =
 * 424242·2 + 35 + yParity needs three bytes, so the eth-signature carries 67 bytes r ‖ s ‖ v
 * (EIP-4527 as Keystone / MetaMask's QR keyring write it). Built offline (no --rpc), signed to PNG
 * frames, read back by `qr decode --dir` and by `eth broadcast --from-qr`, which sends it to a real
 * node (anvil on chain 424242; its dev account 0 is m/44'/60'/0'/0/0 of the test mnemonic, funded).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getAddress, Transaction } from 'ethers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { decodeEthSignature } from '../../src/core/transport/ur/eth.js';
import { decodeUrSingle } from '../../src/core/transport/ur/ur.js';
import { toHex } from '../../src/core/text.js';
import { runCli, tmpDir, type CliRun } from '../helpers/cli.js';
import { startAnvil, TEST_MNEMONIC, type Anvil } from '../helpers/anvil.js';

const CHAIN = 424242n;
const FROM = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'; // m/44'/60'/0'/0/0 of TEST_MNEMONIC (anvil dev account 0)
const TO = getAddress('0x' + 'c0de'.padStart(40, '0')); // an empty account
let node: Anvil;
let dir: string;
let journal: string;
const f = (name: string) => path.join(dir, name);
const ok = async (args: string[]): Promise<CliRun> => {
  const r = await runCli(args, { env: { COLDKIT_JOURNAL: journal } });
  if (r.code !== 0) throw new Error(`coldkit ${args.slice(0, 4).join(' ')} exited ${r.code}: ${r.stderr.trim()}`);
  return r;
};

beforeAll(async () => {
  node = await startAnvil(CHAIN);
  dir = tmpDir('coldkit-eth-legacy-qr-');
  journal = f('journal.jsonl');
  fs.writeFileSync(f('mnemonic.txt'), TEST_MNEMONIC + '\n', { mode: 0o600 });
}, 60_000);

afterAll(async () => {
  await node?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

it('type 0 on chain 424242: create offline, sign --qr-png, qr decode --dir, broadcast --from-qr (3-byte v)', async () => {
  const created = (
    await ok(['--json', 'eth', 'tx', 'create', '--type', '0', '--from', FROM, '--to', TO, '--value', '0.01', '--chain-id', CHAIN.toString(), '--nonce', '0',
      '--gas-limit', '21000', '--gas-price', '10gwei', '--out', f('t.ur')])
  ).json();
  expect(created.review.type).toBe(0);
  expect(created.signRequest.dataType).toBe(1);

  const signed = (await ok(['--json', '--yes', 'eth', 'sign', f('t.ur'), '--mnemonic-file', f('mnemonic.txt'), '--expect-chain-id', CHAIN.toString(), '--qr-png', f('sig')])).json();
  expect(signed.signer.address).toBe(FROM);
  const v = CHAIN * 2n + 35n + BigInt(signed.yParity); // EIP-155
  expect(BigInt(signed.v)).toBe(v);
  expect(fs.readdirSync(f('sig')).filter((n) => n.endsWith('.png')).length).toBeGreaterThan(0);

  // qr decode reads the frames back: an eth-signature of r ‖ s ‖ v with v in three bytes.
  const decoded = (await ok(['--json', 'qr', 'decode', '--dir', f('sig')])).json();
  expect(decoded.kind).toBe('eth-signature');
  expect(decoded.payload).toBe(signed.ethSignature.ur);
  const sig = decodeEthSignature(decodeUrSingle(decoded.payload).cbor);
  expect(sig.signature.length).toBe(67);
  expect(BigInt('0x' + toHex(sig.signature.subarray(64)))).toBe(v);
  const tx = Transaction.from(signed.signedHex);
  expect('0x' + toHex(sig.signature.subarray(0, 32))).toBe(tx.signature!.r);
  expect('0x' + toHex(sig.signature.subarray(32, 64))).toBe(tx.signature!.s);
  expect(toHex(sig.requestId!)).toBe(created.signRequest.requestId.replace(/-/g, ''));

  // eth broadcast completes the request's unsigned tx with the scanned signature and sends it.
  const sent = (await ok(['--json', 'eth', 'broadcast', '--from-qr', f('sig'), '--request', f('t.ur'), '--rpc', node.url, '--wait'])).json();
  expect(sent.txHash).toBe(signed.txHash);
  expect(sent.from).toBe(FROM);
  expect(sent.chainId).toBe(CHAIN.toString());
  expect(sent.receipt.status).toBe('success');
  expect(BigInt(await node.rpc<string>('eth_getBalance', [TO, 'latest']))).toBe(10n ** 16n);
}, 60_000);
