/**
 * Vault QR forms through real PNG pixels: cosigner exports as UR crypto-account (BCR-2020-015
 * `wsh(cosigner(KEY))`), `wallet create --from-qr`, the vault as UR crypto-output frames in
 * --export-dir, and a whole vault (file or QR) given as a cosigner input.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tmpDir } from '../../helpers/cli.js';

const MNEMONICS = [
  'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about',
  'legal winner thank year wave sausage worth useful legal winner thank yellow',
  'letter advice cage absurd amount doctor acoustic avoid letter advice cage above',
];
const T = ['--json', '--network', 'testnet'];

describe('wallet create with QR cosigners and a QR vault export', () => {
  const dir = tmpDir();
  const at = (...p: string[]) => path.join(dir, ...p);
  let reference: { id: string; descriptor: string; cosigners: { fingerprint: string; xpub: string }[] };

  beforeAll(async () => {
    for (const [i, m] of MNEMONICS.entries()) {
      fs.writeFileSync(at(`m${i + 1}.txt`), m + '\n');
      const r = await runCli([...T, 'account', 'export', '--script', 'wsh-multi', '--mnemonic-file', at(`m${i + 1}.txt`), '--out', at(`c${i + 1}.json`), '--qr-png', at(`qr${i + 1}`)]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/QR out: UR:CRYPTO-ACCOUNT/);
    }
    const r = await runCli([...T, 'wallet', 'create', '--threshold', '2', '--cosigner', at('c1.json'), '--cosigner', at('c2.json'), '--cosigner', at('c3.json'), '--out', at('ref.json')]);
    expect(r.code, r.stderr).toBe(0);
    reference = r.json();
  }, 60_000);

  it('the cosigner QR decodes (qr decode) to the BCR-2020-015 entry wsh(cosigner([fp/48h/1h/0h/2h]tpub))', async () => {
    const c = JSON.parse(fs.readFileSync(at('c1.json'), 'utf8'));
    const dec = await runCli(['qr', 'decode', '--dir', at('qr1')]);
    expect(dec.code, dec.stderr).toBe(0);
    expect(dec.stdout.trim()).toMatch(new RegExp(`^wsh\\(cosigner\\(\\[${c.fingerprint}/48'/1'/0'/2'\\]${c.xpub}\\)\\)#[a-z0-9]{8}$`));
    expect(dec.stderr).toMatch(/ur:crypto-account/);
  });

  it('--from-qr images (a PNG, a folder of frames) give the same vault as the JSON exports; --export-dir writes crypto-output frames that decode to its descriptor', async () => {
    fs.mkdirSync(at('exp'));
    const r = await runCli([...T, 'wallet', 'create', '--threshold', '2', '--cosigner', at('c1.json'), '--from-qr', at('qr2'), '--from-qr', at('qr3', 'frame-0001.png'), '--out', at('v.json'), '--export-dir', at('exp')]);
    expect(r.code, r.stderr).toBe(0);
    const v = r.json();
    expect(v.id).toBe(reference.id);
    expect(v.cosigners.map((c: { label: string }) => c.label)).toEqual(['c1', 'qr2', 'frame-0001']);
    expect(r.stderr).toMatch(/QR out: UR:CRYPTO-OUTPUT/);
    expect(v.files).toContain(at('exp', 'crypto-output-qr'));
    const dec = await runCli(['qr', 'decode', '--dir', at('exp', 'crypto-output-qr')]);
    expect(dec.code, dec.stderr).toBe(0);
    expect(dec.stdout.trim()).toBe(reference.descriptor);
    expect(dec.stderr).toMatch(/ur:crypto-output/);
  }, 60_000);

  it('the vault QR, vault.json and every --export-dir format re-create the same vault as one --cosigner/--from-qr input', async () => {
    const viaQr = await runCli([...T, 'wallet', 'create', '--threshold', '2', '--from-qr', at('exp', 'crypto-output-qr'), '--out', at('vq.json')]);
    expect(viaQr.code, viaQr.stderr).toBe(0);
    expect(viaQr.json().id).toBe(reference.id);
    expect(viaQr.stderr).toMatch(/is a descriptor vault \(2 of 3, wsh-multi\): taking its 3 cosigners/);
    for (const f of ['v.json', 'exp/bsms.txt', 'exp/coldcard-multisig.txt', 'exp/caravan-wallet.json', 'exp/electrum-wallet.json', 'exp/descriptor.txt', 'exp/sparrow-descriptor.txt']) {
      const r = await runCli([...T, 'wallet', 'create', '--threshold', '2', '--cosigner', at(f), '--out', at(`again-${path.basename(f)}.json`)]);
      expect(r.code, `${f}: ${r.stderr}`).toBe(0);
      expect(r.json().id, f).toBe(reference.id);
    }
    const vj = await runCli([...T, 'wallet', 'create', '--threshold', '2', '--cosigner', at('v.json'), '--out', at('labels.json')]);
    expect(vj.json().cosigners.map((c: { label: string }) => c.label)).toEqual(['c1', 'qr2', 'frame-0001']);
  }, 120_000);

  it('a cosigner given twice (file and its QR) is refused: duplicate-cosigner, exit 3', async () => {
    const r = await runCli([...T, 'wallet', 'create', '--threshold', '2', '--cosigner', at('c1.json'), '--from-qr', at('qr1'), '--from-qr', at('qr2'), '--out', at('dup.json')]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.json().error.message).toMatch(/cosigner 2 \(qr1\) has the same key as cosigner 1 \(c1\)/);
    expect(fs.existsSync(at('dup.json'))).toBe(false);
  });

  it('a vault plus one of its own cosigners is refused as a duplicate (exit 3)', async () => {
    const r = await runCli([...T, 'wallet', 'create', '--threshold', '2', '--cosigner', at('v.json'), '--from-qr', at('qr1'), '--out', at('dup2.json')]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.json().error.message).toMatch(/same key/);
  });

  it('a P2SH-P2WSH cosigner QR for a wsh vault is refused naming the entry it holds (exit 2)', async () => {
    const e = await runCli([...T, 'account', 'export', '--script', 'sh-wsh-multi', '--mnemonic-file', at('m1.txt'), '--qr-png', at('qr-shwsh')]);
    expect(e.code, e.stderr).toBe(0);
    const r = await runCli([...T, 'wallet', 'create', '--threshold', '2', '--from-qr', at('qr-shwsh'), '--cosigner', at('c2.json'), '--out', at('x.json')]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.json().error.message).toMatch(/no wsh-multi cosigner entry \(it has sh-wsh-multi\)/);
  });

  it('a mainnet cosigner QR in a testnet vault is refused (exit 2), and so is a create with no cosigner at all', async () => {
    const e = await runCli(['--json', 'account', 'export', '--script', 'wsh-multi', '--mnemonic-file', at('m1.txt'), '--qr-png', at('qr-main')]);
    expect(e.code, e.stderr).toBe(0);
    const r = await runCli([...T, 'wallet', 'create', '--threshold', '2', '--from-qr', at('qr-main'), '--cosigner', at('c2.json'), '--out', at('y.json')]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.json().error.message).toMatch(/mainnet key but --network is testnet/);
    const none = await runCli([...T, 'wallet', 'create', '--threshold', '2', '--out', at('z.json')]);
    expect(none.code).toBe(2);
    expect(none.json().error.message).toMatch(/no cosigner given/);
  });
});
