/**
 * `psbt sign` with a key the journal records as retired (`coldkit key retire`): refused with exit 3
 * naming the retirement and --allow-retired-key; with the override it signs and the journal
 * records the override.
 */
import { describe, expect, it } from 'vitest';
import { journalEntries, workspace } from '../../helpers/harness.js';
import { buildPsbt, SAMPLE_MNEMONIC } from '../../helpers/build-psbt.js';

describe('psbt sign with a retired key', () => {
  it('is refused unless --allow-retired-key, and the override is journaled', async () => {
    const ws = await workspace(0);
    const mn = ws.file('m.txt', SAMPLE_MNEMONIC + '\n');
    const psbt = ws.file('u.psbt', buildPsbt({ kind: 'wpkh', inputs: 2 }));
    expect((await ws.run(['--network', 'testnet', 'seed', 'check', '--mnemonic-file', mn])).code).toBe(0);
    const fp = (journalEntries(ws)[0]!.data as { fingerprint: string }).fingerprint;
    expect((await ws.run(['key', 'retire', fp, '--reason', 'rotated to the 2027 vault'])).code).toBe(0);
    const args = ['--network', 'testnet', '--yes', '--json', 'psbt', 'sign', psbt, '--mnemonic-file', mn, '--out', ws.file('s.psbt')];
    const refused = await ws.run(args);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(new RegExp(`key ${fp} was retired at journal entry #2 .*rotated to the 2027 vault.*--allow-retired-key`));
    const ok = await ws.run([...args, '--allow-retired-key']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(journalEntries(ws).at(-1)).toMatchObject({ op: 'psbt.sign', data: { overrides: ['--allow-retired-key'] } });
  });
});
