/**
 * `coldkit btc sign-message` and `btc verify-message` as a black box: BIP-322's official vectors
 * through verify-message; signatures made from a seed (BIP39 and SLIP-39) for each address type,
 * found by path, by address in the standard accounts and by address in a wallet file; the
 * blind-signing refusals and their overrides (journaled); legacy signatures checked by Electrum's
 * own library (Debian `electrum`), and Electrum's checked by verify-message.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HDKey } from '@scure/bip32';
import { describe, expect, it } from 'vitest';
import { runCli, tmpDir } from '../../helpers/cli.js';
import { electrumPython } from '../../helpers/electrum.js';
import { fixtureJson } from '../../helpers/fixtures.js';

const MNEMONIC = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const dir = tmpDir('coldkit-btc-msg-');
const journal = path.join(dir, 'journal.jsonl');
const file = (name: string, data: string | Uint8Array): string => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, data);
  return p;
};
const mnemonicFile = file('mnemonic.txt', MNEMONIC + '\n');
const run = (args: string[], opts: { stdin?: string } = {}) => runCli(['--json', ...args], { ...opts, env: { COLDKIT_JOURNAL: journal } });
const sign = (msg: string, flags: string[]) => run(['btc', 'sign-message', '--mnemonic-file', mnemonicFile, '--yes', ...flags, msg]);
const verify = (msg: string, address: string, signature: string, flags: string[] = []) => run(['btc', 'verify-message', '--address', address, '--signature', signature, ...flags, msg]);

interface Vector {
  message: string;
  address: string;
  type: string;
  bip322_signatures: string[];
}
const vectors = fixtureJson<{ simple: Vector[] }>('bip322/basic-test-vectors.json').simple;

describe('btc verify-message: BIP-322 official vectors (fixtures/bip322/basic-test-vectors.json)', () => {
  vectors.forEach((v, i) => {
    it(`vector ${i} (${v.type}, ${JSON.stringify(v.message).slice(0, 30)}): valid, and invalid for another message`, async () => {
      const msg = file(`vector-${i}.txt`, v.message);
      const other = file(`vector-${i}-other.txt`, v.message + '.');
      for (const sig of v.bip322_signatures) {
        const ok = await verify(msg, v.address, sig);
        expect(ok.code, ok.stderr).toBe(0);
        expect(ok.json()).toMatchObject({ state: 'valid', valid: true, address: v.address, network: 'mainnet' });
        const bad = await verify(other, v.address, sig);
        expect(bad.code).toBe(3);
        expect(bad.json().state).toBe('invalid');
      }
    });
  });
});

describe('btc sign-message from a seed', () => {
  const msg = file('audit.txt', 'Proof of control for the 2026 audit.\nAcme Custody\n');
  const root = HDKey.fromMasterSeed(new Uint8Array(Buffer.from('5eb00bbddcf069084889a8ab9155568165f5c453ccb85e70811aaed6f6da5fc19a5ac40b389cd370d086206dec8aa6c43daea6690f20ad3d8d48b2d2ce9e38e4', 'hex')));

  it('by path, every address type: signature verifies with verify-message; the review shows the escaped bytes', async () => {
    const cases: [string, string, string][] = [
      ["m/84'/0'/0'/0/0", 'bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu', 'simple'],
      ["m/86'/0'/0'/0/0", 'bc1p5cyxnuxmeuwuvkwfem96lqzszd02n6xdcjrs20cac6yqjjwudpxqkedrcr', 'simple'],
      ["m/49'/0'/0'/0/0", '37VucYSaXLCAsxYyAPfbSi9eh4iEcbShgf', 'full'],
      ["m/44'/0'/0'/0/0", '1LqBGSKuX5yYUonjxT5qGfpUsXKYYWeabA', 'full'],
    ];
    for (const [p, address, format] of cases) {
      const r = await sign(msg, ['--path', p]);
      expect(r.code, r.stderr).toBe(0);
      const j = r.json();
      expect(j).toMatchObject({ address, format, fingerprint: '73c5da0a', verified: true, overrides: [] });
      expect(j.message).toMatchObject({ bytes: 50, kind: 'text', escaped: 'Proof of control for the 2026 audit.\\nAcme Custody\\n' });
      expect(r.stderr).toContain('"Proof of control for the 2026 audit.\\nAcme Custody\\n"');
      expect(r.stderr).toContain(address);
      expect(j.signature.startsWith(format === 'simple' ? 'smp' : 'ful')).toBe(true);
      const v = await verify(msg, address, j.signature);
      expect(v.code, v.stderr).toBe(0);
      expect(v.json().format).toBe(format);
    }
  });

  it('by address: found on the change chain of the standard account; the journal records path and message hash, never the words', async () => {
    const node = root.derive("m/86'/0'/0'/1/7");
    const addr = (await run(['derive', '--mnemonic-file', mnemonicFile, '--path', "m/86'/0'/0'/1/7", '--script', 'tr'])).json().address as string;
    expect(node.publicKey).toBeDefined();
    const r = await sign(msg, ['--address', addr]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ address: addr, path: 'm/86h/0h/0h/1/7', scriptType: 'tr' });
    const text = fs.readFileSync(journal, 'utf8');
    const last = JSON.parse(text.trim().split('\n').filter((l) => l.includes('btc.sign-message')).at(-1)!);
    expect(last.data).toMatchObject({ address: addr, path: 'm/86h/0h/0h/1/7', messageBytes: 50, fingerprint: '73c5da0a' });
    expect(text).not.toContain('abandon');
  });

  it('an address not of this seed, and a path whose key is another address, are exit 3', async () => {
    const other = await sign(msg, ['--address', 'bc1q9vza2e8x573nczrlzms0wvx3gsqjx7vavgkx0l', '--gap-limit', '20']);
    expect(other.code).toBe(3);
    expect(other.stderr).toMatch(/not among the first 20/);
    const mismatch = await sign(msg, ['--path', "m/84'/0'/0'/0/1", '--address', 'bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu']);
    expect(mismatch.code).toBe(3);
    expect(mismatch.stderr).toMatch(/m\/84h\/0h\/0h\/0\/1 of this seed is bc1q/);
  });

  it('--address found in a wallet file (account export); another seed\'s wallet is exit 3', async () => {
    const wallet = path.join(dir, 'wallet.json');
    const ex = await run(['account', 'export', '--mnemonic-file', mnemonicFile, '--script', 'wpkh', '--out', wallet]);
    expect(ex.code, ex.stderr).toBe(0);
    const addr = (await run(['address', 'list', '--wallet', wallet, '--from', '4', '--count', '1'])).json();
    const address = (Array.isArray(addr) ? addr[0] : addr.addresses[0]).address as string;
    const r = await sign(msg, ['--address', address, '--wallet', wallet]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ address, path: 'm/84h/0h/0h/0/4' });
    const otherSeed = file('other.txt', 'zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong\n');
    const refused = await run(['btc', 'sign-message', '--mnemonic-file', otherSeed, '--yes', '--address', address, '--wallet', wallet, msg]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/belongs to seed 73c5da0a/);
  });

  it('blind signing is refused (exit 3) naming the override; with it the signature is made and the override journaled', async () => {
    const hash = file('hash.txt', 'a591a6d40bf420404a011733cfb7b190d62c65bf0bcda32b57b277d9ad9f146e\n');
    const refused = await sign(hash, ['--path', "m/84'/0'/0'/0/0"]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/32-byte value/);
    expect(refused.stderr).toContain('--allow-message-hash');
    expect(refused.stdout).not.toContain('smp');
    const allowed = await sign(hash, ['--path', "m/84'/0'/0'/0/0", '--allow-message-hash']);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(allowed.json().overrides).toEqual(['--allow-message-hash']);
    expect(allowed.stderr).toContain('OVERRIDE --allow-message-hash');
    const tx = file('tx.hex', '0200000001' + 'aa'.repeat(32) + '00000000' + '00' + 'ffffffff' + '01' + '1027000000000000' + '16' + '0014' + 'bb'.repeat(20) + '00000000');
    const txr = await sign(tx, ['--path', "m/84'/0'/0'/0/0"]);
    expect(txr.code).toBe(3);
    expect(txr.stderr).toContain('--allow-message-transaction');
    const bin = file('bin.dat', new Uint8Array([0x48, 0x69, 0x00, 0x1b, 0x5b, 0x33, 0x31, 0x6d]));
    const binr = await sign(bin, ['--path', "m/84'/0'/0'/0/0"]);
    expect(binr.code).toBe(3);
    expect(binr.stderr).toContain('--allow-message-binary');
  });

  it('a message that is a mnemonic is never signed and never echoed, with no override offered', async () => {
    const secret = file('secret.txt', MNEMONIC);
    const r = await sign(secret, ['--path', "m/84'/0'/0'/0/0"]);
    expect(r.code).toBe(3);
    expect(r.stderr).not.toContain('--allow');
    expect(r.stderr + r.stdout).not.toContain('abandon abandon');
  });

  it('--legacy: BIP-137 headers by type, --electrum header 31-34; taproot refused', async () => {
    const pkh = await sign(msg, ['--path', "m/44'/0'/0'/0/0", '--legacy']);
    const wpkh = await sign(msg, ['--path', "m/84'/0'/0'/0/0", '--legacy']);
    const shw = await sign(msg, ['--path', "m/49'/0'/0'/0/0", '--legacy', '--electrum']);
    for (const [r, header] of [[pkh, 31], [wpkh, 39], [shw, 31]] as const) {
      expect(r.code, r.stderr).toBe(0);
      expect(Buffer.from(r.json().signature, 'base64')[0]).toBe(header);
      const v = await verify(msg, r.json().address, r.json().signature);
      expect(v.code, v.stderr).toBe(0);
      expect(v.json().format).toBe('legacy');
    }
    const tr = await sign(msg, ['--path', "m/86'/0'/0'/0/0", '--legacy']);
    expect(tr.code).toBe(2);
    expect(tr.stderr).toMatch(/taproot/);
  });

  it('--slip39-file: the key comes from a SLIP-39 wallet (vector 4, 2-of-3, passphrase TREZOR)', async () => {
    const [, shares, , xprv] = fixtureJson<[string, string[], string, string][]>('slip39/vectors.json')[3]!;
    const sharesFile = file('slip39.txt', shares.join('\n') + '\n');
    const pass = file('pass.txt', 'TREZOR\n');
    const expected = HDKey.fromExtendedKey(xprv).derive("m/84'/0'/0'/0/0");
    const r = await run(['btc', 'sign-message', '--slip39-file', sharesFile, '--passphrase-file', pass, '--yes', '--path', "m/84'/0'/0'/0/0", msg]);
    expect(r.code, r.stderr).toBe(0);
    const j = r.json();
    expect(j.fingerprint).toBe(Buffer.from(HDKey.fromExtendedKey(xprv).identifier!.slice(0, 4)).toString('hex'));
    const v = await verify(msg, j.address, j.signature);
    expect(v.code).toBe(0);
    expect(expected.publicKey).toBeDefined();
    expect(r.stdout).not.toContain(shares[0]!.split(' ')[2]! + ' ' + shares[0]!.split(' ')[3]!);
  });
});

const python = electrumPython();
const haveElectrum = python !== undefined;

describe.skipIf(!haveElectrum)('btc sign-message --legacy against Electrum 4', () => {
  it("Electrum verifies coldkit's signatures for P2PKH, P2SH-P2WPKH and P2WPKH; coldkit verifies Electrum's, byte-identical with --electrum", async () => {
    const text = 'two lines\nand ünïcödé ✓';
    const msg = file('electrum.txt', text);
    const seed = Buffer.from('5eb00bbddcf069084889a8ab9155568165f5c453ccb85e70811aaed6f6da5fc19a5ac40b389cd370d086206dec8aa6c43daea6690f20ad3d8d48b2d2ce9e38e4', 'hex');
    const root = HDKey.fromMasterSeed(new Uint8Array(seed));
    const cases: [string, string][] = [["m/44'/0'/0'/0/3", 'p2pkh'], ["m/49'/0'/0'/0/3", 'p2wpkh-p2sh'], ["m/84'/0'/0'/0/3", 'p2wpkh']];
    const ours: { address: string; signature: string; electrumStyle: string }[] = [];
    for (const [p] of cases) {
      const a = await sign(msg, ['--path', p, '--legacy']);
      const b = await sign(msg, ['--path', p, '--legacy', '--electrum']);
      expect(a.code, a.stderr).toBe(0);
      expect(b.code, b.stderr).toBe(0);
      ours.push({ address: a.json().address, signature: a.json().signature, electrumStyle: b.json().signature });
    }
    const driver = [
      'import base64, json, sys',
      'from electrum import ecc',
      'from electrum.bitcoin import pubkey_to_address',
      'out = []',
      'for c in json.load(sys.stdin):',
      "    k = ecc.ECPrivkey(bytes.fromhex(c['key']))",
      "    m = c['message'].encode()",
      "    addr = pubkey_to_address(c['type'], k.get_public_key_hex(compressed=True))",
      "    out.append({'address': addr, 'signature': base64.b64encode(k.sign_message(m, True)).decode(), 'ok': [ecc.verify_message_with_address(addr, base64.b64decode(s), m) for s in c['sigs']]})",
      'print(json.dumps(out))',
    ].join('\n');
    const input = JSON.stringify(cases.map(([p, type], i) => ({ key: Buffer.from(root.derive(p).privateKey!).toString('hex'), type, message: text, sigs: [ours[i]!.signature, ours[i]!.electrumStyle] })));
    const r = spawnSync(python!, ['-c', driver], { input, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const got = JSON.parse(r.stdout) as { address: string; signature: string; ok: boolean[] }[];
    for (const [i, g] of got.entries()) {
      expect(g.address).toBe(ours[i]!.address);
      expect(g.ok).toEqual([true, true]);
      expect(g.signature).toBe(ours[i]!.electrumStyle);
      const v = await verify(msg, g.address, g.signature);
      expect(v.code, v.stderr).toBe(0);
      expect(v.json().legacy.convention).toBe(i === 0 ? 'bip137' : 'electrum'); // header 31 is the same in both conventions for P2PKH
    }
  });
});
