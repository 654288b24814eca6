/**
 * The built program (src/build/app.ts → dist/app, what bin/coldkit starts): a 1-input `psbt sign`
 * loads five of its modules and nothing from node_modules, `--help` only the shell, and the built
 * program signs exactly as tsc's one-module-per-file output does (the same bytes on stdout).
 * Start-up is measured by `npm run bench` (docs/performance.md), not here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHUNKS } from '../../src/build/app.js';
import { buildPsbt, SAMPLE_MNEMONIC } from '../helpers/build-psbt.js';
import { BIN, ROOT, tmpDir } from '../helpers/cli.js';
import { runRecorded, SOURCE_BIN } from '../helpers/record-imports.js';

const dir = tmpDir('coldkit-app-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const psbt = path.join(dir, 'one.psbt');
fs.writeFileSync(psbt, buildPsbt({ kind: 'wpkh', inputs: 1 }));
const mnemonic = path.join(dir, 'mnemonic.txt');
fs.writeFileSync(mnemonic, `${SAMPLE_MNEMONIC}\n`);
const env = { COLDKIT_POLICY_PIN: path.join(dir, 'no-pin.json') };
const sign = ['--network', 'testnet', '--yes', 'psbt', 'sign', psbt, '--mnemonic-file', mnemonic];

const APP = `file://${path.join(ROOT, 'dist/app')}/`;
/** A loaded module's name in dist/app with its content hash taken off (`psbt-sign-AbC1.js` → `psbt-sign`). */
const appModules = (urls: string[]) => [...new Set(urls.filter((u) => u.startsWith(APP)).map((u) => u.slice(APP.length).replace(/-[\w-]{8}\.js$|\.js$/, '')))].sort();
const others = (urls: string[]) => urls.filter((u) => u.startsWith('file:') && !u.startsWith(APP) && u !== `file://${BIN}`);

describe('dist/app, the program bin/coldkit starts', () => {
  it('the chunks joined by hand are the shell, the executor, the key layer and the psbt signer, in that order', () => {
    expect(CHUNKS.map((c) => c.name)).toEqual(['shell', 'execute', 'key-layer', 'psbt-sign']);
  });

  it('a 1-input psbt sign loads main, shell, execute, key-layer and psbt-sign, and no other module file', async () => {
    const r = await runRecorded(sign, env, BIN);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^cHNidP8/);
    expect(appModules(r.urls)).toEqual(['execute', 'key-layer', 'main', 'psbt-sign', 'shell']);
    // Not one module from dist/src or node_modules: libsecp256k1's glue, the hashes and commander are joined in.
    expect(others(r.urls)).toEqual([]);
  }, 60_000);

  it('--help loads main and the shell only', async () => {
    const r = await runRecorded(['--help'], env, BIN);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Usage: coldkit');
    expect(appModules(r.urls)).toEqual(['main', 'shell']);
    expect(others(r.urls)).toEqual([]);
  }, 60_000);

  it('signs the same bytes as the one-module-per-file program it is built from', async () => {
    const [built, source] = await Promise.all([runRecorded(sign, env, BIN), runRecorded(sign, env, SOURCE_BIN)]);
    expect(built.code, built.stderr).toBe(0);
    expect(source.code, source.stderr).toBe(0);
    expect(built.stdout).toBe(source.stdout);
    expect(appModules(source.urls)).toEqual([]);
  }, 60_000);

  it('another command loads its own chunk, not the signer', async () => {
    const r = await runRecorded(['--network', 'testnet', 'derive', '--mnemonic-file', mnemonic, '--path', 'm/84h/1h/0h/0/0'], env, BIN);
    expect(r.code, r.stderr).toBe(0);
    const loaded = appModules(r.urls);
    expect(loaded, loaded.join(' ')).toContain('key-layer');
    expect(loaded).not.toContain('psbt-sign');
  }, 60_000);
});
