/**
 * Payload files as the built bin reads them: a UR written as text — one `ur:` line, or a
 * multi-part UR one part a line as `qr encode` prints it — is read by `eth sign`, `eth inspect`
 * and `psbt sign` as the scanned QR would be; and one Ethereum request has one digest everywhere
 * (the creator's review, its QR caption, the signer's review and its QR scan).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { base64 } from '@scure/base';
import { beforeAll, describe, expect, it } from 'vitest';
import { Psbt, initEccLib } from 'bitcoinjs-lib';
import * as ecc from 'tiny-secp256k1';
import { runCli, tmpDir } from '../helpers/cli.js';
import { buildPsbt, SAMPLE_MNEMONIC } from '../helpers/build-psbt.js';

initEccLib(ecc);
const A0 = '0x9858EfFD232B4033E47d90003D41EC34EcaEda94'; // m/44'/60'/0'/0/0 of the sample seed
const TO = '0x6Fac4D18c912343BF86fa7049364Dd4E424Ab9C0';
const TX = ['--from', A0, '--to', TO, '--value', '0.01', '--chain-id', '1', '--nonce', '0', '--gas-limit', '21000', '--max-fee-per-gas', '30gwei', '--max-priority-fee-per-gas', '1gwei', '--fingerprint', '73c5da0a'];
let dir: string;
const f = (n: string) => path.join(dir, n);
const env = () => ({ COLDKIT_JOURNAL: f('journal.jsonl') });
const qrDigest = (stderr: string, dir: 'in' | 'out') => new RegExp(`^QR ${dir}: .* — digest: (\\w+ \\w+ \\w+ \\w+)`, 'm').exec(stderr)?.[1];

beforeAll(() => {
  dir = tmpDir('coldkit-payload-');
  fs.writeFileSync(f('seed.txt'), SAMPLE_MNEMONIC + '\n', { mode: 0o600 });
});

describe('one Ethereum request, one digest', () => {
  it('eth tx create prints the digest its QR caption prints; the signer prints it again from the file and from the QR', async () => {
    const made = await runCli(['--json', 'eth', 'tx', 'create', ...TX, '--out', f('req.ur'), '--qr-png', f('req-qr')], { env: env() });
    expect(made.code, made.stderr).toBe(0);
    const digest = made.json().review.digest;
    expect(digest).toMatch(/^\w+ \w+ \w+ \w+$/);
    expect(qrDigest(made.stderr, 'out')).toBe(digest);
    const human = await runCli(['eth', 'tx', 'create', ...TX, '--qr-png', f('req-qr2')], { env: env() });
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain(`payload digest:  ${qrDigest(human.stderr, 'out')}`);
    const fromFile = await runCli(['--json', '--yes', 'eth', 'sign', f('req.ur'), '--mnemonic-file', f('seed.txt')], { env: env() });
    expect(fromFile.code, fromFile.stderr).toBe(0);
    expect(fromFile.json().review.digest).toBe(digest);
    const fromQr = await runCli(['--json', '--yes', 'eth', 'sign', '--from-qr', f('req-qr'), '--mnemonic-file', f('seed.txt')], { env: env() });
    expect(fromQr.code, fromQr.stderr).toBe(0);
    expect(qrDigest(fromQr.stderr, 'in')).toBe(digest);
    expect(fromQr.json().review.digest).toBe(digest);
    expect(fromQr.json().signedHex).toBe(fromFile.json().signedHex);
  });
});

describe('eth tx create without a node', () => {
  it('names every missing value at once, with an example line that works as written', async () => {
    const r = await runCli(['eth', 'tx', 'create', '--from', A0], { env: env() });
    expect(r.code).toBe(2);
    const line = r.stderr.trim();
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toMatch(/missing --to, --chain-id, --nonce, --gas-limit, --max-fee-per-gas, --max-priority-fee-per-gas \(.*--rpc URL fills/);
    const example = /for example: coldkit (.*)$/.exec(line)![1]!.replace('0xFROM', A0).replace('0xTO', TO).split(' ');
    const ok = await runCli(example, { env: env() });
    expect(ok.code, ok.stderr).toBe(0);
    const legacy = await runCli(['eth', 'tx', 'create', '--type', '0', '--erc20', TO], { env: env() });
    expect(legacy.stderr).toMatch(/missing --from, --to, --amount, --decimals, --chain-id, --nonce, --gas-limit, --gas-price /);
  });
});

describe('a multi-part UR saved as text, one part a line', () => {
  it('qr encode → file → eth inspect and eth sign read it as the QR; a file missing parts says which', async () => {
    const made = await runCli(['--json', 'eth', 'tx', 'create', ...TX, '--data', '0x' + 'ab'.repeat(200), '--out', f('big.ur')], { env: env() });
    expect(made.code, made.stderr).toBe(0);
    const enc = await runCli(['qr', 'encode', f('big.ur'), '--fragment', '60'], { env: env() });
    expect(enc.code, enc.stderr).toBe(0);
    const parts = enc.stdout.trim().split('\n');
    expect(parts.length).toBeGreaterThan(3);
    expect(parts[0]).toMatch(/^ur:eth-sign-request\/1-\d+\//i);
    fs.writeFileSync(f('parts.txt'), enc.stdout);
    const seen = await runCli(['--json', 'eth', 'inspect', f('parts.txt')], { env: env() });
    expect(seen.code, seen.stderr).toBe(0);
    expect(seen.json().transaction.digest).toBe(made.json().review.digest);
    // The 200 filler bytes (there to need several parts) are no call coldkit decodes: blind signing, overridden here.
    const blind = await runCli(['eth', 'sign', f('parts.txt'), '--mnemonic-file', f('seed.txt')], { env: env() });
    expect(blind.code).toBe(3);
    expect(blind.stderr).toMatch(/BLIND SIGNING/);
    const signed = await runCli(['--json', '--yes', 'eth', 'sign', f('parts.txt'), '--mnemonic-file', f('seed.txt'), '--allow-unknown-calldata'], { env: env() });
    expect(signed.code, signed.stderr).toBe(0);
    expect(signed.json().review.digest).toBe(made.json().review.digest);
    expect(signed.json().ethSignature.requestId).toBe(made.json().signRequest.requestId);
    // Only the first two pure parts: the file cannot make the request, and says what is missing.
    fs.writeFileSync(f('few.txt'), parts.slice(0, 2).join('\n') + '\n');
    const few = await runCli(['eth', 'sign', f('few.txt'), '--mnemonic-file', f('seed.txt')], { env: env() });
    expect(few.code).toBe(2);
    expect(few.stderr.trim()).toMatch(/the 2 UR parts make 2 of the \d+ fragments of one ur:eth-sign-request; still missing fragments? 3/);
  });

  it('qr encode → file → psbt sign signs the PSBT the parts carry', async () => {
    const raw = buildPsbt({ kind: 'wpkh', inputs: 3 });
    fs.writeFileSync(f('t.psbt'), base64.encode(raw));
    const enc = await runCli(['qr', 'encode', f('t.psbt'), '--fragment', '80'], { env: env() });
    expect(enc.code, enc.stderr).toBe(0);
    expect(enc.stdout.trim().split('\n').length).toBeGreaterThan(3);
    fs.writeFileSync(f('psbt-parts.txt'), enc.stdout);
    const r = await runCli(['--network', 'testnet', '--yes', 'psbt', 'sign', f('psbt-parts.txt'), '--mnemonic-file', f('seed.txt')], { env: env() });
    expect(r.code, r.stderr).toBe(0);
    const p = Psbt.fromBase64(r.stdout.trim());
    expect(p.data.inputs.every((i) => i.partialSig?.length === 1)).toBe(true);
    expect(p.validateSignaturesOfAllInputs((pub, msg, sig) => ecc.verify(msg, pub, sig))).toBe(true);
    // A UR of another kind where a PSBT is read is named.
    const other = await runCli(['--network', 'testnet', 'psbt', 'inspect', f('parts.txt')], { env: env() });
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/eth-sign-request/);
  });
});
