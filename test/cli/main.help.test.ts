/**
 * Black-box: `coldkit --version` is package.json's version; `--help` of the program and of every
 * command exits 0 with its usage; and help loads no heavy code. The loaded modules are recorded
 * by preloading test/helpers/record-imports.mjs (module resolve hooks writing every resolved
 * URL to a log), with a positive control showing the recorder does see curve code when a command
 * really runs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { HEAVY, runRecorded } from '../helpers/record-imports.js';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

/** Every command path of the program ("seed new", "journal verify", …), groups included. */
function commandPaths(c: Command, prefix: string[] = []): string[][] {
  return c.commands.flatMap((s) => [[...prefix, s.name()], ...commandPaths(s, [...prefix, s.name()])]);
}
const paths = commandPaths(await buildProgram());

describe('version', () => {
  it('coldkit --version prints package.json\'s version', async () => {
    for (const flag of ['--version', '-V']) {
      const r = await runCli([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout.trim()).toBe(pkg.version);
    }
  });
});

describe('coldkit --help', () => {
  it('exits 0, lists the command groups, and loads nothing from node_modules but commander', async () => {
    const r = await runRecorded(['--help']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Usage: coldkit \[options\] \[command\]/);
    for (const g of ['seed', 'account', 'derive', 'address', 'journal', 'demo']) expect(r.stdout).toMatch(new RegExp(`^  ${g}\\b`, 'm'));
    expect(r.urls.length).toBeGreaterThan(5); // the recorder saw coldkit's own modules
    expect([...r.packages]).toEqual(['commander']);
    // No action module was loaded either.
    expect(r.urls.filter((u) => u.includes('/cli/actions/'))).toEqual([]);
  });
  it('positive control: a command that derives addresses does load curve code, and the recorder sees it', async () => {
    const r = await runRecorded([
      'address', 'list', '--count', '1', '--descriptor',
      'wpkh(xpub6CatWdiZiodmUeTDp8LT5or8nmbKNcuyvz7WyksVFkKB4RHwCD3XyuvPEbvqAQY3rAPshWcMLoP2fMFMKHPJ4ZeZXYVUhLv1VMrjPC7PW6V/0/*)',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu');
    expect(r.packages.has('@noble/curves') || r.packages.has('tiny-secp256k1')).toBe(true);
    expect(r.packages.has('@scure/bip32')).toBe(true);
  });
});

describe.concurrent('every command\'s --help', () => {
  it('the program has the seed, account, derive, address, journal and demo commands', () => {
    const names = paths.map((p) => p.join(' '));
    for (const n of ['seed new', 'seed check', 'seed finish', 'account export', 'derive', 'address list', 'address find', 'journal verify', 'journal show', 'journal head', 'demo']) {
      expect(names).toContain(n);
    }
  });
  it.each(paths.map((p) => [p.join(' '), p] as const))('coldkit %s --help: exit 0, its usage, no heavy module', async (name, p) => {
    const r = await runRecorded([...p, '--help']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.startsWith(`Usage: coldkit ${name} `)).toBe(true);
    expect(r.stderr).toBe('');
    expect([...r.packages].filter((x) => HEAVY.includes(x))).toEqual([]);
  });
});
