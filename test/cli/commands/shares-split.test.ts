/** An N-of-N split works but says, once, that it has no spare share. */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tmpDir } from '../../helpers/cli.js';

const MNEMONIC = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about\n';

describe('N-of-N note', () => {
  it('2-of-2 notes the missing spare once and suggests 2-of-3; 2-of-3 says nothing of it', async () => {
    const dir = tmpDir();
    const nn = await runCli(['shares', 'split', '--threshold', '2', '--shares', '2', '--mnemonic-file', '-', '--out', path.join(dir, 'a')], { stdin: MNEMONIC });
    expect(nn.code, nn.stderr).toBe(0);
    expect(nn.stderr.match(/no spare share/g)).toHaveLength(1);
    expect(nn.stderr).toMatch(/consider 2-of-3/);
    const spare = await runCli(['shares', 'split', '--threshold', '2', '--shares', '3', '--mnemonic-file', '-', '--out', path.join(dir, 'b')], { stdin: MNEMONIC });
    expect(spare.code, spare.stderr).toBe(0);
    expect(spare.stderr).not.toMatch(/no spare share/);
  });
});
