/**
 * The review flow without a terminal: the screens SeedSigner walks (overview, inputs, math, each
 * recipient, each change, warnings), stepwise confirmation driven by scripted answers, and a "no"
 * at any step stopping the ceremony.
 */
import { describe, expect, it } from 'vitest';
import { RefusedError } from '../../../src/core/errors.js';
import { NETWORKS } from '../../../src/core/network.js';
import { prepare } from '../../../src/core/btc/signer.js';
import { scriptedPrompter } from '../../../src/cli/prompt.js';
import { walkReview } from '../../../src/cli/psbt/flow.js';
import { reviewScreens } from '../../../src/cli/psbt/render.js';
import { buildPsbt, seedKeysOf } from '../../helpers/build-psbt.js';

// The signer's own review and findings (src/core/btc/signer.ts prepare): an nLockTime note fills the Warnings screen.
const { review, findings } = await prepare(buildPsbt({ kind: 'wpkh', inputs: 2, lockTime: 840_000 }), { network: NETWORKS.testnet, keys: seedKeysOf() });

function ctx(answers: boolean[], yes = false) {
  const notes: string[] = [];
  const prompt = scriptedPrompter(answers, yes);
  return { notes, c: { note: (l: string) => notes.push(l), prompt: yes ? { ...prompt, interactive: false } : prompt, globals: { yes } as never } };
}

describe('review flow', () => {
  it('has SeedSigner\'s screens in order, with the arithmetic', () => {
    const s = reviewScreens(review, findings);
    expect(s.map((x) => x.title)).toEqual(['Overview', 'Inputs', 'Math', 'Recipient (output #0)', 'Change (output #1) — verified', 'Warnings']);
    expect(s[2]!.lines.join('\n')).toMatch(/inputs\s+0\.002 BTC[\s\S]*− recipients\s+0\.001 BTC[\s\S]*− fee\s+0\.000004 BTC[\s\S]*= change\s+0\.000996 BTC$/);
    expect(s[5]!.lines).toEqual(['! nLockTime is 840000 (block height)']);
  });

  it('shows addresses in 4-character blocks, as a hardware wallet does (the review model keeps them whole)', () => {
    const s = reviewScreens(review, findings);
    const recipient = review.outputs.find((o) => o.role !== 'change')!.address!;
    const change = review.outputs.find((o) => o.role === 'change')!.address!;
    expect(recipient).toMatch(/^tb1q[a-z0-9]{38}$/);
    const grouped = (a: string) => a.match(/.{1,4}/g)!.join(' ');
    expect(s[3]!.lines[0]).toBe(grouped(recipient));
    expect(s[4]!.lines[0]).toBe(grouped(change));
    expect(s[1]!.lines[0]).toContain(`  ${grouped(review.inputs[0]!.address!)}  `);
    expect(s.flatMap((x) => x.lines).join('\n')).not.toContain(recipient);
  });

  it('walks each screen on a terminal, then asks to sign', async () => {
    const { notes, c } = ctx([true, true, true, true, true, true]);
    await walkReview(c, review, findings, 'Sign 2 inputs?');
    expect(notes.map((n) => n.split('\n')[0])).toEqual(['== Overview (1/6)', '== Inputs (2/6)', '== Math (3/6)', '== Recipient (output #0) (4/6)', '== Change (output #1) — verified (5/6)', '== Warnings (6/6)']);
  });

  it('a "no" at any screen stops with exit 3', async () => {
    const { notes, c } = ctx([true, true, false]);
    await expect(walkReview(c, review, findings, 'Sign?')).rejects.toBeInstanceOf(RefusedError);
    expect(notes).toHaveLength(3);
  });

  it('with --yes prints every screen and approves once', async () => {
    const { notes, c } = ctx([], true);
    await walkReview(c, review, findings, 'Sign?', ['OVERRIDE --allow-unproven-amounts (journaled)']);
    expect(notes).toHaveLength(7);
    expect(notes[0]).toMatch(/^== Overview\n/);
  });
});
