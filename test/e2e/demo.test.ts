/**
 * Black-box: `coldkit demo --dir D` runs to the end, its journal verifies, and the seed steps'
 * artefacts are there and right (re-derived here independently: the dice-only seed from the
 * sample rolls, the sample seed's fingerprint, first addresses). Other areas' steps are only required to
 * pass; their artefacts are their own tests' business.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { entropyToMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { runCli, tmpDir, type CliRun } from '../helpers/cli.js';

let dir: string;
let run: CliRun;
const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
const readJson = (name: string) => JSON.parse(read(name));

beforeAll(async () => {
  dir = path.join(tmpDir('coldkit-demo-test-'), 'demo');
  run = await runCli(['--json', 'demo', '--dir', dir], { timeoutMs: 170_000 });
}, 180_000);
afterAll(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

describe('coldkit demo', () => {
  it('exits 0 with one JSON document listing every step; the seed and journal steps exit 0', () => {
    expect(run.code, run.stderr).toBe(0);
    const r = run.json<{ dir: string; steps: { section: string; title: string; command: string; exitCode: number }[] }>();
    expect(r.dir).toBe(dir);
    expect(r.steps.length).toBeGreaterThanOrEqual(12);
    // Other areas may show a refusal on purpose (the runner checks their expected exit); the seed steps (section "Foundation") and the journal's all succeed.
    for (const s of r.steps.filter((x) => x.section === 'Foundation' || x.section === 'Ceremony journal')) expect(s.exitCode, s.title).toBe(0);
    const titles = r.steps.map((s) => s.title);
    for (const t of ['A new seed from dice alone', 'A second operator checks a seed', 'Finishing hand-picked words', 'Watch-only export (BIP84)', 'Watch-only export (BIP86 taproot)', 'Ethereum account export', 'Addresses on the online machine', 'Which index is this address?', 'Verify the journal', 'Anchor the head on paper']) {
      expect(titles).toContain(t);
    }
    // The journal steps close the demo.
    expect(titles.indexOf('Verify the journal')).toBeGreaterThan(titles.indexOf('Which index is this address?'));
    expect(r.steps.every((s) => s.command.startsWith('coldkit '))).toBe(true);
    // The Safe area: both owners sign (exit 0), the Bybit shape is refused (exit 3).
    const safe = r.steps.filter((s) => s.section === 'Safe multisig');
    expect(safe.filter((s) => /^Owner \d signs/.test(s.title)).map((s) => s.exitCode)).toEqual([0, 0]);
    expect(safe.at(-1)!.exitCode).toBe(3);
  });

  it('the policy steps: adopted, refused without approval, signed with one, refused over the velocity limit and with an edited policy', () => {
    const steps = run.json<{ steps: { section: string; title: string; exitCode: number }[] }>().steps.filter((s) => s.section.startsWith('Signing policy'));
    const exit = (title: string) => steps.find((s) => s.title === title)?.exitCode;
    expect(exit("Adopt it on the laptop with two admins' signatures")).toBe(0);
    expect(exit('Sign without approvals: refused')).toBe(3);
    expect(exit("Sign with alice's approval")).toBe(0);
    expect(exit('Over the 24 h velocity limit: refused')).toBe(3);
    expect(exit('A policy file edited after adoption: refused')).toBe(3);
    const entries = read('policy-journal.jsonl').trimEnd().split('\n').map((l) => JSON.parse(l) as { op: string; data: Record<string, any> });
    expect(entries.map((e) => e.op)).toEqual(['policy.adopt', 'policy.refuse', 'psbt.sign', 'policy.refuse', 'policy.refuse']);
    expect(entries[2]!.data.policy).toMatchObject({ rule: 'payroll', approvals: ['alice'], operator: 'carol' });
    expect(entries[3]!.data.findings.map((f: { code: string }) => f.code)).toContain('policy-no-rule');
    expect(entries[4]!.data.findings.map((f: { code: string }) => f.code)).toEqual(['policy-not-adopted']);
  });

  it('its journal verifies with coldkit journal verify, anchored to its head', async () => {
    const journal = path.join(dir, 'journal.jsonl');
    const head = (await runCli(['--journal', journal, '--json', 'journal', 'head'])).json();
    const v = await runCli(['--journal', journal, '--json', 'journal', 'verify', '--anchor', head.words]);
    expect(v.code, v.stderr).toBe(0);
    expect(v.json()).toMatchObject({ ok: true, entries: head.seq, anchorSeq: head.seq });
    const ops = read('journal.jsonl').trimEnd().split('\n').map((l) => JSON.parse(l).op);
    expect(ops.slice(0, 5)).toEqual(['seed.new', 'seed.check', 'account.export', 'account.export', 'account.export']);
  });

  it('the dice-only seed re-derives independently from the sample rolls (SHA-256 of the roll text)', () => {
    const rolls = read('sample-rolls.txt').trim();
    expect(rolls).toMatch(/^[1-6]{99}$/);
    const phrase = entropyToMnemonic(sha256(new TextEncoder().encode(rolls)), wordlist);
    const root = HDKey.fromMasterSeed(mnemonicToSeedSync(phrase), { public: 0x043587cf, private: 0x04358394 });
    const card = readJson('dice-wallet-card.json');
    expect(card).toMatchObject({ kind: 'coldkit/wallet-card', version: 1, network: 'testnet', passphrase: false });
    expect(card.fingerprint).toBe(root.fingerprint.toString(16).padStart(8, '0'));
    expect(card.bip84.xpub).toBe(root.derive("m/84'/1'/0'").publicExtendedKey);
    const entry = JSON.parse(read('journal.jsonl').split('\n')[0]!);
    expect(entry.data).toMatchObject({ entropySource: 'dice-only', diceRolls: 99, fingerprint: card.fingerprint, network: 'testnet' });
  });

  it('the sample seed\'s wallet card and watch-only files (BIP84 / BIP86 testnet, Ethereum)', () => {
    expect(read('sample-mnemonic.txt').trim()).toBe('abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about');
    expect(read('eleven-words.txt').trim().split(' ')).toHaveLength(11);
    const card = readJson('wallet-card.json');
    expect(card).toMatchObject({ kind: 'coldkit/wallet-card', network: 'testnet', fingerprint: '73c5da0a', bip84: { path: 'm/84h/1h/0h' } });
    // BIP84 testnet m/84'/1'/0'/0/0 of "abandon … about".
    expect(card.bip84.firstAddress).toBe('tb1q6rz28mcfaxtmd6v789l9rrlrusdprr9pqcpvkl');
    const w = readJson('wallet.json');
    expect(w).toMatchObject({ kind: 'coldkit/account', version: 1, network: 'testnet', script: 'wpkh', fingerprint: '73c5da0a', path: 'm/84h/1h/0h', xpub: card.bip84.xpub });
    expect(w.addresses[0].address).toBe(card.bip84.firstAddress);
    expect(w.descriptors.multipath).toMatch(/^wpkh\(\[73c5da0a\/84h\/1h\/0h\]tpub\w+\/<0;1>\/\*\)#\w{8}$/);
    const tr = readJson('wallet-tr.json');
    expect(tr).toMatchObject({ kind: 'coldkit/account', network: 'testnet', script: 'tr', path: 'm/86h/1h/0h' });
    expect(tr.addresses[0].address).toMatch(/^tb1p/);
    const eth = readJson('eth-account.json');
    expect(eth).toMatchObject({ kind: 'coldkit/eth-account', path: 'm/44h/60h/0h' });
    // The widely published first address of "abandon … about" at m/44'/60'/0'/0/0.
    expect(eth.addresses[0].address).toBe('0x9858EfFD232B4033E47d90003D41EC34EcaEda94');
  });

  it('the import files for Bitcoin Core, Sparrow and Electrum', () => {
    const w = readJson('wallet.json');
    // The sample seed is not made in the demo: its coins may be old, so Core rescans everything (timestamp 0).
    const core = readJson('exports/bitcoin-core-importdescriptors.json');
    expect(core).toEqual([
      { desc: w.descriptors.receive, active: true, internal: false, timestamp: 0, range: [0, 999] },
      { desc: w.descriptors.change, active: true, internal: true, timestamp: 0, range: [0, 999] },
    ]);
    const sparrow = readJson('exports/sparrow.json');
    expect(sparrow).toMatchObject({ xfp: '73C5DA0A', chain: 'XTN', bip84: { xpub: w.xpub, deriv: "m/84'/1'/0'", first: w.addresses[0].address } });
    const electrum = readJson('exports/electrum.json');
    expect(electrum.keystore).toMatchObject({ type: 'bip32', xprv: null, root_fingerprint: '73c5da0a', derivation: "m/84'/1'/0'" });
    expect(electrum.keystore.xpub).toMatch(/^vpub/);
    expect(read('exports/descriptor.txt').trim().split('\n')).toEqual([w.descriptors.multipath, w.descriptors.receive, w.descriptors.change]);
  });
});
