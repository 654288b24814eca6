/** Usage errors found by commander still give exactly one JSON document with --json, and exit 2. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

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
