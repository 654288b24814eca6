/** `eth inspect` of a sign request: the request's origin is untrusted text, shown without control characters. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tmpDir } from '../../helpers/cli.js';

describe('eth inspect: request origin', () => {
  it('escape sequences and bidi overrides in origin are not printed (human or --json)', async () => {
    const dir = tmpDir('coldkit-eth-origin-');
    const req = path.join(dir, 'req.txt');
    const a = '0x9858EfFD232B4033E47d90003D41EC34EcaEda94';
    const origin = 'evil\u001b[2J\u202eorigin';
    const made = await runCli(['eth', 'tx', 'create', '--from', a, '--to', a, '--chain-id', '1', '--nonce', '0', '--gas-limit', '21000', '--max-fee-per-gas', '1gwei', '--max-priority-fee-per-gas', '1gwei', '--fingerprint', '73c5da0a', '--origin', origin, '--out', req]);
    expect(made.code, made.stderr).toBe(0);
    expect(fs.readFileSync(req, 'utf8')).toMatch(/^ur:eth-sign-request\//);
    const human = await runCli(['eth', 'inspect', req]);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain('origin:');
    expect(human.stdout).not.toContain('\u001b');
    expect(human.stdout).not.toContain('\u202e');
    const json = await runCli(['--json', 'eth', 'inspect', req]);
    expect(json.json().request.origin).toBe('evil\uFFFD[2J\uFFFDorigin');
  });
});
