/**
 * `coldkit psbt create --utxo / --exclude-utxo` as a black box: exactly the named coins are spent
 * (however selection would have chosen), a consolidation when nothing else is asked, excluded coins
 * never spent, and every hostile outpoint (malformed, unknown, another wallet's, both spent and
 * excluded) refused with exit 2, one line, no file written.
 */
import * as fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import { payee, walletUtxos } from '../../helpers/regtest-data.js';
import { watchWallet } from '../../helpers/watch-wallet.js';

const { f, data, op, ready } = watchWallet('wpkh', 'coldkit-coin-control-');
const create = (args: string[], journal = f('journal.jsonl')) =>
  runCli(['--network', 'regtest', '--json', 'psbt', 'create', '--wallet', f('wallet.json'), '--utxos', f('utxos.json'), '--prev-txs', f('prev.txt'), '--fee-rate', '2', ...args], { env: { COLDKIT_JOURNAL: journal } });

beforeAll(ready);

describe.concurrent('psbt create coin control', () => {
  it('--utxo spends exactly the named coins, with change, and journals the choice', async () => {
    // Selection alone would take the single 250,000 sat coin; the operator names the other two.
    const r = await create(['--to', `${payee()}:0.0012`, '--utxo', op(0), '--utxo', op(2)], f('journal-chosen.jsonl'));
    expect(r.code, r.stderr).toBe(0);
    const j = r.json();
    expect(j.algorithm).toBe('chosen');
    expect(j.inputs.map((i: any) => `${i.txid}:${i.vout}`).sort()).toEqual([op(0), op(2)].sort());
    const change = j.outputs.find((o: any) => o.change);
    expect(BigInt(change.amount)).toBe(140_000n - 120_000n - BigInt(j.fee));
    const entry = fs.readFileSync(f('journal-chosen.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l)).find((e) => e.op === 'psbt.create');
    expect(entry.data.coinControl.utxo.sort()).toEqual([op(0), op(2)].sort());
  });

  it('--utxo without --to consolidates to one change output', async () => {
    const r = await create(['--utxo', op(0), '--utxo', op(1)]);
    expect(r.code, r.stderr).toBe(0);
    const j = r.json();
    expect(j.outputs).toHaveLength(1);
    expect(j.outputs[0]).toMatchObject({ change: true, amount: String(350_000n - BigInt(j.fee)) });
    expect(j.signWouldRefuse).toEqual([]);
  });

  it('--exclude-utxo: the excluded coin is never spent', async () => {
    const r = await create(['--to', `${payee()}:0.0012`, '--exclude-utxo', op(1)]);
    expect(r.code, r.stderr).toBe(0);
    const spent = r.json().inputs.map((i: any) => `${i.txid}:${i.vout}`);
    expect(spent).not.toContain(op(1));
    expect(spent.sort()).toEqual([op(0), op(2)].sort());
    // Without it, the 250,000 sat coin is chosen: the exclusion changed the choice.
    const plain = await create(['--to', `${payee()}:0.0012`]);
    expect(plain.json().inputs.map((i: any) => `${i.txid}:${i.vout}`)).toContain(op(1));
  });

  const other = walletUtxos('tr', [{ branch: 0, index: 0, sats: 50_000n }], { seed: 9 }).listunspent[0]!;
  const hostile: [string, () => string[], RegExp][] = [
    ['a malformed outpoint', () => ['--to', `${payee()}:0.001`, '--utxo', `${op(0)}x`], /--utxo: .* is not an outpoint; expected TXID:VOUT/],
    ['an outpoint not in --utxos', () => ['--to', `${payee()}:0.001`, '--utxo', `${'cd'.repeat(32)}:0`], /--utxo (cd)+:0 is not in --utxos/],
    ['the same outpoint spent and excluded', () => ['--to', `${payee()}:0.001`, '--utxo', op(0), '--exclude-utxo', op(0)], /is both spent \(--utxo\) and excluded \(--exclude-utxo\)/],
    ['an excluded outpoint not in --utxos', () => ['--to', `${payee()}:0.001`, '--exclude-utxo', `${other.txid}:1`], /--exclude-utxo [0-9a-f]+:1 is not in --utxos/],
    ['chosen coins that cannot pay', () => ['--to', `${payee()}:0.0012`, '--utxo', op(2)], /--utxo: insufficient funds: the chosen coins hold 40000 sat/],
  ];
  for (const [name, args, re] of hostile) {
    it(`refuses ${name} (exit 2, one line, nothing written)`, async () => {
      const out = f(`never-${name.replace(/\W+/g, '-')}.psbt`);
      const r = await runCli(['--network', 'regtest', 'psbt', 'create', '--wallet', f('wallet.json'), '--utxos', f('utxos.json'), '--prev-txs', f('prev.txt'), '--fee-rate', '2', '--out', out, ...args()]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(re);
      expect(fs.existsSync(out)).toBe(false);
    });
  }

  it("refuses a named coin of another wallet, even when it is listed", async () => {
    fs.writeFileSync(f('mixed.json'), JSON.stringify([...data.listunspent, other]));
    const r = await runCli(['--network', 'regtest', 'psbt', 'create', '--wallet', f('wallet.json'), '--utxos', f('mixed.json'), '--prev-txs', f('prev.txt'), '--gap-limit', '10', '--fee-rate', '2', '--to', `${payee()}:0.001`, '--utxo', `${other.txid}:${other.vout}`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not an output of this descriptor/);
  });
});
