/**
 * A mistyped gas price or gas limit is refused by default (--max-fee 0.1 native units), like
 * psbt sign's fee limits; --allow-high-fee signs and is journaled.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tmpDir } from '../../helpers/cli.js';

const MNEMONIC = 'test test test test test test test test test test test junk';
const FROM = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'; // m/44'/60'/0'/0/0 of MNEMONIC
const TO = '0x000000000000000000000000000000000000c0de';

describe('eth sign fee cap', () => {
  it('refuses a fee above --max-fee (default 0.1), signs with --allow-high-fee and journals it', async () => {
    const dir = tmpDir();
    const f = (n: string) => path.join(dir, n);
    const env = { COLDKIT_JOURNAL: f('journal.jsonl') };
    fs.writeFileSync(f('m.txt'), MNEMONIC + '\n', { mode: 0o600 });
    // 21000 gas × 10,000 gwei = 0.21 ETH of fee for a 0.01 ETH payment: a typo in the gas price.
    const created = await runCli(['eth', 'tx', 'create', '--type', '2', '--from', FROM, '--to', TO, '--value', '0.01', '--chain-id', '1', '--nonce', '0',
      '--gas-limit', '21000', '--max-fee-per-gas', '10000gwei', '--max-priority-fee-per-gas', '1gwei', '--out-hex', f('t.hex')], { env });
    expect(created.code, created.stderr).toBe(0);
    const refused = await runCli(['--yes', 'eth', 'sign', f('t.hex'), '--mnemonic-file', f('m.txt')], { env });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/fee can reach 0\.21 .*above --max-fee 0\.1.*--allow-high-fee/);
    const raised = await runCli(['--yes', 'eth', 'sign', f('t.hex'), '--mnemonic-file', f('m.txt'), '--max-fee', '0.5'], { env });
    expect(raised.code, raised.stderr).toBe(0);
    const allowed = await runCli(['--yes', 'eth', 'sign', f('t.hex'), '--mnemonic-file', f('m.txt'), '--allow-high-fee'], { env });
    expect(allowed.code, allowed.stderr).toBe(0);
    const ops = fs.readFileSync(f('journal.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const signs = ops.filter((e) => e.op === 'eth.sign');
    expect(signs).toHaveLength(2);
    expect(signs[0].data.overrides).toEqual([]);
    expect(signs[1].data.overrides).toEqual(['--allow-high-fee']);
  });
});
