/**
 * The Ethereum signers under an adopted signing policy, as a black box: `eth tx create --policy`
 * warns online; `eth sign` is refused without approvals, with a looser `--max-fee`, and past the
 * rule's 7-day velocity; signed with an approval made by ssh-keygen with an ECDSA P-256 key, the
 * decision journaled. `eth sign-typed-data` judges a SafeTx as the Safe's transaction (a CALL
 * within the Safe rule signs, a DELEGATECALL is refused) and refuses other typed data (a Permit),
 * which no rule can bound.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeHashes } from '../../../src/core/eth/safe/hash.js';
import { versionShape } from '../../../src/core/eth/safe/versions.js';
import { NAMESPACE } from '../../../src/core/policy/policy.js';
import { SAMPLE_MNEMONIC } from '../../helpers/build-psbt.js';
import { runCli, tmpDir } from '../../helpers/cli.js';
import { policyBytes, policyDoc, team } from '../../helpers/policy.js';

const A0 = '0x9858EfFD232B4033E47d90003D41EC34EcaEda94'; // m/44'/60'/0'/0/0 of the sample mnemonic
const A1 = '0x6Fac4D18c912343BF86fa7049364Dd4E424Ab9C0';
const SAFE = '0x5aFE3855358E112B5647B952709E6165e1c1eEEe';
const t = team();
const dir = tmpDir('coldkit-eth-policy-');
const journal = path.join(dir, 'journal.jsonl');
const at = (name: string): string => path.join(dir, name);
const write = (name: string, data: string | Uint8Array): string => (fs.writeFileSync(at(name), data), at(name));
const cli = (args: string[]) => runCli(args, { env: { COLDKIT_JOURNAL: journal }, timeoutMs: 120_000 });
const last = (): { op: string; data: Record<string, any> } => JSON.parse(fs.readFileSync(journal, 'utf8').trim().split('\n').at(-1)!);
const codes = (r: { json: () => any }): string[] => (r.json().error.findings ?? []).map((f: { code: string }) => f.code);

const safeRule = { id: 'safe-ops', chain: 'safe', chainIds: [1], wallets: [SAFE], maxPerTx: '1', approvals: { quorum: 1, of: ['carol', 'dave'] } };
const doc = policyDoc(t);
const policy = policyBytes({ ...doc, rules: [...doc.rules, safeRule] });

/** An unsigned 1559 transfer of `eth` ETH from A0 (nonce n), its hex written to FILE. */
const txCreate = (file: string, eth: string, nonce: number, more: string[] = []) =>
  cli(['--json', 'eth', 'tx', 'create', '--from', A0, '--to', A1, '--value', eth, '--chain-id', '1', '--nonce', String(nonce), '--gas-limit', '21000', '--max-fee-per-gas', '30gwei', '--max-priority-fee-per-gas', '1gwei', '--out-hex', at(file), ...more]);
const request = (payload: string, out: string, more: string[] = []) => cli(['--json', 'approval', 'request', at(payload), '--policy', at('policy.json'), '--out', at(out), ...more]);
const approve = (who: 'carol' | 'dave', req: string): string => write(`${req}.${who}.sig`, t.keygen.signBytes(t.keys[who], NAMESPACE.approval, fs.readFileSync(at(req))));
const ethSign = (file: string, more: string[] = []) => cli(['--json', '--yes', '--operator', 'alice', 'eth', 'sign', at(file), '--mnemonic-file', at('mnemonic.txt'), ...more]);
const signTd = (file: string, more: string[] = []) => cli(['--json', '--yes', '--operator', 'alice', 'eth', 'sign-typed-data', at(file), '--mnemonic-file', at('mnemonic.txt'), ...more]);

/** The SafeTx type as Safe's contracts spell it (SAFE_TX_TYPEHASH, Safe >= 1.0). */
const SAFE_TX_TYPE = 'SafeTx(address to,uint256 value,bytes data,uint8 operation,uint256 safeTxGas,uint256 baseGas,uint256 gasPrice,address gasToken,address refundReceiver,uint256 nonce)'
  .slice(7, -1)
  .split(',')
  .map((f) => ({ type: f.split(' ')[0]!, name: f.split(' ')[1]! }));
const ZERO = '0x0000000000000000000000000000000000000000';
const safeTx = (operation: number) =>
  JSON.stringify({
    types: { EIP712Domain: [{ name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }], SafeTx: SAFE_TX_TYPE },
    primaryType: 'SafeTx',
    domain: { chainId: 1, verifyingContract: SAFE },
    message: { to: A1, value: '500000000000000000', data: '0x', operation, safeTxGas: '0', baseGas: '0', gasPrice: '0', gasToken: ZERO, refundReceiver: ZERO, nonce: '3' },
  });

beforeAll(async () => {
  write('mnemonic.txt', SAMPLE_MNEMONIC + '\n');
  write('policy.json', policy);
  const sigs = (['alice', 'bob'] as const).map((who) => write(`${who}-policy.sig`, t.keygen.signBytes(t.keys[who], NAMESPACE.policy, policy)));
  const r = await cli(['policy', 'adopt', at('policy.json'), ...sigs.flatMap((s) => ['--approval', s])]);
  expect(r.code, r.stderr).toBe(0);
}, 120_000);
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(t.keygen.dir, { recursive: true, force: true });
});

describe('eth tx create --policy (online)', () => {
  it('names the rule a transfer within it falls under', async () => {
    const r = await txCreate('tx1.hex', '1', 7, ['--policy', at('policy.json')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().policy).toMatchObject({ rule: 'eth-ops', signerWouldRefuse: [] });
  });
  it('warns about what the signer would refuse, and still writes the transaction', async () => {
    const r = await txCreate('big.hex', '2', 7, ['--policy', at('policy.json')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().policy.signerWouldRefuse.map((x: { code: string }) => x.code)).toContain('policy-no-rule');
    expect(r.stderr).toMatch(/WARNING: under policy "treasury" the signer will refuse/);
    expect(fs.existsSync(at('big.hex'))).toBe(true);
  });
});

describe('eth sign under the policy', () => {
  it('refuses without approvals and journals the refusal', async () => {
    const r = await ethSign('tx1.hex');
    expect(r.code, r.stderr).toBe(3);
    expect(codes(r)).toContain('policy-no-rule');
    expect(last()).toMatchObject({ op: 'policy.refuse', data: { command: 'eth.sign' } });
  });
  it('refuses a --max-fee looser than the default before reading the seed', async () => {
    const r = await ethSign('tx1.hex', ['--max-fee', '1']);
    expect(r.code, r.stderr).toBe(3);
    expect(codes(r)).toContain('policy-override-refused');
  });
  it("signs with dave's approval (ECDSA P-256 key, ssh-keygen) and journals rule and approver", async () => {
    expect((await request('tx1.hex', 'tx1.req', ['--from', A0])).code).toBe(0);
    const r = await ethSign('tx1.hex', ['--approval-request', at('tx1.req'), '--approval', approve('dave', 'tx1.req')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().policy).toMatchObject({ rule: 'eth-ops', approvedBy: ['dave'] });
    expect(last()).toMatchObject({ op: 'eth.sign', data: { policy: { rule: 'eth-ops', approvals: ['dave'], outflow: '1000000000000000000', operator: 'alice' } } });
  });
  it('velocity: a second 1 ETH fits the 3 ETH a week, a third 1.5 ETH does not', async () => {
    expect((await txCreate('tx2.hex', '1', 8)).code).toBe(0);
    expect((await request('tx2.hex', 'tx2.req', ['--from', A0])).code).toBe(0);
    const ok = await ethSign('tx2.hex', ['--approval-request', at('tx2.req'), '--approval', approve('carol', 'tx2.req')]);
    expect(ok.code, ok.stderr).toBe(0);
    expect((await txCreate('tx3.hex', '1.5', 9)).code).toBe(0);
    expect((await request('tx3.hex', 'tx3.req', ['--from', A0])).code).toBe(0);
    const r = await ethSign('tx3.hex', ['--approval-request', at('tx3.req'), '--approval', approve('carol', 'tx3.req')]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.json().error.message).toMatch(/maxPerWindow/);
  });
});

describe('eth sign-typed-data under the policy', () => {
  it('a SafeTx CALL within the Safe rule signs with an approval', async () => {
    write('safe.json', safeTx(0));
    const q = await request('safe.json', 'safe.req');
    expect(q.code, q.stderr).toBe(0);
    expect(q.json().rule).toBe('safe-ops');
    const r = await signTd('safe.json', ['--approval-request', at('safe.req'), '--approval', approve('carol', 'safe.req')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().policy).toMatchObject({ rule: 'safe-ops', approvedBy: ['carol'] });
    expect(last()).toMatchObject({ op: 'eth.sign-typed-data', data: { policy: { rule: 'safe-ops', chain: 'safe' } } });
  });
  it('a SafeTx DELEGATECALL is refused', async () => {
    write('safe-dc.json', safeTx(1));
    const r = await signTd('safe-dc.json');
    expect(r.code, r.stderr).toBe(3);
    expect(r.json().error.message).toMatch(/DELEGATECALL/);
  });
  it('a Permit is refused: no rule can bound it', async () => {
    const permit = {
      types: {
        EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }],
        Permit: [{ name: 'owner', type: 'address' }, { name: 'spender', type: 'address' }, { name: 'value', type: 'uint256' }, { name: 'nonce', type: 'uint256' }, { name: 'deadline', type: 'uint256' }],
      },
      primaryType: 'Permit',
      domain: { name: 'USD Coin', chainId: 1, verifyingContract: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48' },
      message: { owner: A0, spender: A1, value: '1000000', nonce: 0, deadline: 1893456000 },
    };
    write('permit.json', JSON.stringify(permit));
    const r = await signTd('permit.json');
    expect(r.code, r.stderr).toBe(3);
    expect(codes(r)).toContain('policy-no-rule');
    expect(r.json().error.message).toMatch(/EIP-712 Permit typed data/);
  });
});

describe('eth safe sign under the policy', () => {
  const safeSign = (file: string, more: string[] = []) => cli(['--json', '--yes', '--operator', 'alice', 'eth', 'safe', 'sign', at(file), '--mnemonic-file', at('mnemonic.txt'), ...more]);
  const nonce4 = (): string => safeTx(0).replace('"nonce":"3"', '"nonce":"4"');
  it('an owner signature without approvals is refused and the refusal journaled', async () => {
    write('safe4.json', nonce4());
    const r = await safeSign('safe4.json');
    expect(r.code, r.stderr).toBe(3);
    expect(codes(r).length).toBeGreaterThan(0);
    expect(last()).toMatchObject({ op: 'policy.refuse' });
  });
  it('signs within the Safe rule with an approval, and journals rule and approver', async () => {
    const q = await request('safe4.json', 'safe4.req');
    expect(q.code, q.stderr).toBe(0);
    const r = await safeSign('safe4.json', ['--approval-request', at('safe4.req'), '--approval', approve('dave', 'safe4.req')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().policy).toMatchObject({ rule: 'safe-ops', approvedBy: ['dave'] });
    expect(last()).toMatchObject({ op: 'eth.safe.sign', data: { policy: { rule: 'safe-ops', chain: 'safe' } } });
  });
  it('an override the policy does not list is refused before the seed is read', async () => {
    const r = await safeSign('safe4.json', ['--allow-safe-delegatecall']);
    expect(r.code, r.stderr).toBe(3);
  });
  it("a Safe 1.1.1 (no chain in its domain) from the service's JSON: the request names the signer's hash, and the approval signs", async () => {
    const tx = { to: A1, value: 250000000000000000n, data: new Uint8Array(), operation: 0 as const, safeTxGas: 0n, baseGas: 0n, gasPrice: 0n, gasToken: ZERO, refundReceiver: ZERO, nonce: 5n };
    const { safeTxHash } = safeHashes(versionShape('1.1.1')!, 1n, SAFE, tx);
    const service = { safe: SAFE, to: A1, value: '250000000000000000', data: null, operation: 0, safeTxGas: 0, baseGas: 0, gasPrice: '0', gasToken: ZERO, refundReceiver: ZERO, nonce: 5, safeTxHash };
    write('service5.json', JSON.stringify(service));
    // The wrong version hashes differently: refused as inconsistent, naming --safe-version.
    const wrong = await request('service5.json', 'wrong.req', ['--chain-id', '1']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--safe-version/);
    const imp = await cli(['--json', 'eth', 'safe', 'tx', 'import', at('service5.json'), '--chain-id', '1', '--safe-version', '1.1.1', '--out', at('safe5.json')]);
    expect(imp.code, imp.stderr).toBe(0);
    // A request from the service's JSON and one from the coldkit file name the same hash.
    for (const [payload, more] of [['service5.json', ['--chain-id', '1', '--safe-version', '1.1.1']], ['safe5.json', []]] as const) {
      const q = await request(payload, `${payload}.req`, [...more]);
      expect(q.code, q.stderr).toBe(0);
      expect(q.json().text).toContain(safeTxHash.slice(2));
    }
    const r = await safeSign('safe5.json', ['--approval-request', at('service5.json.req'), '--approval', approve('carol', 'service5.json.req')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().policy).toMatchObject({ rule: 'safe-ops', approvedBy: ['carol'] });
  });
});
