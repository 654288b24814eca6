/** main.ts loads only the command group a command line names; the rest appear as summaries. */
import { describe, expect, it } from 'vitest';
import { buildProgram, commandGroup } from '../../src/cli/main.js';
import { GROUPS } from '../../src/cli/commands/groups.js';

describe('commandGroup', () => {
  const cases: Array<[string[], string | undefined]> = [
    [['seed', 'check'], 'seed'],
    [['--json', '--network', 'testnet', 'psbt', 'sign', 'x'], 'psbt'],
    [['--journal', 'eth', 'qr', 'decode'], 'qr'],
    [['--operator', 'alice', '--yes', 'derive', '--path', 'm/0'], 'derive'],
    [['help', 'shares'], 'shares'],
    [['--help'], undefined],
    [['--', 'seed'], undefined],
  ];
  for (const [args, want] of cases) it(args.join(' ') || '(none)', () => expect(commandGroup(args)).toBe(want));
});

describe('buildProgram', () => {
  it('with one group, registers that group in full and the others as bare summaries, in the same order', async () => {
    const full = await buildProgram();
    const one = await buildProgram('psbt');
    expect(one.commands.map((c) => c.name())).toEqual(GROUPS.map((g) => g.name));
    expect(one.commands.map((c) => c.name())).toEqual(full.commands.map((c) => c.name()));
    for (const c of one.commands) expect(c.commands.length > 0, c.name()).toBe(c.name() === 'psbt');
    expect(one.commands.find((c) => c.name() === 'psbt')!.commands.map((c) => c.name())).toEqual(full.commands.find((c) => c.name() === 'psbt')!.commands.map((c) => c.name()));
    for (const c of full.commands) expect(c.description()).toBe(GROUPS.find((g) => g.name === c.name())!.summary);
  });
});
