/**
 * SLIP-39 through the `shares` commands and `seed new --split --format slip39`, as a black box:
 * every official vector (fixtures/slip39/vectors.json) through `shares combine` — the 15 valid
 * sets give the fingerprint of their official xprv, the 30 invalid ones are refused without a
 * share word on screen; a new SLIP-39 wallet's shares verify, combine and drill to its card, and
 * Electrum's own SLIP-39 decoder (Debian `electrum`) rebuilds the same wallet from them; an
 * existing BIP39 wallet is refused as SLIP-39 shares, with the reason.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HDKey } from '@scure/bip32';
import { decodeSlip39Share } from '../../../src/core/shares/slip39-share.js';
import { describe, expect, it } from 'vitest';
import { runCli, tmpDir } from '../../helpers/cli.js';
import { electrumPython } from '../../helpers/electrum.js';
import { fixtureJson } from '../../helpers/fixtures.js';

type Vector = [string, string[], string, string];
const vectors = fixtureJson<Vector[]>('slip39/vectors.json');
const dir = tmpDir('coldkit-slip39-shares-');
const journal = path.join(dir, 'journal.jsonl');
const pass = path.join(dir, 'pass.txt');
fs.writeFileSync(pass, 'TREZOR\n');
const run = (args: string[], stdin?: string) => runCli(['--json', ...args], { env: { COLDKIT_JOURNAL: journal }, ...(stdin !== undefined ? { stdin } : {}) });
const fp = (xprv: string) => HDKey.fromExtendedKey(xprv).fingerprint.toString(16).padStart(8, '0');

describe('shares combine: SLIP-39 official vectors, one test each', () => {
  vectors.forEach(([name, shares, secret, xprv]) => {
    it(name, async () => {
      const r = await run(['shares', 'combine', '--share-file', '-', '--passphrase-file', pass], shares.join('\n') + '\n');
      if (secret) {
        expect(r.code, r.stderr).toBe(0);
        expect(r.json()).toMatchObject({ format: 'slip39', fingerprint: fp(xprv), secretBits: secret.length * 4 });
        expect(r.json().words).toBeUndefined();
      } else {
        expect(r.code, r.stdout).not.toBe(0);
        expect([2, 3]).toContain(r.code);
      }
      for (const s of shares) expect(r.stdout + r.stderr).not.toContain(s.split(' ').slice(3, 6).join(' '));
    });
  });

  it('--reveal and --mnemonic-out are refused for SLIP-39 (a BIP32 seed has no words)', async () => {
    const [, shares] = vectors[0]!;
    const r = await run(['shares', 'combine', '--share-file', '-', '--reveal'], shares.join('\n'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no BIP39 words/);
  });
});

describe('a new SLIP-39 wallet: seed new --split 2-of-3 --format slip39', () => {
  it('ext = 0 by default; --slip39-extendable writes ext = 1; both combine to their card (the ext bit is journaled)', async () => {
    for (const ext of [false, true]) {
      const journal = path.join(dir, `ext-${ext}.jsonl`);
      const made = await run(['--journal', journal, 'seed', 'new', '--split', '2-of-3', '--format', 'slip39', '--words', '12', '--reveal', ...(ext ? ['--slip39-extendable'] : [])]);
      expect(made.code, made.stderr).toBe(0);
      const texts = (made.json().shares as { text: string }[]).map((s) => s.text);
      expect(texts.map((t) => decodeSlip39Share(t).extendable)).toEqual([ext, ext, ext]);
      const c = await run(['shares', 'combine', '--share-file', '-'], texts.slice(1).join('\n'));
      expect(c.code, c.stderr).toBe(0);
      expect(c.json().fingerprint).toBe(made.json().fingerprint);
      const split = fs.readFileSync(journal, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).find((e) => e.op === 'shares.split');
      expect(split.data.slip39Ext).toBe(ext ? 1 : 0);
      // Electrum 4.3 (before SLIP-39's ext bit) rejects ext = 1 shares by their checksum (the
      // customization string becomes "shamir_extendable"), and rebuilds ext = 0 ones.
      const python = electrumPython('electrum.slip39');
      if (python) {
        const driver = 'import json, sys\nfrom electrum import slip39, bip32\ntry:\n  s = slip39.recover_ems(json.load(sys.stdin)).decrypt("")\n  print(bip32.BIP32Node.from_rootseed(s, xtype="standard").calc_fingerprint_of_this_node().hex())\nexcept slip39.Slip39Error as e:\n  print("error:", e)';
        const r = spawnSync(python, ['-c', driver], { input: JSON.stringify(texts.slice(0, 2)), encoding: 'utf8' });
        expect(r.stdout.trim()).toBe(ext ? 'error: Invalid mnemonic checksum.' : made.json().fingerprint);
      }
    }
    const wrong = await run(['seed', 'new', '--split', '2-of-3', '--format', 'v1', '--reveal', '--slip39-extendable']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--slip39-extendable.*only applies to SLIP-39 shares/);
  });

  it('its shares verify, combine and drill to its card; Electrum rebuilds the same wallet', async () => {
    const card = path.join(dir, 'card.json');
    const made = await run(['seed', 'new', '--split', '2-of-3', '--scheme', 'slip39', '--words', '24', '--reveal', '--card', card]);
    expect(made.code, made.stderr).toBe(0);
    const j = made.json();
    expect(j).toMatchObject({ format: 'slip39', threshold: 2, count: 3 });
    const texts = (j.shares as { text: string }[]).map((s) => s.text);
    expect(texts.every((t) => t.split(' ').length === 33)).toBe(true);
    const verify = await run(['shares', 'verify', '--share-file', '-'], texts.join('\n'));
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.json().shares.map((s: { format: string; memberThreshold: number }) => [s.format, s.memberThreshold])).toEqual([['slip39', 2], ['slip39', 2], ['slip39', 2]]);
    for (const pair of [[0, 1], [0, 2], [1, 2]]) {
      const c = await run(['shares', 'combine', '--share-file', '-'], pair.map((i) => texts[i]).join('\n'));
      expect(c.code, c.stderr).toBe(0);
      expect(c.json().fingerprint).toBe(j.fingerprint);
    }
    const drill = await run(['shares', 'drill', '--card', card, '--share-file', '-'], [texts[2], texts[0]].join('\n'));
    expect(drill.code, drill.stderr).toBe(0);
    expect(drill.json()).toMatchObject({ result: 'MATCH', format: 'slip39', firstAddressMatches: true });
    const one = await run(['shares', 'combine', '--share-file', '-'], texts[1]!);
    expect(one.code).not.toBe(0);

    const python = electrumPython('electrum.slip39');
    if (python) {
      const driver = [
        'import json, sys',
        'from electrum import slip39, bip32',
        'seed = slip39.recover_ems(json.load(sys.stdin)).decrypt("")',
        'print(bip32.BIP32Node.from_rootseed(seed, xtype="standard").calc_fingerprint_of_this_node().hex())',
      ].join('\n');
      const e = spawnSync(python, ['-c', driver], { input: JSON.stringify([texts[0], texts[2]]), encoding: 'utf8' });
      expect(e.status, e.stderr).toBe(0);
      expect(e.stdout.trim()).toBe(j.fingerprint);
    }
  });

  it('shares split --scheme slip39 of an existing BIP39 wallet is refused, saying why and what to do', async () => {
    const r = await run(['shares', 'split', '--scheme', 'slip39', '--threshold', '2', '--shares', '3', '--mnemonic-file', '-', '--reveal'], 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('an existing BIP39 wallet cannot become SLIP-39 shares of the same wallet');
    expect(r.stderr).toContain('seed new --split T-of-N --format slip39');
  });

  it('seed new --format slip39 refuses 18 words and a passphrase', async () => {
    const a = await run(['seed', 'new', '--split', '2-of-3', '--format', 'slip39', '--words', '18', '--reveal']);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/--words 12 or 24/);
    const b = await run(['seed', 'new', '--split', '2-of-3', '--format', 'slip39', '--passphrase-file', pass, '--reveal']);
    expect(b.code).toBe(2);
  });
});
