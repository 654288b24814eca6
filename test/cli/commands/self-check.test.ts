/**
 * Black-box `coldkit self-check` from the development checkout: every known-answer test passes,
 * the file check says it was skipped (no bundle), exit 0, one JSON document, journaled. The bundle
 * side (files, archive hash, tampering) is test/e2e/bundle.test.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tmpDir } from '../../helpers/cli.js';

describe('coldkit self-check (checkout)', () => {
  it('--json: known answers pass, installation "checkout", bundle null, journaled', async () => {
    const journal = path.join(tmpDir('coldkit-selfcheck-'), 'journal.jsonl');
    const r = await runCli(['--json', '--journal', journal, 'self-check']);
    expect(r.code, r.stderr).toBe(0);
    const j = r.json();
    expect(j).toMatchObject({ ok: true, installation: 'checkout', bundle: null, node: process.version, platform: process.platform, failures: [] });
    expect(j.knownAnswers.map((k: { id: string; ok: boolean }) => [k.id, k.ok])).toEqual(
      ['sha256', 'hmac-sha512', 'pbkdf2', 'bip39-seed', 'bip32', 'ecdsa-rfc6979', 'schnorr-bip340', 'public-curve', 'eip155', 'shamir', 'rng-health'].map((id) => [id, true]),
    );
    const e = JSON.parse(fs.readFileSync(journal, 'utf8'));
    expect(e.op).toBe('self-check');
    expect(e.data).toMatchObject({ ok: true, installation: 'checkout', knownAnswers: 11, failures: [] });
  });

  it('human output says the file check was skipped and lists each test', async () => {
    const r = await runCli(['self-check']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^coldkit \d+\.\d+\.\d+ self-check: PASSED/);
    expect(r.stdout).toContain('not a release bundle — the file check is skipped');
    expect(r.stdout.match(/^ {2}ok {3}/gm)).toHaveLength(11);
  });
});
