/** Usage errors found by commander still give exactly one JSON document with --json, and exit 2. */
import { describe, expect, it } from 'vitest';
import { runCli, tmpDir } from '../helpers/cli.js';

describe('--json usage errors', () => {
  for (const args of [['--json', 'seed', 'chekc'], ['--json', 'seed', 'new', '--bogus'], ['seed', 'new', '--words', '13', '--json']]) {
    it(args.join(' '), async () => {
      const r = await runCli(args);
      expect(r.code).toBe(2);
      const doc = r.json();
      expect(doc.error.kind).toBe('UsageError');
      expect(doc.error.exitCode).toBe(2);
      expect(doc.error.message).not.toMatch(/\n/);
      expect(r.stderr).toMatch(/^error: /);
    });
  }
  it('without --json stdout stays empty', async () => {
    const r = await runCli(['seed', 'chekc']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });
});

describe('--journal pointing at a folder', () => {
  it('is a usage error (exit 2) naming --journal, before anything is done', async () => {
    const dir = tmpDir();
    const r = await runCli(['--journal', dir, 'journal', 'verify']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^coldkit: --journal: ".*" is a folder/);
  });
});
