/**
 * End to end, black box, for each single-key script type on regtest data:
 * account export → psbt create → psbt inspect → psbt sign → psbt finalize, and the final
 * transaction checked independently with bitcoinjs-lib (every input's signature against its
 * prevout). Until `coldkit psbt sign` is available the test signs with bitcoinjs-lib instead; once
 * it is, both signers must produce the same ECDSA transaction (RFC 6979 + low R on both sides).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { finalizePsbt } from '../../src/core/btc/finalize.js';
import { decodePsbt } from '../../src/core/btc/psbt-codec.js';
import { runCli, tmpDir, type CliRun } from '../helpers/cli.js';
import { referenceSign, verifyTransaction } from '../helpers/reference-signer.js';
import { MNEMONIC, payee, SCRIPTS, walletUtxos, type Script } from '../helpers/regtest-data.js';

const NOT_BUILT = /not available in this build/;

/** A regtest wallet directory: mnemonic, account export, UTXOs, previous transactions. */
async function setup(script: Script, electrum = false) {
  const dir = tmpDir('coldkit-psbt-e2e-');
  const f = (n: string) => path.join(dir, n);
  fs.writeFileSync(f('mnemonic.txt'), MNEMONIC + '\n');
  const exp = await runCli(['--network', 'regtest', 'account', 'export', '--mnemonic-file', f('mnemonic.txt'), '--script', script, '--out', f('wallet.json')]);
  expect(exp.code, exp.stderr).toBe(0);
  const data = walletUtxos(script, [
    { branch: 0, index: 0, sats: 100_000n },
    { branch: 0, index: 3, sats: 250_000n },
    { branch: 1, index: 0, sats: 40_000n },
  ]);
  const utxos = electrum
    ? data.listunspent.map((u) => ({ address: u.address, value: (u.amount).toFixed(8), prevout_n: u.vout, prevout_hash: u.txid, height: 100, coinbase: false, nsequence: 4294967293, frozen: false }))
    : data.listunspent;
  fs.writeFileSync(f('utxos.json'), JSON.stringify(utxos, null, 2));
  fs.writeFileSync(f('prev.txt'), data.prevTxs);
  return { dir, f, data };
}

function oneLineError(r: CliRun, code: number, re: RegExp): void {
  expect(r.code, r.stdout + r.stderr).toBe(code);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^coldkit: /);
  expect(lines[0]).toMatch(re);
}

describe('the online side warns about what the signer would refuse', () => {
  it('create and inspect list the refusal (exit 0); sign refuses with the same finding (exit 3)', async () => {
    const { f } = await setup('sh-wpkh');
    // No --prev-txs: the segwit v0 amounts are unproven, which the signer refuses.
    const create = await runCli(['--network', 'regtest', '--json', 'psbt', 'create', '--wallet', f('wallet.json'), '--utxos', f('utxos.json'), '--to', `${payee()}:0.001`, '--fee-rate', '2', '--out', f('unproven.psbt')]);
    expect(create.code, create.stderr).toBe(0);
    const listed = create.json().signWouldRefuse;
    expect(listed).toEqual([{ code: 'unproven-amounts', message: expect.stringMatching(/^segwit v0 inputs? .* carr(y|ies) no non_witness_utxo, so (its amount is|their amounts are) unproven /), override: '--allow-unproven-amounts' }]);
    const text = await runCli(['--network', 'regtest', 'psbt', 'create', '--wallet', f('wallet.json'), '--utxos', f('utxos.json'), '--to', `${payee()}:0.001`, '--fee-rate', '2']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stderr).toContain(`== psbt sign would refuse\n  ${listed[0].message} (--allow-unproven-amounts)`);

    const inspect = await runCli(['--network', 'regtest', '--json', 'psbt', 'inspect', f('unproven.psbt'), '--wallet', f('wallet.json')]);
    expect(inspect.code, inspect.stderr).toBe(0);
    expect(inspect.json().signWouldRefuse).toEqual(listed);

    const sign = await runCli(['--network', 'regtest', '--json', '--yes', 'psbt', 'sign', f('unproven.psbt'), '--mnemonic-file', f('mnemonic.txt'), '--out', f('never.psbt')]);
    expect(sign.code).toBe(3);
    const err = sign.json().error;
    expect(err.findings.map((x: any) => [x.code, x.message, x.override])).toEqual(listed.map((x: any) => [x.code, x.message, x.override]));
    expect(fs.existsSync(f('never.psbt'))).toBe(false);
  });
});

describe.concurrent('psbt create → inspect → sign → finalize (regtest)', () => {
  for (const script of SCRIPTS) {
    it(`${script}`, async () => {
      const { f, data } = await setup(script, script === 'wpkh');
      const to = payee('tr');
      const create = await runCli([
        '--network', 'regtest', '--json', 'psbt', 'create', '--wallet', f('wallet.json'), '--utxos', f('utxos.json'),
        ...(script === 'tr' ? [] : ['--prev-txs', f('prev.txt')]),
        '--to', `${to}:0.0012`, '--fee-rate', '2', '--out', f('unsigned.psbt'),
      ]);
      expect(create.code, create.stderr).toBe(0);
      const c = create.json();
      expect(c.outFile).toBe(f('unsigned.psbt'));
      expect(c.digest.split(' ')).toHaveLength(4);
      const recipient = c.outputs.find((o: any) => !o.change);
      expect(recipient).toMatchObject({ address: to, amount: '120000' });
      const change = c.outputs.find((o: any) => o.change);
      expect(change.path).toMatch(/\/1\/1$/); // one past the change index already used (1/0)
      const inTotal = c.inputs.reduce((a: bigint, i: any) => a + BigInt(i.amount), 0n);
      expect(inTotal - 120_000n - BigInt(change.amount)).toBe(BigInt(c.fee));
      expect(BigInt(c.fee)).toBe(BigInt(Math.ceil(c.vsize * 2)));
      expect(c.inputs.every((i: any) => i.nonWitnessUtxo === (script !== 'tr'))).toBe(true);
      // The signer's findings on the new PSBT: nothing it would refuse.
      expect(c.signWouldRefuse).toEqual([]);

      const inspect = await runCli(['--network', 'regtest', '--json', 'psbt', 'inspect', f('unsigned.psbt'), '--wallet', f('wallet.json')]);
      if (!NOT_BUILT.test(inspect.stderr)) {
        // The reviewer sees what create said: same digest, every input ours, the change proven.
        expect(inspect.code, inspect.stderr).toBe(0);
        const r = inspect.json();
        expect(r.digest).toBe(c.digest);
        expect(r.review.inputs.every((i: any) => i.ours)).toBe(true);
        expect(r.review.outputs.map((o: any) => o.role).sort()).toEqual(['change', 'recipient']);
        expect(r.review.outputs.find((o: any) => o.role === 'change').path).toBe(change.path);
        expect(r.signWouldRefuse).toEqual([]);
      }

      const unsigned = fs.readFileSync(f('unsigned.psbt'));
      const reference = referenceSign(unsigned.toString('base64'));
      const sign = await runCli(['--network', 'regtest', 'psbt', 'sign', f('unsigned.psbt'), '--mnemonic-file', f('mnemonic.txt'), '--yes', '--out', f('signed.psbt')]);
      const coldkitSigned = !NOT_BUILT.test(sign.stderr);
      if (coldkitSigned) expect(sign.code, sign.stderr).toBe(0);
      else fs.writeFileSync(f('signed.psbt'), Buffer.from(reference, 'base64'));

      const fin = await runCli(['--network', 'regtest', '--json', 'psbt', 'finalize', f('signed.psbt')]);
      expect(fin.code, fin.stderr).toBe(0);
      const tx = fin.json();
      const v = verifyTransaction(tx.hex, data.prevouts);
      expect(v.checked).toBe(c.inputs.length);
      expect(v.fee).toBe(BigInt(c.fee));
      expect(v.vsize).toBeLessThanOrEqual(c.vsize); // signatures were priced at their largest
      expect(Number(v.fee) / v.vsize).toBeGreaterThanOrEqual(2);
      expect(tx.signatures).toBe(c.inputs.length);

      if (coldkitSigned && script !== 'tr') {
        // Both signers are deterministic (RFC 6979, low R): the same transaction, byte for byte.
        expect(finalizePsbt(decodePsbt(Buffer.from(reference, 'base64')).tx).hex).toBe(tx.hex);
      }

      if (script === 'tr') {
        // Human form: the raw hex alone on stdout, txid on stderr.
        const human = await runCli(['--network', 'regtest', 'psbt', 'finalize', f('signed.psbt')]);
        expect(human.stdout.trim()).toBe(tx.hex);
        expect(human.stderr).toContain(tx.txid);
      }
    });
  }
});

describe.concurrent('psbt create: bad input exits 2 with one line and writes nothing', () => {
  const cases: [string, (f: (n: string) => string) => string[], RegExp][] = [
    ['malformed listunspent JSON', (f) => (fs.writeFileSync(f('bad.json'), '[{"txid": "ab", '), ['--utxos', f('bad.json'), '--to', `${payee()}:0.001`]), /--utxos: is not valid JSON/],
    ['listunspent entry without amount', (f) => (fs.writeFileSync(f('bad.json'), JSON.stringify([{ txid: 'ab'.repeat(32), vout: 0, address: payee() }])), ['--utxos', f('bad.json'), '--to', `${payee()}:0.001`]), /entry 0\.amount/],
    ['UTXO of another wallet', (f) => (fs.writeFileSync(f('other.json'), JSON.stringify(walletUtxos('tr', [{ branch: 0, index: 0, sats: 50_000n }]).listunspent)), ['--utxos', f('other.json'), '--gap-limit', '10', '--to', `${payee()}:0.0001`]), /not an output of this descriptor/],
    ['insufficient funds', (f) => ['--utxos', f('utxos.json'), '--to', `${payee()}:0.0039`], /insufficient funds/],
    ['bad address checksum', (f) => ['--utxos', f('utxos.json'), '--to', `${payee().slice(0, -1)}q:0.001`], /not a valid regtest address/],
    ['mainnet address on regtest', (f) => ['--utxos', f('utxos.json'), '--to', `bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4:0.001`], /is a mainnet address but the network is regtest/],
    ['dust output', (f) => ['--utxos', f('utxos.json'), '--to', `${payee()}:100sat`], /below the dust threshold of 294 sat/],
    ['amount with too many decimals', (f) => ['--utxos', f('utxos.json'), '--to', `${payee()}:0.000000001`], /at most 8/],
    ['missing fee rate', (f) => ['--utxos', f('utxos.json'), '--to', `${payee()}:0.001`, '--no-fee'], /--fee-rate: is required/],
    ['previous transaction that does not match', (f) => (fs.writeFileSync(f('wrong-prev.txt'), walletUtxos('wpkh', [{ branch: 0, index: 0, sats: 99_999n }]).prevTxs), ['--utxos', f('utxos.json'), '--prev-txs', f('wrong-prev.txt'), '--to', `${payee()}:0.001`]), /--prev-txs: /],
  ];
  let f: (n: string) => string;
  beforeAll(async () => {
    f = (await setup('wpkh')).f;
  });
  cases.forEach(([name, args, re], i) => {
    it(name, async () => {
      const g = (n: string) => f(`${i}-${n}`);
      for (const shared of ['wallet.json', 'utxos.json']) fs.copyFileSync(f(shared), g(shared));
      const a = args(g);
      const noFee = a.includes('--no-fee');
      const r = await runCli(['--network', 'regtest', 'psbt', 'create', '--wallet', g('wallet.json'), ...a.filter((x) => x !== '--no-fee'), ...(noFee ? [] : ['--fee-rate', '3']), '--out', g('out.psbt')]);
      oneLineError(r, 2, re);
      expect(fs.existsSync(g('out.psbt'))).toBe(false);
    });
  });
});

describe.concurrent('psbt combine and finalize', () => {
  it('combines two half-signed copies, then finalizes', async () => {
    const { f, data } = await setup('wpkh');
    const env = { COLDKIT_JOURNAL: f('journal.jsonl') };
    const c = await runCli(['--network', 'regtest', 'psbt', 'create', '--wallet', f('wallet.json'), '--utxos', f('utxos.json'), '--prev-txs', f('prev.txt'), '--send-max', payee('pkh'), '--fee-rate', '1.5'], { env });
    expect(c.code, c.stderr).toBe(0);
    const base64 = c.stdout.trim();
    expect(c.stderr).toMatch(/coins chosen by send-max/);
    const full = referenceSign(base64);
    const bitcoin = await import('bitcoinjs-lib');
    const half = (keep: number) => {
      const p = bitcoin.Psbt.fromBase64(full, { network: bitcoin.networks.regtest });
      p.data.inputs.forEach((inp, i) => {
        if (i !== keep) delete inp.partialSig;
      });
      return p.toBase64();
    };
    const n = bitcoin.Psbt.fromBase64(base64).inputCount;
    expect(n).toBe(3);
    for (let i = 0; i < n; i++) fs.writeFileSync(f(`part${i}.psbt`), half(i));
    const part = await runCli(['--network', 'regtest', 'psbt', 'finalize', f('part0.psbt')]);
    oneLineError(part, 2, /input 1: is not signed/);
    const comb = await runCli(['--network', 'regtest', 'psbt', 'combine', f('part0.psbt'), f('part1.psbt'), f('part2.psbt'), '--out', f('combined.psbt')], { env });
    expect(comb.code, comb.stderr).toBe(0);
    expect(comb.stdout).toMatch(/Combined 3 PSBTs/);
    const fin = await runCli(['--network', 'regtest', '--json', 'psbt', 'finalize', f('combined.psbt'), '--out', f('tx.hex')], { env });
    expect(fin.code, fin.stderr).toBe(0);
    const journal = fs.readFileSync(f('journal.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(journal.map((e) => e.op)).toEqual(['psbt.create', 'psbt.combine', 'psbt.finalize']);
    expect(journal[0].data).toMatchObject({ network: 'regtest', inputs: 3, change: null, recipients: [{ address: payee('pkh') }], overrides: [] });
    expect(journal[2].data.txid).toBe(fin.json().txid);
    expect(fs.readFileSync(f('tx.hex'), 'utf8').trim()).toBe(fin.json().hex);
    expect(verifyTransaction(fin.json().hex, data.prevouts).checked).toBe(3);
  });

  it('refuses to combine PSBTs of different transactions', async () => {
    const { f } = await setup('wpkh');
    for (const [name, amt] of [['a', '0.001'], ['b', '0.002']] as const) {
      const r = await runCli(['--network', 'regtest', 'psbt', 'create', '--wallet', f('wallet.json'), '--utxos', f('utxos.json'), '--to', `${payee()}:${amt}`, '--fee-rate', '1', '--out', f(`${name}.psbt`)]);
      expect(r.code, r.stderr).toBe(0);
    }
    const r = await runCli(['psbt', 'combine', f('a.psbt'), f('b.psbt'), '--out', f('c.psbt')]);
    oneLineError(r, 2, /another transaction/);
    expect(fs.existsSync(f('c.psbt'))).toBe(false);
  });

  it('refuses a tampered signature (exit 3) and a finalized PSBT (exit 2)', async () => {
    const { f } = await setup('sh-wpkh');
    const c = await runCli(['--network', 'regtest', 'psbt', 'create', '--wallet', f('wallet.json'), '--utxos', f('utxos.json'), '--prev-txs', f('prev.txt'), '--to', `${payee()}:0.001`, '--fee-rate', '5']);
    expect(c.code, c.stderr).toBe(0);
    const signed = referenceSign(c.stdout.trim());
    const bitcoin = await import('bitcoinjs-lib');
    const bad = bitcoin.Psbt.fromBase64(signed);
    bad.data.inputs[0]!.partialSig![0]!.signature[10] ^= 1;
    fs.writeFileSync(f('bad.psbt'), bad.toBase64());
    oneLineError(await runCli(['--network', 'regtest', 'psbt', 'finalize', f('bad.psbt'), '--out', f('tx.hex')]), 3, /input 0: the signature by key [0-9a-f]{16}… does not verify/);
    expect(fs.existsSync(f('tx.hex'))).toBe(false);
    const done = bitcoin.Psbt.fromBase64(signed).finalizeAllInputs();
    fs.writeFileSync(f('final.psbt'), done.toBase64());
    oneLineError(await runCli(['--network', 'regtest', 'psbt', 'finalize', f('final.psbt')]), 2, /input 0: is already finalized/);
    oneLineError(await runCli(['--network', 'regtest', 'psbt', 'combine', f('final.psbt'), f('final.psbt')]), 2, /already finalized/);
    oneLineError(await runCli(['psbt', 'finalize', f('utxos.json')]), 2, /psbt: wrong magic/);
  });
});
