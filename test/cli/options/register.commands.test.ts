/**
 * src/cli/options/register.ts on the real commands, as a black box: options a run would silently
 * ignore are refused with exit 2 naming the option, before anything is read, asked, made or
 * written; subcommand help lists the global options that apply and each override's one text.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { OVERRIDES } from '../../../src/cli/overrides.js';
import { ABOUT, workspace, type Workspace } from '../../helpers/harness.js';

describe('the real commands refuse options they would ignore, before any work', () => {
  let ws: Workspace;
  let before: Buffer;
  let m: string;
  beforeAll(async () => {
    ws = await workspace(1);
    before = ws.journalBytes();
    m = ws.file('m.txt', ABOUT + '\n');
    ws.file('payload.txt', 'hello from the cold side\n');
  });
  const cases: Array<[string, () => string[], RegExp, string?]> = [
    ['seed new --mnemonic-file (it would make a new seed anyway)', () => ['seed', 'new', '--mnemonic-file', m, '--mnemonic-out', 'new.txt'], /option '--mnemonic-file <path>' does not apply to seed new: seed new makes a new seed and reads none/, 'new.txt'],
    ['seed new --format without --split', () => ['seed', 'new', '--format', 'sskr', '--mnemonic-out', 'f.txt'], /option '--format <format>' applies only with --split/, 'f.txt'],
    ['account export --chain eth --qr-png (no QR for an Ethereum account)', () => ['account', 'export', '--chain', 'eth', '--mnemonic-file', m, '--qr-png', 'qr-dir'], /option '--qr-png <dir>' does not apply with --chain eth \(only with --chain btc\)/, 'qr-dir'],
    ['account export --chain eth --export-dir', () => ['account', 'export', '--chain', 'eth', '--mnemonic-file', m, '--export-dir', 'exports'], /option '--export-dir <dir>' does not apply with --chain eth/, 'exports'],
    ['account export --chain eth --script', () => ['account', 'export', '--chain', 'eth', '--mnemonic-file', m, '--script', 'tr', '--out', 'a.json'], /option '--script <type>' does not apply with --chain eth/, 'a.json'],
    ['account export --account with --path', () => ['account', 'export', '--mnemonic-file', m, '--account', '1', '--path', "m/84'/0'/0'", '--out', 'b.json'], /option '--account <n>' cannot be used with option '--path <path>'/, 'b.json'],
    ['derive --chain eth --script', () => ['derive', '--mnemonic-file', m, '--path', "m/44'/60'/0'/0/0", '--chain', 'eth', '--script', 'tr'], /option '--script <type>' does not apply with --chain eth/],
    ['--passphrase with --passphrase-file (before the mnemonic is asked)', () => ['seed', 'check', '--passphrase', '--passphrase-file', m, '--card', 'card.json'], /option '--passphrase' cannot be used with option '--passphrase-file <path>'/, 'card.json'],
    ['psbt create --change-index with --send-max (no change output)', () => ['psbt', 'create', '--utxos', 'u.json', '--send-max', 'bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu', '--change-index', '3', '--out', 'u.psbt'], /option '--change-index <n>' cannot be used with option '--send-max <address>'/, 'u.psbt'],
    ['psbt sign --qr-format without a QR output', () => ['psbt', 'sign', 'x.psbt', '--mnemonic-file', m, '--qr-format', 'ur'], /option '--qr-format <format>' applies only with --qr-png or --qr-html or --qr-terminal/],
    ['qr encode --ur-type with --format bbqr', () => ['qr', 'encode', 'payload.txt', '--format', 'bbqr', '--ur-type', 'psbt'], /option '--ur-type <type>' does not apply with --format bbqr \(only with --format auto or ur\)/],
    ['qr encode --seconds without --terminal', () => ['qr', 'encode', 'payload.txt', '--seconds', '3'], /option '--seconds <n>' applies only with --terminal/],
    ['qr encode --scale without an image output', () => ['qr', 'encode', 'payload.txt', '--scale', '4'], /option '--scale <px>' applies only with --png or --gif or --html/],
    ['qr encode --fragment with --density', () => ['qr', 'encode', 'payload.txt', '--fragment', '100', '--density', 'high'], /option '--fragment <bytes>' cannot be used with option '--density <density>'/],
    ['eth broadcast --timeout without --wait (before any network)', () => ['eth', 'broadcast', 'signed.hex', '--rpc', 'http://127.0.0.1:9', '--timeout', '5'], /option '--timeout <seconds>' applies only with --wait/],
    ['eth sign-message --qr-png for a bare message (no eth-signature to show)', () => ['--yes', 'eth', 'sign-message', 'payload.txt', '--mnemonic-file', m, '--qr-png', 'sig-qr'], /option '--qr-png <dir>' applies only with --request or --from-qr/, 'sig-qr'],
  ];
  it.each(cases)('%s', async (_name, args, message, output) => {
    const r = await ws.run(args());
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
    if (output) expect(fs.existsSync(path.join(ws.dir, output))).toBe(false);
    expect(ws.journalBytes().equals(before)).toBe(true);
  });
  it('eth sign-typed-data --qr-png for bare typed data: refused before the seed is read, nothing written', async () => {
    const mail = {
      types: { EIP712Domain: [{ name: 'name', type: 'string' }], Mail: [{ name: 'contents', type: 'string' }] },
      primaryType: 'Mail',
      domain: { name: 'Ether Mail' },
      message: { contents: 'Hello' },
    };
    const td = ws.file('mail.json', JSON.stringify(mail));
    // No --mnemonic-file and no terminal: had the seed been asked for, the error would name --mnemonic-file.
    const r = await ws.run(['--yes', 'eth', 'sign-typed-data', td, '--qr-png', 'td-qr']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/^coldkit: --qr-png: needs an eth-sign-request as input/);
    expect(fs.existsSync(path.join(ws.dir, 'td-qr'))).toBe(false);
    expect(ws.journalBytes().equals(before)).toBe(true);
  });
  it('with --json the refusal is one JSON usage error naming the option', async () => {
    const r = await ws.run(['--json', 'account', 'export', '--chain', 'eth', '--mnemonic-file', m, '--qr-png', 'qr-dir']);
    expect(r.code).toBe(2);
    expect(r.json().error).toMatchObject({ exitCode: 2, kind: 'UsageError', message: expect.stringContaining("'--qr-png <dir>' does not apply with --chain eth") });
  });
  it('positive controls: where the options apply they are accepted', async () => {
    const eth = await ws.run(['--json', 'account', 'export', '--chain', 'eth', '--mnemonic-file', m]);
    expect(eth.code, eth.stderr).toBe(0);
    expect(eth.json().kind).toBe('coldkit/eth-account');
    const qr = await ws.run(['qr', 'encode', 'payload.txt', '--format', 'ur', '--ur-type', 'bytes']);
    expect(qr.code, qr.stderr).toBe(0);
    expect(qr.stdout).toMatch(/^UR:BYTES\//);
  });
});

describe('subcommand help shows the global options that apply', () => {
  const globalsIn = (help: string): string[] => [...(help.split('Global Options:')[1] ?? '').matchAll(/^ {2}(--[a-z-]+)/gm)].map((x) => x[1]!);
  let ws: Workspace;
  beforeAll(async () => {
    ws = await workspace(0);
  });
  it.each([
    ['psbt sign', ['--json', '--journal', '--operator', '--network', '--yes', '--debug', '--require-offline']],
    ['eth sign', ['--json', '--journal', '--operator', '--yes', '--debug', '--require-offline']],
    ['seed new', ['--json', '--journal', '--operator', '--network', '--debug', '--require-offline']],
    ['account export', ['--json', '--journal', '--operator', '--network', '--debug']],
    ['journal show', ['--json', '--journal', '--operator', '--debug']],
  ])('coldkit %s --help', async (name, want) => {
    const r = await ws.run([...name.split(' '), '--help']);
    expect(r.code).toBe(0);
    expect(globalsIn(r.stdout)).toEqual(want);
  });
  it('an override\'s help is its one text in src/cli/overrides.ts', async () => {
    const r = await ws.run(['psbt', 'sign', '--help']);
    expect(r.stdout.replace(/\s+/g, ' ')).toContain(`--allow-network-mismatch ${OVERRIDES['network-mismatch']} (journaled)`);
  });
});
