/**
 * Differential test against Electrum itself (Debian package `electrum`, 4.3.4 in bookworm):
 * 1. Electrum's own signing and verifying functions, in one Python process, for P2PKH,
 *    P2SH-P2WPKH and P2WPKH and several messages: coldkit must produce the same bytes (Electrum
 *    convention, low-R grinding) and accept Electrum's; Electrum must accept coldkit's BIP-137 and
 *    Electrum-style signatures and reject them for another message.
 * 2. The `electrum --offline` command line on a throw-away wallet of imported keys.
 * Skipped only when the `electrum` command is missing (CI installs the package).
 *
 * By hand: electrum --offline -D DIR restore "p2wpkh:WIF"; electrum --offline -D DIR signmessage
 * ADDRESS "MESSAGE"; electrum --offline -D DIR verifymessage ADDRESS SIGNATURE "MESSAGE".
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { type LegacyScriptType, signLegacy, verifyLegacy } from '../../../../src/core/btc/message/bip137.js';
import { NETWORKS } from '../../../../src/core/network.js';
import { tmpDir } from '../../../helpers/cli.js';
import { electrumPython } from '../../../helpers/electrum.js';
import { decodeWif, utf8 } from '../../../helpers/fixtures.js';

const python = electrumPython();
const haveElectrum = python !== undefined;
const WIF = 'L1cgMEnShp73r9iCukoPE3MogLeueNYRD9JVsfT1zVHyPBR3KqBY';
const KEY = decodeWif(WIF).priv;
const dir = haveElectrum ? tmpDir('coldkit-electrum-') : '';

function electrum(args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = spawn('electrum', ['--offline', '-D', dir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('close', (code) => resolve({ code: code ?? -1, out: out.trim(), err }));
  });
}

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const TYPES: [LegacyScriptType, string][] = [
  ['pkh', 'p2pkh'],
  ['sh-wpkh', 'p2wpkh-p2sh'],
  ['wpkh', 'p2wpkh'],
];
const MESSAGES = ['', 'Electrum', 'Proof of control for the 2026 audit.', 'two lines\nand ünïcödé ✓', 'x'.repeat(300)];

/** Electrum's own functions (ecc.ECPrivkey.sign_message, ecc.verify_message_with_address), in one process. */
const DRIVER = [
  'import base64, json, sys',
  'from electrum import ecc',
  'from electrum.bitcoin import pubkey_to_address',
  'out = []',
  'for c in json.load(sys.stdin):',
  "    k = ecc.ECPrivkey(bytes.fromhex(c['key']))",
  "    m = base64.b64decode(c['message'])",
  "    addr = pubkey_to_address(c['type'], k.get_public_key_hex(compressed=True))",
  "    sig = base64.b64encode(k.sign_message(m, True)).decode()",
  "    ok = [ecc.verify_message_with_address(addr, base64.b64decode(s), m) for s in c['ours']]",
  "    wrong = ecc.verify_message_with_address(addr, base64.b64decode(c['ours'][0]), m + b'.')",
  "    out.append({'address': addr, 'signature': sig, 'verifies': ok, 'wrongMessage': wrong})",
  'print(json.dumps(out))',
].join('\n');

describe.skipIf(!haveElectrum)('Electrum 4 and coldkit agree on legacy signed messages', () => {
  it('Electrum library: same signatures from the same key for every type, each side verifies the other', () => {
    const cases = TYPES.flatMap(([scriptType, type]) =>
      MESSAGES.map((message) => {
        const m = utf8(message);
        const electrumStyle = signLegacy(m, KEY, { scriptType, net: NETWORKS.mainnet, convention: 'electrum', lowR: true });
        const bip137 = signLegacy(m, KEY, { scriptType, net: NETWORKS.mainnet });
        return { scriptType, type, m, electrumStyle, bip137 };
      }),
    );
    const input = JSON.stringify(cases.map((c) => ({ key: Buffer.from(KEY).toString('hex'), type: c.type, message: Buffer.from(c.m).toString('base64'), ours: [c.bip137.signature, c.electrumStyle.signature] })));
    const r = spawnSync(python!, ['-c', DRIVER], { input, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const got = JSON.parse(r.stdout) as { address: string; signature: string; verifies: boolean[]; wrongMessage: boolean }[];
    expect(got).toHaveLength(cases.length);
    got.forEach((g, i) => {
      const c = cases[i]!;
      expect(g.address).toBe(c.bip137.address);
      expect(g.signature).toBe(c.electrumStyle.signature);
      expect(verifyLegacy(c.m, g.address, g.signature).state).toBe('valid');
      expect(g.verifies).toEqual([true, true]);
      expect(g.wrongMessage).toBe(false);
    });
  });

  it('Electrum command line (--offline signmessage / verifymessage) on a wallet of imported keys', async () => {
    const restore = await electrum(['restore', TYPES.map(([, prefix]) => `${prefix}:${WIF}`).join(' ')]);
    expect(restore.code, restore.err).toBe(0);
    const message = 'two lines\nand ünïcödé ✓';
    const ours = signLegacy(utf8(message), KEY, { scriptType: 'sh-wpkh', net: NETWORKS.mainnet, convention: 'electrum', lowR: true });
    const mine = signLegacy(utf8(message), KEY, { scriptType: 'wpkh', net: NETWORKS.mainnet });
    const [signed, verified] = await Promise.all([electrum(['signmessage', ours.address, message]), electrum(['verifymessage', mine.address, mine.signature, message])]);
    expect(signed.code, signed.err).toBe(0);
    expect(signed.out).toBe(ours.signature);
    expect(verified.out).toBe('true');
  });
});
