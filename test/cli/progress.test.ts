/**
 * The progress line (src/cli/progress.ts): redrawn in place on a terminal at most every interval,
 * erased at the end; nothing at all when stderr is not a terminal or with --json. Black box: a long
 * `address find` shows it on a real pseudo-terminal and not in a pipe.
 */
import { describe, expect, it } from 'vitest';
import { progressLine } from '../../src/cli/progress.js';
import type { Context } from '../../src/cli/command.js';
import { runCli } from '../helpers/cli.js';
import { hasScript, runTty } from '../helpers/tty.js';

/** A context whose stderr records what is written. */
function fake(isTTY: boolean, json = false) {
  const written: string[] = [];
  const ctx = { io: { stderr: { isTTY, write: (s: string) => written.push(s) } }, globals: { json } } as unknown as Pick<Context, 'io' | 'globals'>;
  return { ctx, written };
}

const DESCRIPTOR = 'wpkh([73c5da0a/84h/1h/0h]tpubDC8msFGeGuwnKG9Upg7DM2b4DaRqg3CUZa5g8v2SRQ6K4NSkxUgd7HsL2XVWbVm39yBA4LAxysQAm397zwQSQoQgewGiYZqrA9DsP4zbQ1M/<0;1>/*)';

describe('progressLine', () => {
  it('on a terminal: redraws at most every interval, with the count and percentage, and erases at the end', () => {
    const { ctx, written } = fake(true);
    let t = 0;
    const p = progressLine(ctx, 'searching', 250, () => t);
    p.update(10, 100);
    t = 100;
    p.update(20, 100); // within the interval: not drawn
    t = 300;
    p.update(30, 100);
    p.done();
    expect(written).toEqual(['\r\x1b[2Ksearching: 10/100 (10%)', '\r\x1b[2Ksearching: 30/100 (30%)', '\r\x1b[2K']);
  });
  it('not a terminal, or --json: writes nothing', () => {
    for (const [tty, json] of [[false, false], [true, true]] as const) {
      const { ctx, written } = fake(tty, json);
      const p = progressLine(ctx, 'searching', 0);
      p.update(1, 2);
      p.done();
      expect(written).toEqual([]);
    }
  });
});

describe('a long address find', () => {
  it('in a pipe: no progress on stderr, the answer on stdout', async () => {
    const r = await runCli(['--network', 'testnet', 'address', 'find', 'tb1qdz50mh3c5n2nyhazlxcum3ckwd7vppfhn27xp0', '--descriptor', DESCRIPTOR, '--gap', '5000']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/change address 3/);
    expect(r.stderr).not.toMatch(/searching/);
  }, 60_000);
  it.skipIf(!hasScript)('on a terminal: the progress line appears while a 20,000-index search runs', async () => {
    const r = await runTty(['--network', 'testnet', 'address', 'find', 'tb1qk0a9hr7wjfxeenz9nwenw9flhq0tmsf6xknqge', '--descriptor', DESCRIPTOR, '--gap', '20000'], [], { timeoutMs: 120_000 });
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/searching 2 branch\(es\) for the address: \d+\/40000 \(\d+%\)/);
  }, 150_000);
});
