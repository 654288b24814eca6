/**
 * `eth sign` as a black box with another seed than the request's: the refusal names the
 * fingerprint mismatch first (the cause) and every other finding with it (the sender that follows
 * from it, and the request's own problems), in one run; overriding some leaves the rest named.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tmpDir } from '../../helpers/cli.js';

const OURS = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const OTHER = 'test test test test test test test test test test test junk';
const A0 = '0x9858EfFD232B4033E47d90003D41EC34EcaEda94'; // m/44'/60'/0'/0/0 of OURS
const B0 = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'; // m/44'/60'/0'/0/0 of OTHER
const A1 = '0x6Fac4D18c912343BF86fa7049364Dd4E424Ab9C0';
const approveMax = '0x095ea7b3' + A1.slice(2).toLowerCase().padStart(64, '0') + 'f'.repeat(64);
let dir: string;
const f = (n: string) => path.join(dir, n);
const env = () => ({ COLDKIT_JOURNAL: f('journal.jsonl') });
const create = async (name: string, extra: string[]) => {
  const r = await runCli(['eth', 'tx', 'create', '--from', A0, '--to', A1, '--chain-id', '1', '--nonce', '0', '--gas-limit', '21000', '--max-priority-fee-per-gas', '1gwei', '--fingerprint', '73c5da0a', '--out', f(name), ...extra], { env: env() });
  expect(r.code, r.stderr).toBe(0);
  return f(name);
};
const signWith = (seed: string, req: string, extra: string[] = []) => runCli(['--json', '--yes', 'eth', 'sign', req, '--mnemonic-file', f(seed), '--out', f('signed.hex'), ...extra], { env: env() });
const codes = (j: any): string[] => j.error.findings.map((x: { code: string }) => x.code);

beforeAll(() => {
  dir = tmpDir('coldkit-eth-sign-');
  fs.writeFileSync(f('ours.txt'), OURS + '\n', { mode: 0o600 });
  fs.writeFileSync(f('other.txt'), OTHER + '\n', { mode: 0o600 });
});

describe('eth sign with another seed', () => {
  it('an honest request: the fingerprint mismatch first, the sender mismatch with it (exit 3)', async () => {
    const req = await create('honest.ur', ['--value', '0.01', '--max-fee-per-gas', '30gwei']);
    const r = await signWith('other.txt', req);
    expect(r.code, r.stderr).toBe(3);
    expect(codes(r.json())).toEqual(['fingerprint-mismatch', 'from-mismatch']);
    const line = r.stderr.trim();
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toMatch(/^coldkit: the request is for master fingerprint 73c5da0a but this seed is [0-9a-f]{8} \(another seed, or another passphrase\?\); the sender should be 0x9858EfFD/);
    expect(line).toContain(`key at this path is ${B0}`);
    expect(line).toContain('--allow-fingerprint-mismatch, --allow-from-mismatch overrides');
    expect(fs.existsSync(f('signed.hex'))).toBe(false);
    expect(fs.existsSync(f('journal.jsonl')) ? fs.readFileSync(f('journal.jsonl'), 'utf8') : '').not.toContain('"op":"eth.sign"');
  });

  it('a risky request: every finding at once, identity, then chain, fee, approval', async () => {
    const req = await create('risky.ur', ['--value', '0', '--data', approveMax, '--max-fee-per-gas', '10000gwei']);
    const r = await signWith('other.txt', req, ['--expect-chain-id', '10']);
    expect(r.code, r.stderr).toBe(3);
    const j = r.json();
    expect(codes(j)).toEqual(['fingerprint-mismatch', 'from-mismatch', 'chain-id-mismatch', 'high-fee', 'unlimited-approval']);
    expect(j.error.findings.map((x: { override: string }) => x.override)).toEqual(codes(j).map((c) => `--allow-${c}`));
    expect(j.error.findings.map((x: { rank: number }) => x.rank)).toEqual([...j.error.findings.map((x: { rank: number }) => x.rank)].sort((a, b) => a - b));

    // Overriding the identity leaves the request's own problems, still all named.
    const some = await signWith('other.txt', req, ['--expect-chain-id', '10', '--allow-fingerprint-mismatch', '--allow-from-mismatch']);
    expect(some.code).toBe(3);
    expect(codes(some.json())).toEqual(['chain-id-mismatch', 'high-fee', 'unlimited-approval']);

    // The right seed: only the request's problems.
    const ours = await signWith('ours.txt', req, ['--expect-chain-id', '10']);
    expect(codes(ours.json())).toEqual(['chain-id-mismatch', 'high-fee', 'unlimited-approval']);
    expect(fs.existsSync(f('signed.hex'))).toBe(false);
  });

  it('every override given: signed by the other seed, each override journaled in rank order', async () => {
    const req = await create('allowed.ur', ['--value', '0', '--data', approveMax, '--max-fee-per-gas', '10000gwei']);
    const allow = ['--allow-unlimited-approval', '--allow-high-fee', '--allow-from-mismatch', '--allow-fingerprint-mismatch'];
    const r = await signWith('other.txt', req, allow);
    expect(r.code, r.stderr).toBe(0);
    const j = r.json();
    const order = ['--allow-fingerprint-mismatch', '--allow-from-mismatch', '--allow-high-fee', '--allow-unlimited-approval'];
    expect(j.signer.address).toBe(B0);
    expect(j.overrides).toEqual(order);
    expect(j.findings.filter((x: { severity: string }) => x.severity === 'refuse').map((x: { override: string }) => x.override)).toEqual(order);
    const last = fs.readFileSync(f('journal.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l)).at(-1);
    expect(last).toMatchObject({ op: 'eth.sign', data: { from: B0, overrides: order } });
    expect(fs.readFileSync(f('signed.hex'), 'utf8').trim()).toBe(j.signedHex);
  });
});
