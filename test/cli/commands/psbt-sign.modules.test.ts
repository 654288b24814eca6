/**
 * What a 1-input single-key `psbt sign` loads (start-up target of docs/performance.md: within 2.5x
 * of `node -e 0`). Black-box, with the import recorder: the run signs, and no module of a branch it
 * does not take is loaded — policy, approvals, vaults, sweeps, proof of reserves, labels, retired
 * keys, QR, progress, paper anchors, the bundle check of a release folder, Ethereum, pure-JS curve
 * code. Each of those is imported where its branch starts (a flag, a field of the PSBT, an entry
 * of the journal); the positive controls show the recorder sees such a branch when it is taken.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPsbt, SAMPLE_MNEMONIC } from '../../helpers/build-psbt.js';
import { tmpDir } from '../../helpers/cli.js';
import { runRecorded } from '../../helpers/record-imports.js';

/** Module URLs a 1-input single-key sign must not load, and why each is another branch. */
const NOT_ON_THE_SIGN_PATH: ReadonlyArray<readonly [RegExp, string]> = [
  [/\/src\/(cli|core)\/policy\/(?!adoption-scan\.js$|gate-loader\.js$|pin-path\.js$)/, 'signing policy (only with a policy flag, a pin or an adoption)'],
  [/\/src\/core\/ssh\//, 'approval signatures'],
  [/\/src\/cli\/psbt\/signing-vault\.js$|\/src\/core\/btc\/vault-proof\.js$|\/src\/core\/wallet\/(descriptor|vault|vault-registry|wallet)\.js$|\/src\/cli\/(vault-registry|wallet-input)\.js$/, 'vaults (only with --wallet or witness scripts)'],
  [/\/src\/core\/btc\/sweep-proof\.js$/, 'sweeps (only with --to-wallet)'],
  [/\/src\/core\/btc\/reserves\//, 'proof of reserves (only with a BIP-127 commitment)'],
  [/\/src\/cli\/psbt\/labels\.js$|\/src\/core\/btc\/bip329\.js$/, 'labels (only with --labels)'],
  [/\/src\/core\/lifecycle\//, 'retired keys (only when the journal retired one)'],
  [/\/src\/cli\/qr\/|\/src\/core\/transport\/(?!choices\.js$)/, 'QR transport (only with --from-qr or --qr-*)'],
  [/\/src\/cli\/progress\.js$/, 'progress display'],
  [/\/src\/core\/journal\/(anchor|verify)\.js$/, 'paper anchors and journal verification reports'],
  [/\/src\/cli\/bundle\/|\/src\/core\/bundle\/(?!names\.js$)/, 'the release-bundle check (only when running from a bundle)'],
  [/\/src\/core\/btc\/psbt-(codec|view)\.js$/, 'the btc-signer fallback reader'],
  [/\/src\/(cli|core)\/eth\//, 'Ethereum'],
  [/\/src\/core\/libauth-curve\.js$|\/node_modules\/@bitauth\//, 'the faster public-key curve build (only for a large PSBT)'],
  [/\/node_modules\/(ethers|qrcode|zxing-wasm|jsqr|pngjs|@noble\/curves|@scure\/btc-signer|@scure\/bip32|@inquirer)\//, 'heavy packages of other commands'],
  [/^node:child_process$/, 'child processes (tmux is asked only by the full pre-flight)'],
];

const dir = tmpDir('coldkit-sign-modules-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = (name: string, data: string | Uint8Array): string => {
  fs.writeFileSync(path.join(dir, name), data);
  return path.join(dir, name);
};
const psbt = file('one.psbt', buildPsbt({ kind: 'wpkh', inputs: 1 }));
const mnemonic = file('mnemonic.txt', `${SAMPLE_MNEMONIC}\n`);
const env = { COLDKIT_POLICY_PIN: path.join(dir, 'no-pin.json') };
const sign = (...more: string[]) => ['--network', 'testnet', '--yes', 'psbt', 'sign', psbt, '--mnemonic-file', mnemonic, ...more];
const forbiddenIn = (urls: string[]) => urls.flatMap((u) => NOT_ON_THE_SIGN_PATH.filter(([re]) => re.test(u)).map(([, why]) => `${u} (${why})`));

describe('what a 1-input single-key psbt sign loads', () => {
  it('signs without loading any module of a branch it does not take', async () => {
    const r = await runRecorded(sign());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^cHNidP8/);
    for (const m of ['/src/cli/actions/psbt-sign.js', '/src/core/btc/signer.js', '/src/core/btc/review.js', '/tiny-secp256k1/lib/index.js']) {
      expect(r.urls.some((u) => u.endsWith(m)), m).toBe(true);
    }
    expect(forbiddenIn(r.urls)).toEqual([]);
    // A ceiling, so that a new static import on the path is a decision (docs/performance.md, 105 today).
    expect(new Set(r.urls).size).toBeLessThanOrEqual(112);
  }, 60_000);

  it('positive control: a 200-input PSBT loads the faster public-key curve build (libauth), checked on known answers, and signs every input', async () => {
    const big = file('big.psbt', buildPsbt({ kind: 'wpkh', inputs: 200 }));
    const r = await runRecorded(['--network', 'testnet', '--yes', '--json', 'psbt', 'sign', big, '--mnemonic-file', mnemonic]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).inputsSigned).toBe(200);
    expect(forbiddenIn(r.urls).filter((f) => f.includes('faster public-key curve'))).toEqual(expect.arrayContaining([expect.stringContaining('/src/core/libauth-curve.js')]));
    expect(r.packages.has('@bitauth/libauth')).toBe(true);
  }, 60_000);

  it('positive control: --labels loads the label code, and the list names it', async () => {
    const labels = file('labels.jsonl', '{"type":"output","ref":"0000000000000000000000000000000000000000000000000000000000000000:0","label":"x"}\n');
    const r = await runRecorded(sign('--labels', labels));
    expect(r.code, r.stderr).toBe(0);
    expect(forbiddenIn(r.urls).some((f) => f.includes('/src/cli/psbt/labels.js'))).toBe(true);
  }, 60_000);
});
