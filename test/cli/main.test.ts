/** main.ts loads only the command group a command line names; the rest appear as summaries. */
import { describe, expect, it } from 'vitest';
import { buildProgram, commandGroup, commandWords } from '../../src/cli/main.js';
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

describe('commandWords', () => {
  it('keeps the words, drops options, global option values, help and what follows --', () => {
    expect(commandWords(['--network', 'testnet', 'psbt', '--json', 'sign', 'x.psbt', '--out', 'y', '--', 'z'])).toEqual(['psbt', 'sign', 'x.psbt', 'y']);
    expect(commandWords(['help', 'psbt', 'sign'])).toEqual(['psbt', 'sign']);
  });
});

describe('buildProgram with the command line', () => {
  const sub = (p: Awaited<ReturnType<typeof buildProgram>>, path: string[]) => path.reduce((c, w) => c.commands.find((s) => s.name() === w)!, p);
  it('registers in full only the commands the line names; the others of the group are summaries in the same order', async () => {
    const full = await buildProgram('psbt');
    const one = await buildProgram('psbt', ['psbt', 'sign', 'x.psbt']);
    expect(sub(one, ['psbt']).commands.map((c) => c.name())).toEqual(sub(full, ['psbt']).commands.map((c) => c.name()));
    expect(sub(one, ['psbt', 'sign']).options.length).toBe(sub(full, ['psbt', 'sign']).options.length);
    expect(sub(one, ['psbt', 'inspect']).options.length).toBe(0);
    expect(sub(full, ['psbt', 'inspect']).options.length).toBeGreaterThan(0);
    for (const c of sub(one, ['psbt']).commands) expect(c.description()).toBe(sub(full, ['psbt', c.name()]).description());
  });
  it('a parent command and its subcommand are both in full when the line names the subcommand', async () => {
    const p = await buildProgram('psbt', ['psbt', 'reserves', 'verify', 'proof.psbt']);
    expect(sub(p, ['psbt', 'reserves']).options.length).toBeGreaterThan(0);
    expect(sub(p, ['psbt', 'reserves', 'verify']).options.length).toBeGreaterThan(0);
  });
  it('a line that stops at the group registers every command of it in full (its help lists their usage)', async () => {
    const p = await buildProgram('psbt', ['psbt']);
    for (const c of sub(p, ['psbt']).commands) expect(c.options.length, c.name()).toBeGreaterThan(0);
  });
});
