/**
 * `coldkit psbt sign` and `psbt inspect` as a black box (the built bin): the happy path with its
 * journal entry, --trim merged back by bitcoinjs-lib's combiner, a refusal and its journaled
 * override, and bad input — each exit 2 with one line, no stack, no output file.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { base64 } from '@scure/base';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { Psbt, initEccLib } from 'bitcoinjs-lib';
import * as ecc from 'tiny-secp256k1';
import { runCli, tmpDir } from '../../helpers/cli.js';
import { signPsbt } from '../../../src/core/btc/signer.js';
import { NETWORKS } from '../../../src/core/network.js';
import { buildPsbt, SAMPLE_MNEMONIC, seedKeysOf } from '../../helpers/build-psbt.js';

/** The PSBT signed in-process by the same core pipeline the CLI runs. */
const signedBy = async (raw: Uint8Array): Promise<Uint8Array> => (await signPsbt(raw, { network: NETWORKS.testnet, keys: seedKeysOf() })).raw;

initEccLib(ecc);
const dir = tmpDir('coldkit-psbt-');
const journal = path.join(dir, 'journal.jsonl');
const mn = path.join(dir, 'mnemonic.txt');
const file = (name: string, data: string | Uint8Array): string => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, data);
  return p;
};
const sign = (args: string[], opts: { yes?: boolean } = {}) =>
  runCli(['--network', 'testnet', ...(opts.yes === false ? [] : ['--yes']), 'psbt', 'sign', ...args, '--mnemonic-file', mn], { env: { COLDKIT_JOURNAL: journal } });
const journalOps = (): { op: string; data: Record<string, unknown> }[] =>
  fs.existsSync(journal) ? fs.readFileSync(journal, 'utf8').trim().split('\n').map((l) => JSON.parse(l)) : [];

const good = buildPsbt({ kind: 'wpkh', inputs: 2 });

beforeAll(() => {
  fs.writeFileSync(mn, SAMPLE_MNEMONIC + '\n');
});

describe('psbt sign', () => {
  it('signs, prints base64, notes both digests, journals without secrets', async () => {
    const r = await sign([file('good.psbt', base64.encode(good))]);
    expect(r.code, r.stderr).toBe(0);
    const p = Psbt.fromBase64(r.stdout.trim());
    expect(p.validateSignaturesOfAllInputs((pub, msg, sig) => ecc.verify(msg, pub, sig))).toBe(true);
    expect(r.stderr).toMatch(/^PSBT in: \w+ \w+ \w+ \w+ /m);
    expect(r.stderr).toMatch(/^PSBT out: \w+ \w+ \w+ \w+ .*2 signatures added/m);
    expect(r.stderr).toMatch(/Change \(output #1\) — verified/);
    const entry = journalOps().find((e) => e.op === 'psbt.sign')!;
    expect(entry.data).toMatchObject({ inputsSigned: 2, changeVerified: true, overrides: [], network: 'testnet', fingerprint: '73c5da0a' });
    expect(entry.data.recipients).toHaveLength(1);
    expect(fs.readFileSync(journal, 'utf8')).not.toMatch(/abandon/);
  });

  it('--json --trim --out: a binary file a combiner merges back', async () => {
    const out = path.join(dir, 'trim.psbt');
    const r = await runCli(['--network', 'testnet', '--yes', '--json', 'psbt', 'sign', file('good.bin', good), '--trim', '--out', out, '--mnemonic-file', mn], { env: { COLDKIT_JOURNAL: journal } });
    expect(r.code, r.stderr).toBe(0);
    const res = r.json();
    expect(res).toMatchObject({ inputsSigned: 2, signaturesBefore: 0, signaturesAfter: 2, trimmed: true, out });
    expect(res.review.fee).toBe('400');
    const trimmed = fs.readFileSync(out);
    expect(trimmed.length).toBeLessThan(good.length);
    const merged = Psbt.fromBuffer(Buffer.from(good)).combine(Psbt.fromBuffer(trimmed));
    expect(merged.validateSignaturesOfAllInputs((pub, msg, sig) => ecc.verify(msg, pub, sig))).toBe(true);
    const full = Psbt.fromBuffer(Buffer.from(await signedBy(good)));
    for (let i = 0; i < 2; i++) expect(merged.data.inputs[i]!.partialSig).toEqual(full.data.inputs[i]!.partialSig);
  });

  it('refuses false change with exit 3 naming the override; the override is journaled', async () => {
    const f = file('fake.psbt', buildPsbt({ kind: 'tr', inputs: 1, fakeChange: true }));
    const out = path.join(dir, 'fake-signed.psbt');
    const r = await sign([f, '--out', out]);
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n').pop()).toMatch(/^coldkit: output 1 claims to be change .*--allow-unverified-change/);
    expect(fs.existsSync(out)).toBe(false);
    const ok = await sign([f, '--out', out, '--allow-unverified-change']);
    expect(ok.code, ok.stderr).toBe(0);
    // The overridden finding is shown with its message before the approval.
    expect(ok.stderr).toMatch(/^OVERRIDE --allow-unverified-change \(journaled\): output 1 claims to be change/m);
    expect(journalOps().pop()!.data).toMatchObject({ changeVerified: false, overrides: ['--allow-unverified-change'] });
  });

  it('reports every refusal at once, most fundamental first, with each finding in --json', async () => {
    const f = file('many.psbt', buildPsbt({ kind: 'wpkh', inputs: 1, fakeChange: true, nonWitness: false, coinType: 0 }));
    const r = await runCli(['--network', 'testnet', '--yes', '--json', 'psbt', 'sign', f, '--mnemonic-file', mn], { env: { COLDKIT_JOURNAL: journal } });
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n').pop()).toMatch(/^coldkit: this PSBT is for mainnet, not testnet \(its derivation paths use coin type 0: .*\): add --network mainnet; output 1 claims to be change .*; segwit v0 input 0 carries no non_witness_utxo.* \(refused; --allow-network-mismatch, --allow-unverified-change, --allow-unproven-amounts overrides, and the override is journaled\)$/);
    const { error } = r.json();
    expect(error.findings.map((x: { code: string; severity: string; override?: string }) => [x.code, x.severity, x.override])).toEqual([
      ['network-mismatch', 'refuse', '--allow-network-mismatch'],
      ['unverified-change', 'refuse', '--allow-unverified-change'],
      ['unproven-amounts', 'refuse', '--allow-unproven-amounts'],
    ]);
  });

  it('without --yes and no terminal, asks nothing, writes nothing, exit 2', async () => {
    const out = path.join(dir, 'noyes.psbt');
    const r = await sign([file('noyes-in.psbt', good), '--out', out], { yes: false });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/needs a terminal/);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('psbt sign over QR', () => {
  it('emits the signed PSBT as QR frames that inspect reads back with the same digest', async () => {
    const qr = path.join(dir, 'qr');
    const r = await runCli(['--network', 'testnet', '--yes', '--json', 'psbt', 'sign', file('qr-in.psbt', good), '--qr-png', qr, '--mnemonic-file', mn], { env: { COLDKIT_JOURNAL: journal } });
    expect(r.code, r.stderr).toBe(0);
    const digest = r.json().output.digest;
    expect(fs.readdirSync(qr).length).toBeGreaterThan(0);
    const back = await runCli(['--network', 'testnet', '--json', 'psbt', 'inspect', '--from-qr', qr]);
    expect(back.code, back.stderr).toBe(0);
    expect(back.json().digest).toBe(digest);
    expect(back.json().review.inputs.every((i: { signatures: number }) => i.signatures === 1)).toBe(true);
  });
});

describe('psbt inspect', () => {
  const root = HDKey.fromMasterSeed(mnemonicToSeedSync(SAMPLE_MNEMONIC), { public: 0x043587cf, private: 0x04358394 });
  const tpub = root.derive("m/84'/1'/0'").publicExtendedKey;
  it('proves change against a descriptor', async () => {
    const r = await runCli(['--network', 'testnet', 'psbt', 'inspect', file('i.psbt', good), '--descriptor', `wpkh([73c5da0a/84h/1h/0h]${tpub}/<0;1>/*)`]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^PSBT \w+ \w+ \w+ \w+ \(\d+ bytes\)/);
    expect(r.stdout).toMatch(/Change \(output #1\) — verified/);
    expect(r.stdout).toMatch(/= change\s+0\.000996 BTC/);
  });
  it('without a descriptor shows change as a claim', async () => {
    const r = await runCli(['--network', 'testnet', '--json', 'psbt', 'inspect', file('i2.psbt', good)]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().review.outputs[1].role).toBe('claimed-change');
    expect(r.json().signWouldRefuse).toEqual([]);
  });
  it('lists what psbt sign would refuse, with codes and flags, exit 0; warnings keep their list', async () => {
    const desc = `wpkh([73c5da0a/84h/1h/0h]${tpub}/<0;1>/*)`;
    const f = file('i3.psbt', buildPsbt({ kind: 'wpkh', inputs: 2, fakeChange: true, nonWitness: false, lockTime: 900_000 }));
    const j = await runCli(['--network', 'testnet', '--json', 'psbt', 'inspect', f, '--descriptor', desc]);
    expect(j.code, j.stderr).toBe(0);
    const out = j.json();
    expect(out.signWouldRefuse.map((x: { code: string; override?: string }) => [x.code, x.override])).toEqual([
      ['unverified-change', '--allow-unverified-change'],
      ['unproven-amounts', '--allow-unproven-amounts'],
    ]);
    expect(out.findings.map((x: { code: string }) => x.code)).toEqual(['unverified-change', 'unproven-amounts', 'lock-time']);
    expect(out.review.warnings).toEqual(['nLockTime is 900000 (block height)']);
    const t = await runCli(['--network', 'testnet', 'psbt', 'inspect', f, '--descriptor', desc]);
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout.trimEnd()).toMatch(/== psbt sign would refuse\n  output 1 claims to be change .* \(--allow-unverified-change\)\n  segwit v0 inputs 0, 1 carry no non_witness_utxo, so their amounts are unproven .* \(--allow-unproven-amounts\)$/);
    expect(t.stdout).toMatch(/== Warnings\n  ! nLockTime is 900000 \(block height\)/);
  });
});

describe('bad input: exit 2, one line, no stack, no file', () => {
  const b64 = base64.encode(good);
  const dupGlobal = (): Uint8Array => {
    // Repeat the global unsigned-tx pair (key 0x00): BIP174 "keys within each scope should never be duplicated".
    const len = good[7]! < 0xfd ? good[7]! + 3 : good[8]! + good[9]! * 256 + 5;
    const pair = good.subarray(5, 5 + len);
    return Uint8Array.from([...good.subarray(0, 5), ...pair, ...good.subarray(5)]);
  };
  const mismatched = (): Uint8Array => {
    // Change the amount inside input 0's non_witness_utxo: its txid no longer matches the prevout.
    const b = buildPsbt({ kind: 'wpkh', inputs: 2, amount: 123_457n, send: 100_000n });
    const amt = [0x41, 0xe2, 0x01, 0, 0, 0, 0, 0];
    const at = b.findIndex((_, i) => amt.every((v, k) => b[i + k] === v));
    b[at] = 0xa1;
    return b;
  };
  let signedGood: Uint8Array;
  beforeAll(async () => {
    signedGood = await signedBy(good);
  });
  const finalized = (): Uint8Array => {
    const p = Psbt.fromBuffer(Buffer.from(signedGood));
    p.finalizeAllInputs();
    return p.toBuffer();
  };
  const cases: [string, () => string | Uint8Array, RegExp][] = [
    ['truncated', () => good.subarray(0, good.length - 40), /psbt: is not a valid PSBT/],
    ['corrupted base64', () => b64.slice(0, 40) + '!!' + b64.slice(42), /base64/],
    ['wrong magic', () => Uint8Array.from([0x70, 0x73, 0x62, 0x75, 0xff, ...good.subarray(5)]), /wrong magic/],
    ['empty', () => '', /empty/],
    ['duplicate keys', dupGlobal, /psbt: is not a valid PSBT/],
    ['mismatched UTXO data', mismatched, /psbt: /],
    ['finalized inputs', finalized, /already finalized/],
  ];
  it.each(cases)('%s', async (name, make, msg) => {
    const out = path.join(dir, `bad-${name}.out`);
    const r = await sign([file(`bad-${name}.psbt`, make()), '--out', out]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n').filter((l) => !/^PSBT in:/.test(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^coldkit: /);
    expect(lines[0]).toMatch(msg);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
    expect(fs.existsSync(out)).toBe(false);
  });
  it('oversized (above 32 MiB)', async () => {
    const big = new Uint8Array(33 * 1024 * 1024);
    big.set(good);
    const r = await runCli(['--network', 'testnet', 'psbt', 'inspect', file('big.psbt', big)]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^coldkit: psbt: is \d+ bytes; the limit is 33554432$/);
    fs.rmSync(path.join(dir, 'big.psbt'));
  });
});

describe('psbt sign: the network the PSBT is for', () => {
  const mainnet = (args: string[]) => runCli(['--yes', '--json', 'psbt', 'sign', ...args, '--mnemonic-file', mn], { env: { COLDKIT_JOURNAL: journal } });

  it('a testnet PSBT signed without --network says so and names the flag to add', async () => {
    const r = await mainnet([file('testnet.psbt', good)]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/this PSBT is for testnet \(or signet\/regtest\), not mainnet \(its derivation paths use coin type 1: .*\): add --network testnet/);
  });

  it('under the override its addresses stay in testnet form, never mainnet form', async () => {
    const r = await mainnet([file('testnet-ovr.psbt', good), '--allow-network-mismatch']);
    expect(r.code, r.stderr).toBe(0);
    const review = r.json().review;
    expect(review.addressNetwork).toBe('testnet');
    const addresses = [...review.inputs, ...review.outputs].map((x: { address?: string }) => x.address).filter(Boolean);
    expect(addresses.length).toBeGreaterThan(2);
    for (const a of addresses) expect(a).toMatch(/^tb1/);
    const human = await runCli(['psbt', 'inspect', file('testnet-inspect.psbt', good)]);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).not.toMatch(/\bbc1/);
    expect(human.stdout).toMatch(/addresses shown in testnet form/);
  });

  it('a mainnet PSBT signed with --network testnet is named mainnet', async () => {
    const r = await sign([file('main-on-test.psbt', buildPsbt({ kind: 'wpkh', inputs: 1, coinType: 0, mainnet: true }))]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/this PSBT is for mainnet, not testnet \(.*\): add --network mainnet/);
  });
});
