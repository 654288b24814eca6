/**
 * The Ethereum signers with a key the journal records as retired (`coldkit key retire`):
 * `eth sign`, `eth sign-typed-data` and `eth safe sign` refuse with exit 3 naming the retirement
 * and --allow-retired-key; with the override they sign and the journal records the override.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tmpDir } from '../../helpers/cli.js';

const OURS = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const FP = '73c5da0a';
const A0 = '0x9858EfFD232B4033E47d90003D41EC34EcaEda94'; // m/44'/60'/0'/0/0 of OURS
const A1 = '0x6Fac4D18c912343BF86fa7049364Dd4E424Ab9C0';
const ZERO = '0x0000000000000000000000000000000000000000';
let dir: string;
const f = (n: string) => path.join(dir, n);
const cli = (args: string[]) => runCli(args, { env: { COLDKIT_JOURNAL: f('journal.jsonl') } });
const lastEntry = () => JSON.parse(fs.readFileSync(f('journal.jsonl'), 'utf8').trim().split('\n').at(-1)!);

beforeAll(async () => {
  dir = tmpDir('coldkit-eth-retired-');
  fs.writeFileSync(f('m.txt'), OURS + '\n', { mode: 0o600 });
  expect((await cli(['seed', 'check', '--mnemonic-file', f('m.txt')])).code).toBe(0);
  const r = await cli(['key', 'retire', FP, '--reason', 'rotated to the 2027 seed']);
  expect(r.code, r.stderr).toBe(0);
  const tx = await cli(['eth', 'tx', 'create', '--from', A0, '--to', A1, '--chain-id', '1', '--nonce', '0', '--gas-limit', '21000', '--max-priority-fee-per-gas', '1gwei', '--max-fee-per-gas', '30gwei', '--value', '0.01', '--out', f('tx.ur')]);
  expect(tx.code, tx.stderr).toBe(0);
  const td = {
    types: { EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'chainId', type: 'uint256' }], Mail: [{ name: 'contents', type: 'string' }] },
    primaryType: 'Mail',
    domain: { name: 'Ether Mail', chainId: 1 },
    message: { contents: 'Hello, Bob!' },
  };
  fs.writeFileSync(f('td.json'), JSON.stringify(td));
  const safe = {
    format: 'coldkit-safe-tx', version: 1, safe: '0x1Db92e2EeBC8E0c075a02BeA49a2935BcD2dFCF4', chainId: '1', safeVersion: '1.4.1',
    tx: { to: A1, value: '1000', data: '0x', operation: 0, safeTxGas: '0', baseGas: '0', gasPrice: '0', gasToken: ZERO, refundReceiver: ZERO, nonce: '3' },
  };
  fs.writeFileSync(f('safe.json'), JSON.stringify(safe));
});

const cases: [string, string[], string][] = [
  ['eth sign', ['eth', 'sign', 'tx.ur'], 'eth.sign'],
  ['eth sign-typed-data', ['eth', 'sign-typed-data', 'td.json'], 'eth.sign-typed-data'],
  ['eth safe sign', ['eth', 'safe', 'sign', 'safe.json'], 'eth.safe.sign'],
];

describe('Ethereum signing with a retired key', () => {
  for (const [name, args, op] of cases) {
    it(`${name}: refused unless --allow-retired-key, and the override is journaled`, async () => {
      const full = ['--json', '--yes', ...args.slice(0, -1), f(args.at(-1)!), '--mnemonic-file', f('m.txt')];
      const refused = await cli(full);
      expect(refused.code, refused.stderr).toBe(3);
      expect(refused.stderr).toMatch(new RegExp(`key ${FP} was retired at journal entry #\\d+ .*rotated to the 2027 seed.*--allow-retired-key`));
      expect(refused.json().error.findings.map((x: { code: string }) => x.code)).toContain('retired-key');
      const ok = await cli([...full, '--allow-retired-key']);
      expect(ok.code, ok.stderr).toBe(0);
      expect(lastEntry()).toMatchObject({ op, data: { overrides: ['--allow-retired-key'] } });
    });
  }
});
