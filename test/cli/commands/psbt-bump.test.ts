/**
 * `coldkit psbt bump` and `psbt cpfp` as a black box, from a transaction made, signed and
 * finalized by coldkit itself in the test (regtest, wpkh and tr):
 * - bump: the replacement spends the same inputs, pays the same recipient, signals RBF, takes the
 *   whole fee increase from the change, meets BIP125 rules 3, 4 and 6; coldkit's signer signs it
 *   (inputs proven ours) and the finalized transaction verifies with bitcoinjs-lib;
 * - refusals: a rate not above the original's, a fee increase below 1 sat/vB of the replacement,
 *   change that would become dust, no change output, unknown input amounts;
 * - cpfp: the child spends our change of the parent to our change chain, and the package rate
 *   (parent fee + child fee) / (parent vsize + child vsize) reaches the rate asked, computed
 *   again here from the finalized child.
 */
import * as fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as bitcoin from 'bitcoinjs-lib';
import { HDKey } from '@scure/bip32';
import { runCli } from '../../helpers/cli.js';
import { verifyTransaction } from '../../helpers/reference-signer.js';
import { payee, type Script } from '../../helpers/regtest-data.js';
import { watchWallet } from '../../helpers/watch-wallet.js';

interface Setup {
  f: (n: string) => string;
  parentHex: string;
  parentFee: bigint;
  created: any;
  prevouts: Map<string, { script: Uint8Array; amount: bigint }>;
}

const run = (f: (n: string) => string, args: string[]) => runCli(['--network', 'regtest', ...args], { env: { COLDKIT_JOURNAL: f('journal.jsonl') } });

/** Create, sign and finalize a payment with change: the original transaction. */
async function setup(script: Script): Promise<Setup> {
  const { f, data, ready } = watchWallet(script, `coldkit-bump-${script}-`, [
    { branch: 0, index: 0, sats: 100_000n },
    { branch: 0, index: 3, sats: 250_000n },
  ]);
  await ready();
  const c = await run(f, ['--json', 'psbt', 'create', '--wallet', f('wallet.json'), '--utxos', f('utxos.json'), '--prev-txs', f('prev.txt'), '--to', `${payee()}:0.002`, '--fee-rate', '2', '--out', f('orig.psbt')]);
  expect(c.code, c.stderr).toBe(0);
  const s = await run(f, ['--yes', 'psbt', 'sign', f('orig.psbt'), '--mnemonic-file', f('mnemonic.txt'), '--out', f('orig-signed.psbt')]);
  expect(s.code, s.stderr).toBe(0);
  const fin = await run(f, ['--json', 'psbt', 'finalize', f('orig-signed.psbt')]);
  expect(fin.code, fin.stderr).toBe(0);
  fs.writeFileSync(f('orig.hex'), fin.json().hex + '\n');
  return { f, parentHex: fin.json().hex, parentFee: BigInt(c.json().fee), created: c.json(), prevouts: data.prevouts };
}

const outpoints = (hex: string) => bitcoin.Transaction.fromHex(hex).ins.map((i) => `${Buffer.from(i.hash).reverse().toString('hex')}:${i.index}`).sort();

describe.concurrent.each(['wpkh', 'tr'] as Script[])('%s', (script) => {
  let s: Setup;
  beforeAll(async () => {
    s = await setup(script);
  }, 180_000);

  it('psbt bump: same inputs, same recipient, change reduced; signed by coldkit; BIP125 rules met', async () => {
    const { f } = s;
    const old = bitcoin.Transaction.fromHex(s.parentHex);
    const recipientAt = s.created.outputs.findIndex((o: any) => !o.change);
    fs.writeFileSync(f('labels.jsonl'), [
      { type: 'tx', ref: old.getId(), label: 'rent December' },
      { type: 'output', ref: `${old.getId()}:${recipientAt}`, label: 'landlord' },
    ].map((x) => JSON.stringify(x)).join('\n') + '\n');
    const b = await run(f, ['--json', 'psbt', 'bump', f('orig.hex'), '--wallet', f('wallet.json'), '--prev-txs', f('prev.txt'), '--fee-rate', '5', '--out', f('bumped.psbt'), '--labels', f('labels.jsonl'), '--labels-out', f('bumped.jsonl')]);
    expect(b.code, b.stderr).toBe(0);
    const j = b.json();
    expect(j.replaces).toMatchObject({ txid: old.getId(), fee: String(s.parentFee), vsize: old.virtualSize(), vsizeEstimated: false, signalsRbf: true });
    const recipient = j.outputs.find((o: any) => !o.change);
    expect(recipient).toMatchObject({ address: payee(), amount: '200000' });
    const oldChange = s.created.outputs.find((o: any) => o.change);
    expect(j.change.before).toBe(oldChange.amount);
    // The whole fee increase comes out of the change.
    expect(BigInt(j.change.before) - BigInt(j.change.after)).toBe(BigInt(j.fee) - s.parentFee);
    expect(j.outputs.find((o: any) => o.change).path).toBe(oldChange.path);
    expect(j.signWouldRefuse).toEqual([]);

    const signed = await run(f, ['--yes', 'psbt', 'sign', f('bumped.psbt'), '--mnemonic-file', f('mnemonic.txt'), '--out', f('bumped-signed.psbt')]);
    expect(signed.code, signed.stderr).toBe(0);
    const fin = await run(f, ['--json', 'psbt', 'finalize', f('bumped-signed.psbt')]);
    expect(fin.code, fin.stderr).toBe(0);
    const hex = fin.json().hex;
    const v = verifyTransaction(hex, s.prevouts);
    expect(outpoints(hex)).toEqual(outpoints(s.parentHex)); // same inputs: a conflict, hence a replacement
    expect(bitcoin.Transaction.fromHex(hex).ins.every((i) => i.sequence === 0xfffffffd)).toBe(true);
    expect(v.fee).toBe(BigInt(j.fee));
    expect(v.fee).toBeGreaterThanOrEqual(s.parentFee + BigInt(v.vsize)); // BIP125 rule 4 at 1 sat/vB
    expect(Number(v.fee) / v.vsize).toBeGreaterThanOrEqual(5);
    expect(Number(v.fee) / v.vsize).toBeGreaterThan(Number(s.parentFee) / old.virtualSize());
    // The original's labels follow the payment to the replacement's txid, known before signing.
    const newTxid = fin.json().txid;
    expect(fs.readFileSync(f('bumped.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { type: 'tx', ref: newTxid, label: 'rent December' },
      { type: 'output', ref: `${newTxid}:${recipientAt}`, label: 'landlord' },
    ]);
    expect(j.labels).toContainEqual({ kind: 'output', index: recipientAt, type: 'output', ref: `${newTxid}:${recipientAt}`, label: 'landlord' });
  });

  it('psbt bump reads the input amounts from the original PSBT itself', async () => {
    const { f } = s;
    const b = await run(f, ['--json', 'psbt', 'bump', f('orig.psbt'), '--wallet', f('wallet.json'), '--fee-rate', '4']);
    expect(b.code, b.stderr).toBe(0);
    expect(b.json().replaces.vsizeEstimated).toBe(true);
    expect(b.json().inputs.map((i: any) => `${i.txid}:${i.vout}`).sort()).toEqual(outpoints(s.parentHex));
  });

  it('psbt bump reads the input amounts from the listunspent file; segwit v0 amounts are then unproven, as the signer says', async () => {
    const { f } = s;
    const b = await run(f, ['--json', 'psbt', 'bump', f('orig.hex'), '--wallet', f('wallet.json'), '--utxos', f('utxos.json'), '--fee-rate', '4']);
    expect(b.code, b.stderr).toBe(0);
    expect(b.json().replaces.fee).toBe(String(s.parentFee));
    expect(b.json().signWouldRefuse.map((x: any) => x.code)).toEqual(script === 'tr' ? [] : ['unproven-amounts']);
  });

  const refusals: [string, (f: (n: string) => string) => string[], RegExp][] = [
    ['a rate not above the original', (f) => [f('orig.hex'), '--prev-txs', f('prev.txt'), '--fee-rate', '2'], /--fee-rate: 2 sat\/vB is not enough to replace a transaction paying \d+ sat \(2(\.\d+)? sat\/vB\): BIP125 asks for at least \d+ sat .*a rate of 3(\.\d+)? sat\/vB or more/],
    ['a fee increase below 1 sat/vB of the replacement', (f) => [f('orig.hex'), '--prev-txs', f('prev.txt'), '--fee-rate', '2.5'], /is not enough to replace/],
    ['change that would become dust', (f) => [f('orig.hex'), '--prev-txs', f('prev.txt'), '--fee-rate', '900'], /the \d+ sat change cannot pay the higher fee and stay above its dust threshold/],
    ['unknown input amounts', (f) => [f('orig.hex'), '--fee-rate', '5'], /original: the amount of input [0-9a-f]{64}:1 .*is unknown: give the previous transactions/],
    ['a file that is neither PSBT nor hex', (f) => (fs.writeFileSync(f('junk.txt'), 'not a transaction \u001b[31m'), [f('junk.txt'), '--fee-rate', '5']), /^coldkit: original: is neither a PSBT nor a raw transaction in hex$/m],
    ['truncated transaction hex', (f) => (fs.writeFileSync(f('cut.hex'), fs.readFileSync(f('orig.hex'), 'utf8').trim().slice(0, 120)), [f('cut.hex'), '--fee-rate', '5']), /^coldkit: original: is neither a PSBT nor a raw transaction \(/m],
    ['a corrupt PSBT', (f) => (fs.writeFileSync(f('bad.psbt'), Buffer.concat([Buffer.from('70736274ff', 'hex'), Buffer.from([0x01, 0x00, 0xff])])), [f('bad.psbt'), '--fee-rate', '5']), /^coldkit: original: /m],
  ];
  for (const [name, args, re] of refusals) {
    it(`psbt bump refuses ${name} (exit 2, nothing written)`, async () => {
      const out = s.f(`never-${name.replace(/\W+/g, '-')}.psbt`);
      const r = await run(s.f, ['psbt', 'bump', ...args(s.f), '--wallet', s.f('wallet.json'), '--out', out]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(re);
      expect(fs.existsSync(out)).toBe(false);
    });
  }

  it('psbt cpfp: the child spends our change of the parent and the package reaches the rate', async () => {
    const { f } = s;
    const c = await run(f, ['--json', 'psbt', 'cpfp', f('orig.hex'), '--wallet', f('wallet.json'), '--prev-txs', f('prev.txt'), '--fee-rate', '10', '--out', f('child.psbt')]);
    expect(c.code, c.stderr).toBe(0);
    const j = c.json();
    const parent = bitcoin.Transaction.fromHex(s.parentHex);
    const changeVout = parent.outs.findIndex((o) => BigInt(o.value) === BigInt(s.created.outputs.find((x: any) => x.change).amount));
    expect(j.inputs.map((i: any) => `${i.txid}:${i.vout}`)).toEqual([`${parent.getId()}:${changeVout}`]);
    expect(j.outputs).toHaveLength(1);
    expect(j.outputs[0].change).toBe(true);
    expect(j.parent).toMatchObject({ txid: parent.getId(), fee: String(s.parentFee), vsize: parent.virtualSize() });
    expect(BigInt(j.package.fee)).toBe(s.parentFee + BigInt(j.fee));
    expect(j.package.vsize).toBe(parent.virtualSize() + j.vsize);
    expect(BigInt(j.package.fee) * 1000n / BigInt(j.package.vsize)).toBe(BigInt(j.package.feeRate.replace('.', '')));
    expect(BigInt(j.package.fee)).toBeGreaterThanOrEqual(BigInt(Math.ceil(j.package.vsize * 10)));
    expect(BigInt(j.package.fee)).toBeLessThanOrEqual(BigInt(Math.ceil(j.package.vsize * 10)) + 1n);
    expect(j.signWouldRefuse).toEqual([]);

    // Signed and finalized, the child's real size is at most the estimate, so the package rate holds.
    const signed = await run(f, ['--yes', 'psbt', 'sign', f('child.psbt'), '--mnemonic-file', f('mnemonic.txt'), '--out', f('child-signed.psbt')]);
    expect(signed.code, signed.stderr).toBe(0);
    const fin = await run(f, ['--json', 'psbt', 'finalize', f('child-signed.psbt')]);
    expect(fin.code, fin.stderr).toBe(0);
    const prevouts = new Map(parent.outs.map((o, i) => [`${parent.getId()}:${i}`, { script: new Uint8Array(o.script), amount: BigInt(o.value) }]));
    const v = verifyTransaction(fin.json().hex, prevouts);
    expect(Number(s.parentFee + v.fee) / (parent.virtualSize() + v.vsize)).toBeGreaterThanOrEqual(10);
  });

  it('psbt cpfp refuses a rate the parent already pays, and a parent without an output of ours', async () => {
    const { f } = s;
    const low = await run(f, ['psbt', 'cpfp', f('orig.hex'), '--wallet', f('wallet.json'), '--prev-txs', f('prev.txt'), '--fee-rate', '1']);
    expect(low.code).toBe(2);
    expect(low.stderr).toMatch(/the parent already pays 2(\.\d+)? sat\/vB, at least the 1 asked: no child needed/);
    const other = await run(f, ['psbt', 'cpfp', f('orig.hex'), '--descriptor', otherDescriptor, '--prev-txs', f('prev.txt'), '--fee-rate', '10']);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/no output of the parent pays this wallet|not an output of this descriptor/);
  });
});

/** A stranger's account: another seed's BIP84 account key. */
const otherDescriptor = `wpkh([0badf00d/84h/1h/0h]${HDKey.fromMasterSeed(new Uint8Array(32).fill(3), { public: 0x043587cf, private: 0x04358394 }).derive("m/84'/1'/0'").publicExtendedKey}/<0;1>/*)`;

describe('a 2-of-3 vault', () => {
  it('psbt bump: the replacement carries the vault\'s scripts and global xpubs, and the signer finds nothing to refuse', async () => {
    const { readVault } = await import('../../../src/core/wallet/vault.js');
    const { COSIGNER_MNEMONICS, vaultUtxos } = await import('../../helpers/vault-data.js');
    const { f } = watchWallet('wpkh', 'coldkit-bump-vault-');
    const cosigners: string[] = [];
    for (const [i, m] of COSIGNER_MNEMONICS.slice(0, 3).entries()) {
      fs.writeFileSync(f(`m${i}.txt`), m + '\n');
      const r = await run(f, ['account', 'export', '--script', 'wsh-multi', '--mnemonic-file', f(`m${i}.txt`), '--out', f(`c${i}.json`)]);
      expect(r.code, r.stderr).toBe(0);
      cosigners.push('--cosigner', f(`c${i}.json`));
    }
    const v = await run(f, ['--json', 'wallet', 'create', '--threshold', '2', ...cosigners, '--name', 'bump vault', '--out', f('vault.json')]);
    expect(v.code, v.stderr).toBe(0);
    const u = vaultUtxos(readVault(v.json(), 'vault').wallet, [{ branch: 0, index: 0, sats: 200_000n }, { branch: 0, index: 1, sats: 50_000n }]);
    fs.writeFileSync(f('utxos.json'), JSON.stringify(u.listunspent));
    fs.writeFileSync(f('prev.txt'), u.prevTxs);
    const made = await run(f, ['--json', 'psbt', 'create', '--wallet', f('vault.json'), '--utxos', f('utxos.json'), '--prev-txs', f('prev.txt'), '--to', `${payee()}:0.0012`, '--fee-rate', '2', '--out', f('u.psbt')]);
    expect(made.code, made.stderr).toBe(0);
    const b = await run(f, ['--json', 'psbt', 'bump', f('u.psbt'), '--wallet', f('vault.json'), '--fee-rate', '6', '--out', f('b.psbt')]);
    expect(b.code, b.stderr).toBe(0);
    const j = b.json();
    expect(j.signWouldRefuse).toEqual([]);
    expect(j.inputs.map((i: any) => `${i.txid}:${i.vout}`).sort()).toEqual(made.json().inputs.map((i: any) => `${i.txid}:${i.vout}`).sort());
    expect(BigInt(j.change.before) - BigInt(j.change.after)).toBe(BigInt(j.fee) - BigInt(made.json().fee));
    const p = bitcoin.Psbt.fromBuffer(fs.readFileSync(f('b.psbt')));
    expect(p.data.globalMap.globalXpub).toHaveLength(3);
    expect(p.data.inputs.every((i) => i.witnessScript && i.bip32Derivation?.length === 3)).toBe(true);
    const inspect = await run(f, ['--json', 'psbt', 'inspect', f('b.psbt'), '--wallet', f('vault.json')]);
    expect(inspect.code, inspect.stderr).toBe(0);
    expect(inspect.json().review.outputs.map((o: any) => o.role).sort()).toEqual(['change', 'recipient']);
  }, 180_000);
});
