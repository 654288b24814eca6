/**
 * The policy gate is loaded only when a policy can apply (src/cli/policy/gate-loader.ts): an
 * adoption in the journal, a pin or a policy flag each load it. Black-box: a `psbt sign` on a
 * journal without a policy loads neither the policy code nor the vault code, and a policy flag
 * does load the gate (positive control for the recorder).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Context } from '../../../src/cli/command.js';
import { ADOPT_MARK } from '../../../src/cli/policy/adoption-scan.js';
import { policyMayApply } from '../../../src/cli/policy/gate-loader.js';
import { buildPsbt, SAMPLE_MNEMONIC } from '../../helpers/build-psbt.js';
import { tmpDir } from '../../helpers/cli.js';
import { runRecorded } from '../../helpers/record-imports.js';

const dir = tmpDir('coldkit-gate-loader-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = (name: string, data: string | Uint8Array): string => {
  fs.writeFileSync(path.join(dir, name), data);
  return path.join(dir, name);
};
const ctxOf = (journal: string, env: Record<string, string> = {}): Context => ({ globals: { journal }, env }) as unknown as Context;

describe('policyMayApply', () => {
  const none = file('none.jsonl', '{"op":"psbt.sign"}\n');
  it('no flag, no pin, no adoption: no policy can apply', () => {
    expect(policyMayApply(ctxOf(none, { COLDKIT_POLICY_PIN: path.join(dir, 'no-pin.json') }), {})).toBe(false);
  });
  it('a policy flag, a pin file or an adoption in the journal each load the gate', () => {
    const noPin = { COLDKIT_POLICY_PIN: path.join(dir, 'no-pin.json') };
    expect(policyMayApply(ctxOf(none, noPin), { policy: 'p.json' })).toBe(true);
    expect(policyMayApply(ctxOf(none, noPin), { approvalRequest: 'r.json' })).toBe(true);
    expect(policyMayApply(ctxOf(none, noPin), { approval: ['a.sig'] })).toBe(true);
    expect(policyMayApply(ctxOf(none, { COLDKIT_POLICY_PIN: file('pin.json', '{}') }), {})).toBe(true);
    expect(policyMayApply(ctxOf(file('adopted.jsonl', `{"seq":1,${ADOPT_MARK.toString()},"data":{}}\n`), noPin), {})).toBe(true);
  });
});

describe('what psbt sign loads', () => {
  const psbt = file('one.psbt', buildPsbt({ kind: 'wpkh', inputs: 1 }));
  const mnemonic = file('mnemonic.txt', `${SAMPLE_MNEMONIC}\n`);
  const env = { COLDKIT_POLICY_PIN: path.join(dir, 'no-pin.json') };
  const sign = (...more: string[]) => ['--network', 'testnet', '--yes', 'psbt', 'sign', psbt, '--mnemonic-file', mnemonic, ...more];
  const loaded = (urls: string[], tail: string) => urls.some((u) => u.endsWith(tail));

  it('a single-key sign without a policy loads no policy, approval, SSH or vault code', async () => {
    const r = await runRecorded(sign(), env);
    expect(r.code, r.stderr).toBe(0);
    expect(loaded(r.urls, '/src/cli/actions/psbt-sign.js')).toBe(true);
    for (const m of ['/src/cli/policy/gate.js', '/src/cli/policy/journal-policy.js', '/src/core/policy/evaluate.js', '/src/core/ssh/sshsig.js', '/src/cli/psbt/signing-vault.js', '/src/core/wallet/descriptor.js', '/src/cli/wallet-input.js']) {
      expect(loaded(r.urls, m), m).toBe(false);
    }
  }, 60_000);
  it('a policy flag loads the gate (which then says no policy is adopted)', async () => {
    const r = await runRecorded(sign('--policy', file('policy.json', '{}')), env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no policy is adopted/);
    expect(loaded(r.urls, '/src/cli/policy/gate.js')).toBe(true);
  }, 60_000);
});
