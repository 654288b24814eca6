/** readInputJson: one JSON reader for every flag that takes a JSON file; the message names the field. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInputJson } from '../../src/cli/io.js';
import { InputError } from '../../src/core/errors.js';
import { runCli, tmpDir } from '../helpers/cli.js';

describe('readInputJson', () => {
  it('parses a JSON file; text that is not JSON is an InputError naming the field', async () => {
    const dir = tmpDir('coldkit-json-');
    fs.writeFileSync(path.join(dir, 'ok.json'), '{"a":[1]}');
    fs.writeFileSync(path.join(dir, 'bad.json'), '{"a": ');
    expect(await readInputJson(path.join(dir, 'ok.json'), '--x', undefined)).toEqual({ a: [1] });
    const e = await readInputJson(path.join(dir, 'bad.json'), '--x', undefined, 'not JSON; expected Y').catch((x) => x);
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toBe('--x: not JSON; expected Y');
  });

  it('eth tx create: --access-list and --wallet that are not JSON exit 2 naming the flag', async () => {
    const dir = tmpDir('coldkit-json-');
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, '[{"address": ');
    const a = '0x9858EfFD232B4033E47d90003D41EC34EcaEda94';
    const base = ['eth', 'tx', 'create', '--from', a, '--to', a, '--chain-id', '1', '--nonce', '0', '--gas-limit', '21000', '--max-fee-per-gas', '1gwei', '--max-priority-fee-per-gas', '1gwei'];
    const r1 = await runCli([...base, '--access-list', bad]);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toContain('--access-list: is not valid JSON');
    const r2 = await runCli([...base, '--wallet', bad]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('--wallet: is not valid JSON');
  });
});
