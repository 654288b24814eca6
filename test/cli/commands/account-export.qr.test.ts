/** `account export --qr-png` writes the watch-only descriptor as UR:CRYPTO-OUTPUT frames that `qr decode` reads back. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tmpDir } from '../../helpers/cli.js';

const MNEMONIC = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about\n';

describe('account export → QR → qr decode', () => {
  it('round-trips the multipath descriptor through PNG pixels with the same digest on both sides', async () => {
    const dir = tmpDir();
    const frames = path.join(dir, 'frames');
    const exp = await runCli(['--json', '--network', 'testnet', 'account', 'export', '--mnemonic-file', '-', '--qr-png', frames], { stdin: MNEMONIC });
    expect(exp.code, exp.stderr).toBe(0);
    const multipath = exp.json().descriptors.multipath as string;
    expect(fs.readdirSync(frames).filter((f) => f.endsWith('.png')).length).toBeGreaterThan(0);
    const out = /QR out: UR:CRYPTO-OUTPUT.*digest: ([a-z]+ [a-z]+ [a-z]+ [a-z]+)/.exec(exp.stderr);
    expect(out, exp.stderr).not.toBeNull();
    const dec = await runCli(['qr', 'decode', '--dir', frames]);
    expect(dec.code, dec.stderr).toBe(0);
    expect(dec.stdout.trim()).toBe(multipath);
    expect(dec.stderr).toContain(`digest: ${out![1]}`);
  });

  it('a QR target that cannot be created fails up front (exit 2): nothing journaled, one JSON document', async () => {
    const dir = tmpDir();
    const journal = path.join(dir, 'journal.jsonl');
    fs.writeFileSync(path.join(dir, 'a-file'), '');
    for (const flags of [['--qr-png', 'a-file/frames'], ['--qr-png', 'a-file'], ['--qr-html', 'missing/page.html']]) {
      const r = await runCli(['--json', 'account', 'export', '--mnemonic-file', '-', ...flags], { stdin: MNEMONIC, cwd: dir, env: { COLDKIT_JOURNAL: journal } });
      expect(r.code, flags.join(' ')).toBe(2);
      expect(r.json().error.message).toMatch(new RegExp(`^${flags[0]}: `));
      expect(fs.existsSync(journal)).toBe(false);
    }
  });
});
