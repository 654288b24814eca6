/**
 * src/cli/options/register.ts, in process on a synthetic table: an option table becomes a
 * commander command whose values, parsers, aliases and applicability rules come from the table
 * alone. The real commands are checked as a black box in register.commands.test.ts.
 */
import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { addOptions, refuseNotApplicable } from '../../../src/cli/options/register.js';
import { int } from '../../../src/cli/options/parsers.js';
import { command } from '../../../src/cli/options/spec.js';

const table = command({
  name: 'test run',
  options: {
    count: { flag: '--count <n>', help: 'how many', parse: int(1, 9), default: 3 },
    to: { flag: '--to <x>', help: 'repeatable', repeatable: true },
    trim: { flag: '--trim', help: 'a boolean' },
    rbf: { flag: '--no-rbf', help: 'negated' },
    mode: { flag: '--mode <m>', help: 'a mode', choices: ['a', 'b'], default: 'a' },
    extra: { flag: '--extra <x>', help: 'only in mode b', only: { mode: ['b'] } },
    wait: { flag: '--wait', help: 'wait' },
    timeout: { flag: '--timeout <s>', help: 'needs --wait', needs: ['wait'] },
    colour: { flag: '--colour <c>', help: 'with a hidden alias', aliases: ['--color'] },
    old: { flag: '--old <x>', help: 'refused here', refused: 'it would be ignored' },
    left: { flag: '--left', help: 'not with --right', conflicts: ['right'] },
    right: { flag: '--right', help: 'not with --left' },
  },
});

/** Parse `args` against the synthetic table; returns the values, or the usage error. */
function parse(args: string[]): { opts?: Record<string, unknown>; error?: CommanderError } {
  const cmd = new Command('run').exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  addOptions(cmd, table.options);
  try {
    cmd.parse(args, { from: 'user' });
    refuseNotApplicable(cmd, table);
    return { opts: cmd.opts() };
  } catch (e) {
    if (e instanceof CommanderError) return { error: e };
    throw e;
  }
}

describe('table → commander values', () => {
  it('absent options: defaults, false for booleans, true for a negated flag, undefined otherwise', () => {
    expect(parse([]).opts).toEqual({ count: 3, trim: false, rbf: true, mode: 'a', wait: false, left: false, right: false });
  });
  it('parsers get the flag name; repeatable values arrive in order; aliases store under the key', () => {
    expect(parse(['--count', '7', '--to', 'x', '--to', 'y', '--trim', '--no-rbf', '--color', 'red']).opts).toMatchObject({ count: 7, to: ['x', 'y'], trim: true, rbf: false, colour: 'red' });
    expect(parse(['--count', '0']).error?.message).toBe("error: option '--count <n>' argument '0' is invalid. --count must be between 1 and 9, got 0");
  });
  it('a key that is not the camelCase of its flag is a programming error', () => {
    expect(() => addOptions(new Command('x'), { maxFee: { flag: '--max-fees <a>', help: 'h' } })).toThrow(/key "maxFee" does not match --max-fees/);
  });
  it('a rule naming an option the command does not have is a programming error', () => {
    expect(() => addOptions(new Command('x'), { a: { flag: '--a', help: 'h', needs: ['b'] } })).toThrow(/refers to "b"/);
  });
});

describe('options that do not apply are refused (exit 2, naming the option)', () => {
  const cases: Array<[string, string[], string]> = [
    ['a refused flag', ['--old', 'x'], "error: option '--old <x>' does not apply to test run: it would be ignored"],
    ['an option without the option it needs', ['--timeout', '5'], "error: option '--timeout <s>' applies only with --wait"],
    ['an option outside its mode', ['--extra', 'x'], "error: option '--extra <x>' does not apply with --mode a (only with --mode b)"],
    ['contradictory flags', ['--left', '--right'], "error: option '--left' cannot be used with option '--right'"],
  ];
  it.each(cases)('%s', (_name, args, message) => {
    const { error } = parse(args);
    expect(error?.message).toBe(message);
    // Commander's own usage errors carry exit code 1, which main.ts maps to 2; ours say 2 themselves.
    if (!message.includes('cannot be used with')) expect(error?.exitCode).toBe(2);
  });
  it('the same options are accepted where they apply, and defaults never count as given', () => {
    expect(parse(['--wait', '--timeout', '5']).error).toBeUndefined();
    expect(parse(['--mode', 'b', '--extra', 'x']).error).toBeUndefined();
    expect(parse(['--left']).error).toBeUndefined();
  });
});
