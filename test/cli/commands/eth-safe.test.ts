/**
 * `coldkit eth safe …` as a black box (the built bin): inspect shows the published hashes, sign
 * refuses every risky class with exit 3 naming its --allow-… flag (journaled when given), the Bybit
 * shape leads with DELEGATECALL, `eth sign-typed-data` of a SafeTx gets the same refusals, and
 * import refuses a service JSON whose safeTxHash is not the one its fields give.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tmpDir } from '../../helpers/cli.js';
import { TEST_MNEMONIC } from '../../helpers/anvil.js';
import { fixtureJson } from '../../helpers/fixtures.js';
import { makeSignRequest, parseSignatureUr } from '../../../src/core/eth/request.js';

const VECTORS = fixtureJson<Record<string, any>[]>('safe-tx-hashes/vectors.json');
const ZERO = '0x0000000000000000000000000000000000000000';
const OWNER0 = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'; // m/44'/60'/0'/0/0 of the test mnemonic
let dir: string;
let journal: string;
let mnemonic: string;
const cli = (args: string[]) => runCli(args, { env: { COLDKIT_JOURNAL: journal } });

/** A coldkit Safe transaction file from a vector (or from overrides of a plain transfer). */
function safeFile(name: string, over: Record<string, unknown> = {}, tx: Record<string, unknown> = {}): string {
  const f = {
    format: 'coldkit-safe-tx',
    version: 1,
    safe: '0x1Db92e2EeBC8E0c075a02BeA49a2935BcD2dFCF4',
    chainId: '1',
    safeVersion: '1.4.1',
    tx: { to: OWNER0, value: '1000', data: '0x', operation: 0, safeTxGas: '0', baseGas: '0', gasPrice: '0', gasToken: ZERO, refundReceiver: ZERO, nonce: '3', ...tx },
    ...over,
  };
  const p = path.join(dir, `${name}.json`);
  fs.writeFileSync(p, JSON.stringify(f));
  return p;
}
const vectorFile = (v: Record<string, any>, name: string) =>
  safeFile(name, { safe: v.multisig, chainId: String(v.chainId), safeVersion: v.safeVersion }, { to: v.to, value: v.value, data: v.data, operation: v.operation, safeTxGas: v.safeTxGas, baseGas: v.baseGas, gasPrice: v.gasPrice, gasToken: v.gasToken, refundReceiver: v.refundReceiver, nonce: v.nonce });
const sign = (file: string, ...extra: string[]) => cli(['--json', '--yes', 'eth', 'safe', 'sign', file, '--mnemonic-file', mnemonic, ...extra]);
const BYBIT_DATA = '0xa9059cbb000000000000000000000000bdd077f651ebe7f7b3ce16fe5f2b025be29695160000000000000000000000000000000000000000000000000000000000000000';

beforeAll(() => {
  dir = tmpDir('coldkit-safe-cli-');
  journal = path.join(dir, 'journal.jsonl');
  mnemonic = path.join(dir, 'm.txt');
  fs.writeFileSync(mnemonic, TEST_MNEMONIC + '\n', { mode: 0o600 });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('eth safe inspect', () => {
  it('shows the published domain, message and safeTxHash of a vector, and the typed data whose digest it is', async () => {
    const v = VECTORS[0]!;
    const r = await cli(['--json', 'eth', 'safe', 'inspect', vectorFile(v, 'v0')]);
    expect(r.code).toBe(0);
    const j = r.json();
    expect(j.review.hashes).toEqual({ domainHash: v.domainHash.toLowerCase(), messageHash: v.messageHash.toLowerCase(), safeTxHash: v.safeTxHash });
    expect(j.review.call.method).toBe('addOwnerWithThreshold');
    expect(j.review.findings.map((f: { code: string }) => f.code)).toContain('safe-owner-change');
    // The same transaction given as EIP-712 typed data gives the same hashes.
    const td = path.join(dir, 'v0-typed.json');
    fs.writeFileSync(td, JSON.stringify(j.typedData));
    expect((await cli(['--json', 'eth', 'safe', 'inspect', td])).json().review.hashes.safeTxHash).toBe(v.safeTxHash);
    const human = await cli(['eth', 'safe', 'inspect', vectorFile(v, 'v0')]);
    expect(human.stdout).toContain(`domain hash:     ${v.domainHash.toLowerCase()}`);
    expect(human.stdout).toContain('Arbitrum One');
  });

  it('exits 3 when --expect-safe-tx-hash or the file claims another hash', async () => {
    const f = safeFile('plain');
    expect((await cli(['eth', 'safe', 'inspect', f, '--expect-safe-tx-hash', '0x' + '00'.repeat(32)])).code).toBe(3);
    const claimed = safeFile('claimed', { hashes: { domainHash: '0x', messageHash: '0x', safeTxHash: '0x' + '11'.repeat(32) } });
    const r = await cli(['eth', 'safe', 'inspect', claimed]);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('safe-hash-mismatch');
  });

  it('refuses a malformed file naming the field', async () => {
    const r = await cli(['eth', 'safe', 'inspect', safeFile('bad', {}, { operation: 2 })]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('tx.operation');
  });
});

describe('eth safe sign refusals', () => {
  it('the Bybit shape (DELEGATECALL to an unknown contract, ERC-20 transfer calldata) is refused, DELEGATECALL first', async () => {
    const f = safeFile('bybit', { safeVersion: '1.1.1' }, { to: '0x96221423681A6d52E184D440a8eFCEbB105C7242', operation: 1, data: BYBIT_DATA, value: '0', nonce: '71' });
    const r = await sign(f);
    expect(r.code).toBe(3);
    expect(r.stderr.split('\n')[0]).toMatch(/^!!! DELEGATECALL !!!/);
    expect(r.stderr).toMatch(/coldkit: DELEGATECALL in the transaction/);
    expect(r.stderr).toContain('--allow-safe-delegatecall');
    expect(r.json().error.findings[0].code).toBe('safe-delegatecall');
    expect(r.json().signature).toBeUndefined();
  });

  const cases: [string, Record<string, unknown>, Record<string, unknown>, string][] = [
    ['gas refund', {}, { gasPrice: '1', refundReceiver: OWNER0 }, 'safe-gas-refund'],
    ['owner change', {}, { to: '0x1Db92e2EeBC8E0c075a02BeA49a2935BcD2dFCF4', data: '0x694e80c30000000000000000000000000000000000000000000000000000000000000001' }, 'safe-owner-change'],
    ['unknown version', { safeVersion: '2.0.0' }, {}, 'safe-unknown-version'],
    ['not an owner', { owners: ['0x70997970C51812dc3A010C7d01b50e0d17dc79C8'], threshold: 1 }, {}, 'safe-not-owner'],
  ];
  for (const [name, over, tx, code] of cases) {
    it(`${name}: exit 3 with --allow-${code} named; given, it signs and the override is journaled`, async () => {
      const f = safeFile(name.replace(/ /g, '-'), over, tx);
      const refused = await sign(f);
      expect(refused.code).toBe(3);
      expect(refused.stderr).toContain(`--allow-${code}`);
      const r = await sign(f, `--allow-${code}`);
      expect(r.code).toBe(0);
      expect(r.json().overrides).toEqual([`--allow-${code}`]);
      const last = JSON.parse(fs.readFileSync(journal, 'utf8').trim().split('\n').at(-1)!);
      expect(last.op).toBe('eth.safe.sign');
      expect(last.data.overrides).toEqual([`--allow-${code}`]);
    });
  }

  it('another chain than --expect-chain-id is refused', async () => {
    const r = await sign(safeFile('chain'), '--expect-chain-id', '137');
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('--allow-chain-id-mismatch');
  });

  it('a plain transfer is signed; the signature, the file with it and the journal agree', async () => {
    const f = safeFile('ok', { owners: [OWNER0], threshold: 1 });
    const out = path.join(dir, 'ok.sig');
    const outFile = path.join(dir, 'ok.signed.json');
    const r = await sign(f, '--expect-chain-id', '1', '--out', out, '--out-file', outFile);
    expect(r.code).toBe(0);
    const j = r.json();
    expect(j.signer.address).toBe(OWNER0);
    expect(fs.readFileSync(out, 'utf8').trim()).toBe(j.signature);
    const c = (await cli(['--json', 'eth', 'safe', 'collect', outFile])).json();
    expect(c.signatures.map((s: { owner: string }) => s.owner)).toEqual([OWNER0]);
    expect(c.missing).toBe(0);
  });

  it('collect reads `eth safe sign --json` output as it is and journals the owner\'s journal head it carries', async () => {
    const f = safeFile('anchored', { owners: [OWNER0], threshold: 1 });
    const r = await sign(f, '--expect-chain-id', '1');
    expect(r.code, r.stderr).toBe(0);
    const anchor = r.json().journalAnchor;
    expect(anchor).toMatchObject({ seq: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const saved = path.join(dir, 'anchored.sign.json');
    fs.writeFileSync(saved, r.stdout);
    const c = await cli(['--json', 'eth', 'safe', 'collect', f, saved]);
    expect(c.code, c.stderr).toBe(0);
    expect(c.json().signatures.map((s: { owner: string }) => s.owner)).toEqual([OWNER0]);
    expect(c.json().journalAnchors).toEqual([{ file: saved, journalAnchor: anchor }]);
    expect(c.stderr).toContain(`signer journal #${anchor.seq} ${anchor.words} (journaled here`);
    const last = JSON.parse(fs.readFileSync(journal, 'utf8').trim().split('\n').at(-1)!);
    expect(last).toMatchObject({ op: 'eth.safe.collect', data: { journalAnchors: [{ file: saved, journalAnchor: { seq: anchor.seq, hash: anchor.hash } }] } });
    // A JSON file without a signature is named, not guessed at.
    const bad = path.join(dir, 'nosig.json');
    fs.writeFileSync(bad, JSON.stringify({ journalAnchor: anchor }));
    const refused = await cli(['eth', 'safe', 'collect', f, bad]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/signature 1: is JSON without `signature`/);
  });
});

describe('eth sign-typed-data of a SafeTx: no side door', () => {
  it('the same DELEGATECALL refusal, lifted only by --allow-safe-delegatecall', async () => {
    const f = safeFile('td', {}, { to: '0x96221423681A6d52E184D440a8eFCEbB105C7242', operation: 1, data: BYBIT_DATA });
    const td = path.join(dir, 'td-typed.json');
    fs.writeFileSync(td, JSON.stringify((await cli(['--json', 'eth', 'safe', 'inspect', f])).json().typedData));
    const refused = await cli(['--yes', 'eth', 'sign-typed-data', td, '--mnemonic-file', mnemonic]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('--allow-safe-delegatecall');
    const ok = await cli(['--json', '--yes', 'eth', 'sign-typed-data', td, '--mnemonic-file', mnemonic, '--allow-safe-delegatecall']);
    expect(ok.code).toBe(0);
    const signed = await sign(f, '--allow-safe-delegatecall');
    expect(ok.json().signature).toBe(signed.json().signature);
  });
});

describe('eth safe tx import', () => {
  const service = (v: Record<string, any>, over: Record<string, unknown> = {}) => {
    const p = path.join(dir, `service-${Object.keys(over).join('-') || 'ok'}.json`);
    fs.writeFileSync(p, JSON.stringify({ safe: v.multisig, to: v.to, value: v.value, data: v.data, operation: v.operation, gasToken: v.gasToken, safeTxGas: Number(v.safeTxGas), baseGas: Number(v.baseGas), gasPrice: v.gasPrice, refundReceiver: v.refundReceiver, nonce: Number(v.nonce), safeTxHash: v.safeTxHash, confirmations: [], isExecuted: false, ...over }));
    return p;
  };
  it('accepts the service JSON whose safeTxHash is ours and writes a coldkit file', async () => {
    const v = VECTORS[3]!;
    const out = path.join(dir, 'imported.json');
    const r = await cli(['--json', 'eth', 'safe', 'tx', 'import', service(v), '--chain-id', String(v.chainId), '--safe-version', '1.3.0', '--out', out]);
    expect(r.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).hashes.safeTxHash).toBe(v.safeTxHash);
  });
  it('refuses (exit 3) a changed field, another chain, or a version with another domain', async () => {
    const v = VECTORS[3]!;
    expect((await cli(['eth', 'safe', 'tx', 'import', service(v, { value: '100000000000000001' }), '--chain-id', String(v.chainId)])).code).toBe(3);
    expect((await cli(['eth', 'safe', 'tx', 'import', service(v), '--chain-id', '1'])).code).toBe(3);
    const r = await cli(['eth', 'safe', 'tx', 'import', service(v), '--chain-id', String(v.chainId), '--safe-version', '1.2.0']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('safeTxHash');
  });
});

describe('EIP-4527: a SafeTx as an eth-sign-request (typed data, data type 2)', () => {
  it('is reviewed as a Safe transaction and answered with an eth-signature of the same signature', async () => {
    const f = safeFile('ur', { chainId: '11155111' });
    const typed = (await cli(['--json', 'eth', 'safe', 'inspect', f])).json().typedData;
    const requestId = Uint8Array.from({ length: 16 }, (_, i) => i + 1);
    const { ur } = makeSignRequest({ requestId, signData: new TextEncoder().encode(JSON.stringify(typed)), dataType: 2, chainId: 11155111n, path: "m/44'/60'/0'/0/0" });
    const req = path.join(dir, 'safe-request.ur');
    fs.writeFileSync(req, ur + '\n');
    const inspected = (await cli(['--json', 'eth', 'safe', 'inspect', req])).json();
    expect(inspected.source).toBe('eth-sign-request');
    const outUr = path.join(dir, 'safe-signature.ur');
    const r = await sign(req, '--expect-chain-id', '11155111', '--out-ur', outUr);
    expect(r.code).toBe(0);
    const direct = (await sign(f)).json();
    expect(r.json().signature).toBe(direct.signature);
    const answer = parseSignatureUr(fs.readFileSync(outUr, 'utf8').trim());
    expect(Buffer.from(answer.requestId!).equals(Buffer.from(requestId))).toBe(true);
    expect('0x' + Buffer.from(answer.signature).toString('hex')).toBe(direct.signature);
  });
});

describe('eth safe tx create --batch', () => {
  it("DELEGATECALLs the chain's published MultiSendCallOnly, which the signer accepts", async () => {
    const batch = path.join(dir, 'batch-in.json');
    fs.writeFileSync(batch, JSON.stringify([{ to: OWNER0, value: '1' }, { to: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', value: '2', data: '0x' }]));
    const out = path.join(dir, 'batch-tx.json');
    const r = await cli(['--json', 'eth', 'safe', 'tx', 'create', '--safe', '0x1Db92e2EeBC8E0c075a02BeA49a2935BcD2dFCF4', '--chain-id', '1', '--nonce', '1', '--batch', batch, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.json().file.tx).toMatchObject({ to: '0x9641d764fc13c8B624c04430C7356C1C7C8102e2', operation: 1 });
    expect(r.json().review.call.batch.map((c: { value: string }) => c.value)).toEqual(['1', '2']);
    expect((await sign(out)).code).toBe(0);
    const none = await cli(['eth', 'safe', 'tx', 'create', '--safe', '0x1Db92e2EeBC8E0c075a02BeA49a2935BcD2dFCF4', '--chain-id', '424242', '--nonce', '1', '--batch', batch]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--multisend');
  });
});
