/**
 * The eth commands as a black box, offline: bad input exits 2 with one line naming the field;
 * each risky signature is refused with exit 3 naming its override, and signs with the override,
 * which is journaled; the review shows what an operator must read.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tmpDir, type CliRun } from '../../helpers/cli.js';

const MNEMONIC = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const A0 = '0x9858EfFD232B4033E47d90003D41EC34EcaEda94'; // m/44'/60'/0'/0/0 of MNEMONIC
const A1 = '0x6Fac4D18c912343BF86fa7049364Dd4E424Ab9C0'; // m/44'/60'/0'/0/1
const FP = '73c5da0a';
const MAX = 'f'.repeat(64);
let dir: string;
let seed: string;
let journal: string;
const f = (name: string) => path.join(dir, name);
const write = (name: string, text: string) => (fs.writeFileSync(f(name), text), f(name));
const cli = (args: string[]) => runCli(args, { env: { COLDKIT_JOURNAL: journal } });
/** Run and require exit 0 (stderr in the failure message). */
const okCli = async (args: string[]) => {
  const r = await cli(args);
  if (r.code !== 0) throw new Error(`coldkit ${args.slice(0, 3).join(' ')} exited ${r.code}: ${r.stderr.trim()}`);
  return r;
};
const journalOps = () => fs.readFileSync(journal, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { op: string; data: Record<string, any> });

/** Exit code 2 and exactly one stderr line that names `field`. */
function expectInputError(r: CliRun, field: string | RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(typeof field === 'string' ? new RegExp(`^coldkit: ${field.replace(/[-[\]]/g, '\\$&')}`) : field);
}

const base = ['eth', 'tx', 'create', '--from', A0, '--to', A1, '--value', '1', '--chain-id', '1', '--nonce', '7', '--gas-limit', '21000'];
const fees = ['--max-fee-per-gas', '30gwei', '--max-priority-fee-per-gas', '1gwei'];

beforeAll(() => {
  dir = tmpDir('coldkit-eth-cli-');
  seed = write('mnemonic.txt', MNEMONIC + '\n');
  journal = f('journal.jsonl');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('eth tx create and inspect', () => {
  it('builds a type 2 tx offline and reviews it in full', async () => {
    const al = write('al.json', JSON.stringify([{ address: A1.toLowerCase(), storageKeys: ['0x' + '00'.repeat(31) + '01', '0x' + 'ab'.repeat(32)] }]));
    const r = await cli(['--json', ...base, ...fees, '--access-list', al, '--fingerprint', FP, '--out', f('t2.ur'), '--out-hex', f('t2.hex')]);
    expect(r.code, r.stderr).toBe(0);
    const j = r.json();
    expect(j.unsignedHex).toMatch(/^0x02/);
    expect(j.review.maxTotalCost).toBe((21000n * 30_000_000_000n + 10n ** 18n).toString());
    expect(j.signRequest).toMatchObject({ path: 'm/44h/60h/0h/0/0', sourceFingerprint: FP, dataType: 4 });
    expect(j.signRequest.ur).toBe(fs.readFileSync(f('t2.ur'), 'utf8').trim());
    const human = (await okCli(['eth', 'inspect', f('t2.ur')])).stdout;
    expect(human).toContain('chain id:        1 (Ethereum Mainnet)');
    expect(human).toContain(`to:              ${A1}`); // EIP-55 although the access list file was lower case
    expect(human).toContain('max total cost:  1.00063 ETH');
    expect(human).toContain(`  ${A1}\n    0x${'00'.repeat(31)}01\n    0x${'ab'.repeat(32)}`);
    expect(human).toContain(`eth-sign-request ${j.signRequest.requestId}`);
    const fromHex = (await okCli(['--json', 'eth', 'inspect', f('t2.hex')])).json();
    expect(fromHex.transaction.signingHash).toBe(j.review.signingHash);
  });

  it('decodes an ERC-20 approve and flags an unlimited one', async () => {
    const data = '0x095ea7b3' + A1.slice(2).toLowerCase().padStart(64, '0') + MAX;
    const r = await cli(['--json', ...base, '--value', '0', '--data', data, ...fees, '--out-hex', f('approve.hex')]); // the last --value wins
    expect(r.code, r.stderr).toBe(0);
    const human = (await okCli(['eth', 'inspect', f('approve.hex')])).stdout;
    expect(human).toContain(`ERC-20 approve(spender ${A1}, amount UNLIMITED)`);
    expect(human).toMatch(/WARNING: UNLIMITED APPROVAL/);
  });

  it('shows unknown calldata as raw hex', async () => {
    const r = await cli([...base, ...fees, '--data', '0xdeadbeef', '--out-hex', f('raw.hex')]);
    expect(r.code, r.stderr).toBe(0);
    expect((await okCli(['eth', 'inspect', f('raw.hex')])).stdout).toContain('data:            4 bytes 0xdeadbeef');
  });

  it.each([
    ['malformed --data hex', [...base, ...fees, '--data', '0x123'], '--data'],
    ['unknown --type', [...base, '--type', '3'], '--type'],
    ['missing --nonce', [...base.filter((_, i) => i !== 11 && i !== 12), ...fees], /^coldkit: missing --nonce \(/],
    ['missing --max-fee-per-gas', [...base, '--max-priority-fee-per-gas', '1gwei'], /^coldkit: missing --max-fee-per-gas \(/],
    ['missing --gas-price (type 0)', [...base, '--type', '0'], /^coldkit: missing --gas-price \(/],
    ['--value overflows uint256', [...base.slice(0, 7), '--value', '1' + '0'.repeat(60), ...base.slice(9), ...fees], '--value'],
    ['--value with 19 decimals', [...base.slice(0, 7), '--value', '0.0000000000000000001', ...base.slice(9), ...fees], '--value'],
    ['fee without a unit', [...base, '--max-fee-per-gas', '30', '--max-priority-fee-per-gas', '1gwei'], '--max-fee-per-gas'],
    ['bad EIP-55 checksum', [...base.slice(0, 5), '--to', A1.replace('F', 'f'), ...base.slice(7), ...fees], '--to'],
    ['priority fee above max fee', [...base, '--max-fee-per-gas', '1gwei', '--max-priority-fee-per-gas', '2gwei'], '--max-priority-fee-per-gas'],
  ])('create refuses %s with exit 2', async (_n, args, field) => {
    expectInputError(await cli(args as string[]), field as string);
  });

  it('--wallet: the path comes from the file, and a contradicting flag or an unlisted sender is exit 2', async () => {
    const wallet = f('eth-account.json');
    expect((await cli(['account', 'export', '--chain', 'eth', '--mnemonic-file', seed, '--out', wallet])).code).toBe(0);
    const fromWallet = (await okCli(['--json', ...base.slice(0, 3), '--from', A1, ...base.slice(5), ...fees, '--wallet', wallet])).json();
    expect(fromWallet.signRequest).toMatchObject({ path: 'm/44h/60h/0h/0/1', sourceFingerprint: FP });
    expectInputError(await cli([...base.slice(0, 3), '--from', A1, ...base.slice(5), ...fees, '--wallet', wallet, '--index', '0']), '--index');
    expectInputError(await cli([...base.slice(0, 3), '--from', '0x00000000000000000000000000000000000000a1', ...base.slice(5), ...fees, '--wallet', wallet]), '--wallet');
  });

  it("reads Keystone's ur-registry-eth sign request and refuses its chain-id-0 legacy payload (exit 2)", async () => {
    // fixtures/ur/eip4527-keystone.json (the QR area's verbatim copy of Keystone's test): a legacy
    // rlp([…, 0, 0, 0]) payload, i.e. EIP-155 fields with chain id 0, while the request says chain 1.
    const ks = JSON.parse(fs.readFileSync(path.join(ROOT, 'fixtures/ur/eip4527-keystone.json'), 'utf8')).signRequests[0];
    const file = write('keystone.ur', ks.ur);
    expectInputError(await cli(['eth', 'inspect', file]), /^coldkit: sign-data: is a legacy transaction with chain id 0/);
    expectInputError(await cli(['--yes', 'eth', 'sign', file, '--mnemonic-file', seed]), /^coldkit: unsigned transaction: is a legacy transaction with chain id 0/);
  });

  it.each([
    ['not hex', '0xnothex', /^coldkit: file: is not hex/],
    ['odd length', '0x02f', /^coldkit: file: /],
    ['unknown type 3', '0x03c0', /^coldkit: file: unknown transaction type 3/],
    ['truncated RLP', '0x02f8', /^coldkit: file: is not a valid transaction/],
    ['non-canonical RLP', '0x02ef0180843b9aca00' + '8506fc23ac00' + '825208' + '94' + A1.slice(2) + '80' + '80' + 'c0', /^coldkit: file: /],
  ])('inspect refuses %s with exit 2', async (_n, hex, line) => {
    expectInputError(await cli(['eth', 'inspect', write('bad.hex', hex + '\n')]), line as RegExp);
  });
});

describe('eth sign: refusals and overrides', () => {
  async function request(name: string, extra: string[]): Promise<string> {
    const r = await cli([...base, ...fees, '--fingerprint', FP, ...extra, '--out', f(name)]);
    expect(r.code, r.stderr).toBe(0);
    return f(name);
  }
  const sign = (file: string, extra: string[] = []) => cli(['--json', '--yes', 'eth', 'sign', file, '--mnemonic-file', seed, ...extra]);

  it.each([
    ['a chain id other than --expect-chain-id', [], ['--expect-chain-id', '10'], '--allow-chain-id-mismatch'],
    ['a max cost above --max-value', [], ['--max-value', '0.5'], '--allow-max-value-exceeded'],
    ['a from that is not the key at the path', ['--from', A1, '--index', '0'], [], '--allow-from-mismatch'],
    ['another seed’s fingerprint', ['--fingerprint', 'deadbeef'], [], '--allow-fingerprint-mismatch'],
    ['an unlimited ERC-20 approval', ['--data', '0x095ea7b3' + A1.slice(2).toLowerCase().padStart(64, '0') + MAX, '--value', '0'], [], '--allow-unlimited-approval'],
  ])('refuses %s (exit 3), signs with the override and journals it', async (_n, createArgs, signArgs, flag) => {
    // --from/--value/--fingerprint given twice: commander keeps the last one.
    const req = await request(`r-${flag}.ur`, createArgs as string[]);
    const refused = await sign(req, signArgs as string[]);
    expect(refused.code, refused.stderr).toBe(3);
    expect(refused.json().error.message).toContain(flag);
    const before = journalOps().length;
    const done = await sign(req, [...(signArgs as string[]), flag as string]);
    expect(done.code, done.stderr).toBe(0);
    expect(done.json().overrides).toEqual([flag]);
    const entries = journalOps();
    expect(entries).toHaveLength(before + 1);
    const last = entries[entries.length - 1]!;
    expect(last.op).toBe('eth.sign');
    expect(last.data).toMatchObject({ chainId: '1', nonce: '7', txHash: done.json().txHash, overrides: [flag] });
  });

  it('--from on a raw unsigned tx: refused unless it is the key at the path', async () => {
    const hex = f('raw-from.hex');
    expect((await cli([...base, ...fees, '--out-hex', hex])).code).toBe(0);
    const refused = await sign(hex, ['--from', A1]);
    expect(refused.code).toBe(3);
    expect(refused.json().error.message).toMatch(new RegExp(`sender should be ${A1} .* key at this path is ${A0}.*--allow-from-mismatch`));
    const done = await sign(hex, ['--from', A1, '--index', '1']);
    expect(done.code, done.stderr).toBe(0);
    expect(done.json().signer.address).toBe(A1);
  });

  it.each([
    ['3', 'EIP-4844 blob'],
    ['4', 'EIP-7702 set-code'],
  ])('refuses to sign a type %s (%s) payload: exit 3, no override', async (type, name) => {
    const file = write(`type${type}.hex`, `0x0${type}f8c0\n`);
    const r = await cli(['--yes', 'eth', 'sign', file, '--mnemonic-file', seed]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr.trim()).toBe(`coldkit: this is a type ${type} (${name}) transaction; coldkit signs types 0, 1 and 2 only, and no flag overrides that`);
  });

  it('refuses to sign an already signed transaction (exit 2)', async () => {
    const req = await request('s.ur', []);
    const done = await sign(req);
    expect(done.code, done.stderr).toBe(0);
    expectInputError(await cli(['--yes', 'eth', 'sign', write('signed.hex', done.json().signedHex), '--mnemonic-file', seed]), /already signed/);
  });

  it('without --yes and no terminal, nothing is signed', async () => {
    const req = await request('n.ur', []);
    const r = await cli(['eth', 'sign', req, '--mnemonic-file', seed]);
    expect(r.code).not.toBe(0);
    expect(r.stdout).not.toMatch(/0x02f8/);
  });

  it('the journal never holds the mnemonic', () => {
    const text = fs.readFileSync(journal, 'utf8');
    expect(text).toContain('"op":"eth.sign"');
    expect(text).not.toContain('abandon');
  });
});

describe('eth sign-typed-data and sign-message', () => {
  const domain = { name: 'USD Coin', version: '2', chainId: 1, verifyingContract: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48' };
  const permitTypes = {
    EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'version', type: 'string' }, { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }],
    Permit: [{ name: 'owner', type: 'address' }, { name: 'spender', type: 'address' }, { name: 'value', type: 'uint256' }, { name: 'nonce', type: 'uint256' }, { name: 'deadline', type: 'uint256' }],
  };
  const permit = (value: string, chainId = 1) => JSON.stringify({ types: permitTypes, primaryType: 'Permit', domain: { ...domain, chainId }, message: { owner: A0, spender: A1, value, nonce: 0, deadline: 1893456000 } });
  const signTd = (file: string, extra: string[] = []) => cli(['--json', '--yes', 'eth', 'sign-typed-data', file, '--mnemonic-file', seed, ...extra]);

  it('flags a Permit and shows the domain', async () => {
    const r = await cli(['eth', 'inspect', write('permit.json', permit('1000000'))]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('domain name:        USD Coin');
    expect(r.stdout).toContain('verifying contract: 0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48');
    expect(r.stdout).toContain('primary type:       Permit  [EIP-2612 Permit]');
    expect(r.stdout).toMatch(/WARNING: EIP-2612 Permit: signing this lets the spender move tokens/);
  });

  it('refuses a domain chainId other than --expect-chain-id (exit 3), signs with the override', async () => {
    const file = write('permit-10.json', permit('5', 10));
    const r = await signTd(file, ['--expect-chain-id', '1']);
    expect(r.code).toBe(3);
    expect(r.json().error.message).toContain('--allow-chain-id-mismatch');
    const ok = await signTd(file, ['--expect-chain-id', '1', '--allow-chain-id-mismatch']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(journalOps().at(-1)).toMatchObject({ op: 'eth.sign-typed-data', data: { chainId: '10', permit: 'EIP-2612 Permit', overrides: ['--allow-chain-id-mismatch'] } });
  });

  it('refuses an unlimited Permit (exit 3) unless --allow-unlimited-approval', async () => {
    const file = write('permit-max.json', permit(BigInt('0x' + MAX).toString()));
    const r = await signTd(file);
    expect(r.code).toBe(3);
    expect(r.json().error.message).toContain('--allow-unlimited-approval');
    expect((await signTd(file, ['--allow-unlimited-approval'])).code).toBe(0);
  });

  const td = (message: unknown, extraTypes: Record<string, unknown> = {}) =>
    JSON.stringify({ types: { EIP712Domain: [{ name: 'name', type: 'string' }], M: [{ name: 'a', type: 'uint8' }, { name: 'who', type: 'address' }], ...extraTypes }, primaryType: 'M', domain: { name: 'x' }, message });
  it.each([
    ['a value out of range', td({ a: 256, who: A0 }), /message\.a \(uint8\) is out of range/],
    ['a field the type lacks', td({ a: 1, who: A0, b: 2 }), /message\.b is not a field of type M/],
    ['a missing field', td({ a: 1 }), /message\.who \(address\) is missing/],
    ['a malformed address', td({ a: 1, who: '0x12' }), /message\.who \(address\) must be 0x followed by 40 hex digits/],
    ['an unsafe JSON number', td({ a: 1, who: A0 }, { M: [{ name: 'a', type: 'uint256' }, { name: 'who', type: 'address' }] }).replace('"a":1', '"a":12345678901234567890'), /message\.a \(uint256\) must be an integer/],
    ['an undefined type', td({ a: 1, who: A0 }, { M: [{ name: 'a', type: 'Thing' }, { name: 'who', type: 'address' }] }), /uses undefined type "Thing"/],
    ['text that is not JSON', '{"types": ', /is not valid JSON/],
  ])('sign-typed-data refuses %s with exit 2', async (_n, text, line) => {
    const r = await cli(['eth', 'sign-typed-data', write('bad-td.json', text as string), '--mnemonic-file', seed, '--yes']);
    expectInputError(r, line as RegExp);
  });

  it('sign-message signs the exact bytes and journals the hash only', async () => {
    const r = await cli(['--json', '--yes', 'eth', 'sign-message', write('m.txt', 'secret plan\n'), '--mnemonic-file', seed]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().signature).toMatch(/^0x[0-9a-f]{130}$/);
    const last = journalOps().at(-1)!;
    expect(last.op).toBe('eth.sign-message');
    expect(JSON.stringify(last)).not.toContain('secret plan');
  });
});
