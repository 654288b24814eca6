/**
 * BIP-329 labels in the PSBT commands as a black box: `psbt create --label --labels-out` writes
 * records a BIP-329 reader reads back; `--labels` shows the labels of inputs and outputs in create,
 * inspect and sign (human and --json) and journals them; a coin marked `"spendable": false` is
 * left out of the selection; a hostile label (terminal escapes, bidi override) never reaches the
 * terminal or the journal raw; a malformed file is exit 2 naming its line.
 */
import * as fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseLabels } from '../../../src/core/btc/bip329.js';
import { runCli } from '../../helpers/cli.js';
import { payee } from '../../helpers/regtest-data.js';
import { watchWallet } from '../../helpers/watch-wallet.js';

const { f, op, ready } = watchWallet('wpkh', 'coldkit-labels-');
const EVIL = 'Alice \u001b[2J\u001b]0;pwned\u0007 \u202eevil';
const run = (args: string[], journal: string) => runCli(['--network', 'regtest', ...args], { env: { COLDKIT_JOURNAL: f(journal) } });
const journal = (name: string) => fs.readFileSync(f(name), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/;

beforeAll(async () => {
  await ready();
  fs.writeFileSync(
    f('labels.jsonl'),
    [
      { type: 'output', ref: op(0), label: EVIL },
      { type: 'output', ref: op(1), label: 'cold reserve', spendable: false },
      { type: 'addr', ref: payee(), label: 'Landlord' },
      { type: 'future-type', ref: 'x', label: 'ignored' },
    ].map((r) => JSON.stringify(r)).join('\n') + '\n',
  );
});

describe('psbt create with labels', () => {
  it('--label --labels-out writes BIP-329 records for the recipient; --labels shows and journals labels; a frozen coin is left out', async () => {
    const r = await run(['--json', 'psbt', 'create', '--wallet', f('wallet.json'), '--utxos', f('utxos.json'), '--prev-txs', f('prev.txt'), '--to', `${payee()}:0.0012`, '--fee-rate', '2', '--labels', f('labels.jsonl'), '--label', 'rent December', '--labels-out', f('out.jsonl'), '--out', f('unsigned.psbt')], 'create.jsonl');
    expect(r.code, r.stderr).toBe(0);
    const j = r.json();
    // The 250,000 sat coin is frozen; selection had to use the other two.
    expect(j.frozen).toEqual([op(1)]);
    expect(j.inputs.map((i: any) => `${i.txid}:${i.vout}`)).not.toContain(op(1));
    const recipient = j.outputs.findIndex((o: any) => !o.change);
    expect(j.labels).toEqual(expect.arrayContaining([
      { kind: 'output', index: recipient, type: 'addr', ref: payee(), label: 'Landlord' },
      expect.objectContaining({ kind: 'input', type: 'output', ref: op(0) }),
    ]));
    const evil = j.labels.find((l: any) => l.ref === op(0)).label;
    expect(evil).not.toMatch(CONTROL);
    expect(evil).toMatch(/^Alice /);
    expect(r.stderr).toMatch(/1 record\(s\) of types BIP-329 does not define were ignored/);

    const written = parseLabels(fs.readFileSync(f('out.jsonl'), 'utf8'));
    const txid = written.records.find((x) => x.type === 'tx')!.ref;
    expect(written.records).toEqual([
      { type: 'tx', ref: txid, label: 'rent December' },
      { type: 'output', ref: `${txid}:${recipient}`, label: 'rent December' },
      { type: 'addr', ref: payee(), label: 'rent December' },
    ]);
    expect(j.labelsOut.records).toHaveLength(3);
    const entry = journal('create.jsonl').find((e) => e.op === 'psbt.create');
    expect(entry.data.labels).toContainEqual({ kind: 'output', index: recipient, label: 'Landlord' });
    expect(entry.data.frozen).toEqual([op(1)]);
    expect(JSON.stringify(entry)).not.toMatch(/\\u001b|\\u202e/);

    // The txid written before signing is the txid after (native segwit inputs): sign and finalize.
    const s = await run(['--yes', 'psbt', 'sign', f('unsigned.psbt'), '--mnemonic-file', f('mnemonic.txt'), '--labels', f('labels.jsonl'), '--out', f('signed.psbt')], 'sign.jsonl');
    expect(s.code, s.stderr).toBe(0);
    expect(s.stderr).toContain("== Labels (BIP-329 file: the operator's notes, not proof)");
    expect(s.stderr).toMatch(/output #\d: "Landlord"/);
    expect(s.stderr).not.toMatch(CONTROL);
    const signEntry = journal('sign.jsonl').find((e) => e.op === 'psbt.sign');
    expect(signEntry.data.labels).toContainEqual({ kind: 'output', index: recipient, label: 'Landlord' });
    const sj = await run(['--json', '--yes', 'psbt', 'sign', f('unsigned.psbt'), '--mnemonic-file', f('mnemonic.txt'), '--labels', f('labels.jsonl'), '--out', f('signed-json.psbt')], 'sign-json.jsonl');
    expect(sj.code, sj.stderr).toBe(0);
    expect(sj.json().labels).toContainEqual({ kind: 'output', index: recipient, type: 'addr', ref: payee(), label: 'Landlord' });
    expect(sj.stdout).not.toMatch(/\\u001b|\u001b/);
    const fin = await run(['--json', 'psbt', 'finalize', f('signed.psbt')], 'fin.jsonl');
    expect(fin.json().txid).toBe(txid);
  });

  it('--utxo names a frozen coin: the operator\'s explicit choice wins', async () => {
    const r = await run(['--json', 'psbt', 'create', '--wallet', f('wallet.json'), '--utxos', f('utxos.json'), '--prev-txs', f('prev.txt'), '--to', `${payee()}:0.0012`, '--fee-rate', '2', '--labels', f('labels.jsonl'), '--utxo', op(1)], 'create2.jsonl');
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().inputs.map((i: any) => `${i.txid}:${i.vout}`)).toEqual([op(1)]);
    expect(r.json().frozen).toBeUndefined();
  });
});

describe('psbt inspect with labels', () => {
  it('shows labels in the review and in --json, with hostile text neutralised', async () => {
    const c = await run(['psbt', 'create', '--wallet', f('wallet.json'), '--utxos', f('utxos.json'), '--prev-txs', f('prev.txt'), '--to', `${payee()}:0.0012`, '--fee-rate', '2', '--utxo', op(0), '--utxo', op(2), '--out', f('two.psbt')], 'c3.jsonl');
    expect(c.code, c.stderr).toBe(0);
    const human = await run(['psbt', 'inspect', f('two.psbt'), '--wallet', f('wallet.json'), '--labels', f('labels.jsonl')], 'i.jsonl');
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/input #\d: "Alice .*evil"  \(output [0-9a-f]{16}…/);
    expect(human.stdout).not.toMatch(CONTROL);
    const json = await run(['--json', 'psbt', 'inspect', f('two.psbt'), '--wallet', f('wallet.json'), '--labels', f('labels.jsonl')], 'i.jsonl');
    expect(json.json().labels.map((l: any) => [l.kind, l.type])).toEqual([['input', 'output'], ['output', 'addr']]);
  });

  it('a malformed label file is exit 2 naming the line', async () => {
    fs.writeFileSync(f('bad.jsonl'), `{"type":"tx","ref":"${'ab'.repeat(32)}"}\n{"type":"output","ref":"${op(0)}","spendable":"no"}\n`);
    const r = await run(['psbt', 'inspect', f('two.psbt'), '--labels', f('bad.jsonl')], 'i2.jsonl');
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('coldkit: --labels: line 2: "spendable" must be true or false (not a string)');
  });

  it('--label without --labels-out, or with control characters, is refused', async () => {
    const a = await run(['psbt', 'create', '--wallet', f('wallet.json'), '--utxos', f('utxos.json'), '--to', `${payee()}:0.0012`, '--fee-rate', '2', '--label', 'x'], 'x.jsonl');
    expect(a.code).toBe(2);
    const b = await run(['psbt', 'create', '--wallet', f('wallet.json'), '--utxos', f('utxos.json'), '--prev-txs', f('prev.txt'), '--to', `${payee()}:0.0012`, '--fee-rate', '2', '--label', 'x\u001b[31m', '--labels-out', f('never.jsonl')], 'x.jsonl');
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/--label: must not contain control or bidi characters/);
    expect(fs.existsSync(f('never.jsonl'))).toBe(false);
  });
});
