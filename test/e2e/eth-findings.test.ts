/**
 * The online machine warns about exactly what the offline signer would refuse: `eth tx create`
 * and `eth inspect` list the findings of the same core checks (exit 0, text and --json), and
 * `eth sign` / `eth sign-typed-data` with the right seed refuse the same codes (exit 3) — so a
 * request is fixed before it crosses the air gap, not after.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeSignRequest } from '../../src/core/eth/request.js';
import { buildUnsignedTx } from '../../src/core/eth/tx.js';
import { fromHex } from '../../src/core/text.js';
import { runCli, tmpDir, type CliRun } from '../helpers/cli.js';

const MNEMONIC = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const A0 = '0x9858EfFD232B4033E47d90003D41EC34EcaEda94'; // m/44'/60'/0'/0/0
const A1 = '0x6Fac4D18c912343BF86fa7049364Dd4E424Ab9C0';
const approveMax = '0x095ea7b3' + A1.slice(2).toLowerCase().padStart(64, '0') + 'f'.repeat(64);
let dir: string;
const f = (n: string) => path.join(dir, n);
const cli = (args: string[]) => runCli(args, { env: { COLDKIT_JOURNAL: f('journal.jsonl') } });
type View = { code: string; severity: string; override?: string };
const refusals = (fs: View[]) => fs.filter((x) => x.severity === 'refuse').map((x) => x.code);
const ok = (r: CliRun) => {
  expect(r.code, r.stderr).toBe(0);
  return r;
};

beforeAll(() => {
  dir = tmpDir('coldkit-eth-findings-');
  fs.writeFileSync(f('m.txt'), MNEMONIC + '\n', { mode: 0o600 });
});

describe('transactions: tx create and inspect list what eth sign refuses', () => {
  it('a fee above the default cap and an unlimited approval', async () => {
    const created = ok(
      await cli(['--json', 'eth', 'tx', 'create', '--from', A0, '--to', A1, '--data', approveMax, '--chain-id', '1', '--nonce', '0', '--gas-limit', '21000',
        '--max-fee-per-gas', '10000gwei', '--max-priority-fee-per-gas', '1gwei', '--fingerprint', '73c5da0a', '--out', f('risky.ur')]),
    ).json();
    expect(refusals(created.findings)).toEqual(['high-fee', 'unlimited-approval']);
    expect(created.findings.map((x: View) => x.override)).toEqual(['--allow-high-fee', '--allow-unlimited-approval']);

    const inspected = ok(await cli(['--json', 'eth', 'inspect', f('risky.ur')])).json();
    expect(inspected.findings).toEqual(created.findings);
    const text = ok(await cli(['eth', 'inspect', f('risky.ur')])).stdout;
    expect(text).toMatch(/WARNING: the fee can reach 0\.21 .*\(the signer refuses this; --allow-high-fee overrides\)/);
    expect(text).toMatch(/WARNING: UNLIMITED APPROVAL .*\(the signer refuses this; --allow-unlimited-approval overrides\)/);

    const signed = await cli(['--json', '--yes', 'eth', 'sign', f('risky.ur'), '--mnemonic-file', f('m.txt')]);
    expect(signed.code).toBe(3);
    expect(signed.json().error.findings.map((x: View) => x.code)).toEqual(refusals(created.findings));
  });

  it('unknown calldata is listed on both sides and refused as blind signing unless overridden', async () => {
    const created = ok(
      await cli(['--json', 'eth', 'tx', 'create', '--from', A0, '--to', A1, '--data', '0xdeadbeef', '--chain-id', '1', '--nonce', '1', '--gas-limit', '50000',
        '--max-fee-per-gas', '30gwei', '--max-priority-fee-per-gas', '1gwei', '--fingerprint', '73c5da0a', '--out', f('raw.ur')]),
    ).json();
    expect(created.findings).toMatchObject([{ code: 'unknown-calldata', severity: 'refuse', overridable: true, message: expect.stringContaining('selector 0xdeadbeef') }]);
    const refused = await cli(['--json', '--yes', 'eth', 'sign', f('raw.ur'), '--mnemonic-file', f('m.txt')]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('--allow-unknown-calldata');
    const signed = ok(await cli(['--json', '--yes', 'eth', 'sign', f('raw.ur'), '--mnemonic-file', f('m.txt'), '--allow-unknown-calldata'])).json();
    expect(signed.findings.map((x: View) => x.code)).toEqual(['unknown-calldata']);
    expect(signed.overrides).toEqual(['--allow-unknown-calldata']);
  });

  it('a request whose chain id contradicts its payload: listed by inspect, refused by sign with no override', async () => {
    const unsigned = buildUnsignedTx({ type: 2, chainId: 1n, nonce: 2n, gasLimit: 21000n, maxFeePerGas: 30_000_000_000n, maxPriorityFeePerGas: 1n, to: A1, value: 1n, data: new Uint8Array(), accessList: [] });
    const { ur } = makeSignRequest({ requestId: new Uint8Array(16).fill(7), signData: fromHex(unsigned, 'tx'), dataType: 4, chainId: 5n, path: "m/44'/60'/0'/0/0", sourceFingerprint: 0x73c5da0a, address: fromHex(A0, 'a') });
    fs.writeFileSync(f('mismatch.ur'), ur + '\n');
    const inspected = ok(await cli(['--json', 'eth', 'inspect', f('mismatch.ur')])).json();
    expect(inspected.findings).toMatchObject([{ code: 'request-mismatch', severity: 'refuse', overridable: false }]);
    expect(inspected.findings[0].override).toBeUndefined();
    expect(ok(await cli(['eth', 'inspect', f('mismatch.ur')])).stdout).toContain('says chain 5 but its payload is for chain 1 (the signer refuses this; nothing overrides it)');
    const signed = await cli(['--json', '--yes', 'eth', 'sign', f('mismatch.ur'), '--mnemonic-file', f('m.txt')]);
    expect(signed.code).toBe(3);
    expect(signed.json().error.findings.map((x: View) => x.code)).toEqual(['request-mismatch']);
    expect(signed.stderr).not.toContain('--allow-');
  });
});

describe('typed data: inspect lists what sign-typed-data refuses', () => {
  it('an unlimited EIP-2612 Permit', async () => {
    const permit = {
      types: {
        EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'version', type: 'string' }, { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }],
        Permit: [{ name: 'owner', type: 'address' }, { name: 'spender', type: 'address' }, { name: 'value', type: 'uint256' }, { name: 'nonce', type: 'uint256' }, { name: 'deadline', type: 'uint256' }],
      },
      primaryType: 'Permit',
      domain: { name: 'USD Coin', version: '2', chainId: 1, verifyingContract: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48' },
      message: { owner: A0, spender: A1, value: ((1n << 256n) - 1n).toString(), nonce: 0, deadline: 1893456000 },
    };
    fs.writeFileSync(f('permit.json'), JSON.stringify(permit));
    const inspected = ok(await cli(['--json', 'eth', 'inspect', f('permit.json')])).json();
    expect(inspected.findings.map((x: View) => [x.code, x.severity])).toEqual([['unlimited-approval', 'refuse'], ['permit', 'warn']]);
    const signed = await cli(['--json', '--yes', 'eth', 'sign-typed-data', f('permit.json'), '--mnemonic-file', f('m.txt')]);
    expect(signed.code).toBe(3);
    expect(signed.json().error.findings.map((x: View) => x.code)).toEqual(refusals(inspected.findings));
  });
});
