/**
 * `eth sign-typed-data` and `eth inspect` of a Seaport listing whose consideration is empty (an NFT
 * given away): the review shows the empty array and what the order gives and receives; the signer
 * refuses with exit 3 naming --allow-marketplace-order, and the honest listing signs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tmpDir } from '../../helpers/cli.js';
import { fixtureJson } from '../../helpers/fixtures.js';

let dir: string;
const f = (n: string) => path.join(dir, n);
const cli = (args: string[]) => runCli(args, { env: { COLDKIT_JOURNAL: f('journal.jsonl') } });

beforeAll(() => {
  dir = tmpDir('coldkit-eth-market-');
  fs.writeFileSync(f('m.txt'), 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about\n', { mode: 0o600 });
  const honest = fixtureJson<any>('marketplace-orders/seaport-listing.json');
  fs.writeFileSync(f('honest.json'), JSON.stringify(honest));
  honest.message.consideration = [];
  fs.writeFileSync(f('drain.json'), JSON.stringify(honest));
});

describe('a Seaport order that gives an NFT away', () => {
  it('is shown with its empty consideration and refused unless --allow-marketplace-order', async () => {
    const args = ['--yes', 'eth', 'sign-typed-data', f('drain.json'), '--mnemonic-file', f('m.txt'), '--expect-chain-id', '1'];
    const shown = await cli(['eth', 'inspect', f('drain.json')]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('consideration = [] (ConsiderationItem[], empty)');
    expect(shown.stdout).toContain('RECEIVES: (NOTHING)');
    expect(shown.stdout).toMatch(/WARNING: Seaport order that drains its maker.*\(the signer refuses this; --allow-marketplace-order overrides\)/);
    const refused = await cli(args);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/Seaport order that drains its maker: the consideration is EMPTY.*--allow-marketplace-order/s);
    expect((await cli([...args, '--allow-marketplace-order'])).code).toBe(0);
  });
  it('the honest listing signs', async () => {
    const r = await cli(['--yes', 'eth', 'sign-typed-data', f('honest.json'), '--mnemonic-file', f('m.txt'), '--expect-chain-id', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/GIVES: +ERC-721 0xBC4CA0EdA7647A8aB7C2061c2E118A18a936f13D #1234 × 1/);
  });
});
