/** `coldkit account import`: another wallet's watch-only export → the account file --wallet reads. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tmpDir } from '../../helpers/cli.js';

const MNEMONIC = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about\n';
const BIP84_XPUB = 'xpub6CatWdiZiodmUeTDp8LT5or8nmbKNcuyvz7WyksVFkKB4RHwCD3XyuvPEbvqAQY3rAPshWcMLoP2fMFMKHPJ4ZeZXYVUhLv1VMrjPC7PW6V';
/** The BCR-2020-015 crypto-account example (fixtures/ur/bcr/bcr-2020-015-account.md). */
const BCR_ACCOUNT = /ur:crypto-account\/[a-z]+/.exec(fs.readFileSync(path.join(ROOT, 'fixtures/ur/bcr/bcr-2020-015-account.md'), 'utf8'))![0];

function journalOps(file: string): Array<{ op: string; data: Record<string, unknown> }> {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l)) : [];
}

describe('account import', () => {
  it('the BCR-2020-015 crypto-account: several accounts need --script; wpkh gives the document\'s BIP84 key', async () => {
    const dir = tmpDir();
    const journal = path.join(dir, 'j.jsonl');
    fs.writeFileSync(path.join(dir, 'acct.ur'), BCR_ACCOUNT + '\n');
    const many = await runCli(['account', 'import', 'acct.ur'], { cwd: dir, env: { COLDKIT_JOURNAL: journal } });
    expect(many.code).toBe(2);
    expect(many.stderr).toMatch(/holds 4 accounts \(pkh, sh-wpkh, wpkh, tr\); choose one with --script/);
    expect(journalOps(journal)).toEqual([]);
    const one = await runCli(['--json', 'account', 'import', 'acct.ur', '--script', 'wpkh'], { cwd: dir, env: { COLDKIT_JOURNAL: journal } });
    expect(one.code, one.stderr).toBe(0);
    const r = one.json();
    expect(r.descriptors.multipath).toMatch(/^wpkh\(\[37b5eed4\/84h\/0h\/0h\]xpub6BkU445MSEBXbPjD3g2c2ch6mn8yy1SXXQUM7EwjgYiq6Wt1NDwDZ45npqWcV8uQC5oi2gHuVukoCoZZyT4HKq8EpotPMqGqxdZRuapCQ23\/<0;1>\/\*\)#/);
    expect(journalOps(journal).map((e) => e.op)).toEqual(['account.import']);
  });

  it('export → QR frames → import --from-qr rebuilds the same account file', async () => {
    const dir = tmpDir();
    const exp = await runCli(['--network', 'testnet', 'account', 'export', '--mnemonic-file', '-', '--out', 'exported.json', '--qr-png', 'frames'], { cwd: dir, stdin: MNEMONIC });
    expect(exp.code, exp.stderr).toBe(0);
    const imp = await runCli(['--network', 'testnet', 'account', 'import', '--from-qr', 'frames', '--out', 'imported.json'], { cwd: dir });
    expect(imp.code, imp.stderr).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'imported.json'), 'utf8'))).toEqual(JSON.parse(fs.readFileSync(path.join(dir, 'exported.json'), 'utf8')));
    const list = await runCli(['--json', 'address', 'list', '--wallet', 'imported.json', '--count', '1'], { cwd: dir });
    expect(list.json().addresses[0].address).toBe('tb1q6rz28mcfaxtmd6v789l9rrlrusdprr9pqcpvkl');
  });

  it('a bare [fingerprint/path]xpub takes its script from the BIP43 purpose (84 → wpkh), BIP84 vector address', async () => {
    const r = await runCli(['--json', 'account', 'import', '-'], { stdin: `[73c5da0a/84h/0h/0h]${BIP84_XPUB}\n` });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().script).toBe('wpkh');
    expect(r.json().addresses[0].address).toBe('bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu');
  });

  it('refuses an unhardened account path unless --allow-unhardened, which is journaled', async () => {
    const dir = tmpDir();
    const journal = path.join(dir, 'j.jsonl');
    const text = `wpkh([73c5da0a/84h/0h/0]${BIP84_XPUB}/<0;1>/*)\n`;
    const refused = await runCli(['account', 'import', '-'], { stdin: text, env: { COLDKIT_JOURNAL: journal } });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/not hardened.*--allow-unhardened/);
    const allowed = await runCli(['account', 'import', '-', '--allow-unhardened'], { stdin: text, env: { COLDKIT_JOURNAL: journal } });
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(journalOps(journal)[0]!.data.overrides).toEqual(['--allow-unhardened']);
  });

  it('bad input is exit 2 with one line: no key origin, garbage, a descriptor of another kind', async () => {
    for (const stdin of [`wpkh(${BIP84_XPUB}/<0;1>/*)\n`, 'hello world\n', `sh(multi(2,[73c5da0a/48h/0h/0h/2h]${BIP84_XPUB}/<0;1>/*))\n`]) {
      const r = await runCli(['account', 'import', '-'], { stdin });
      expect(r.code, stdin).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    }
  });
});
