/**
 * The signer journal's head carried across the air gap, black box: `psbt sign` (offline journal)
 * writes its head into the signed PSBT as the proprietary global pair 0xFC "coldkit" 0x01, which
 * bitcoinjs-lib reads as an unknown pair and keeps; `psbt finalize` and `psbt combine` (online
 * journal) journal it; `journal verify --anchor-from` on the offline journal then passes, and
 * fails with "the head changed" once an entry up to the anchored one is edited and every hash
 * recomputed. An empty signer journal writes no anchor.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as bitcoin from 'bitcoinjs-lib';
import { describe, expect, it } from 'vitest';
import { runCli, tmpDir } from '../helpers/cli.js';
import { rehashedFrom } from '../helpers/forge-journal.js';
import { verifyTransaction } from '../helpers/reference-signer.js';
import { MNEMONIC, payee, walletUtxos } from '../helpers/regtest-data.js';
import { COSIGNER_MNEMONICS } from '../helpers/vault-data.js';

async function setup() {
  const dir = tmpDir('coldkit-anchor-');
  const f = (n: string) => path.join(dir, n);
  fs.writeFileSync(f('m.txt'), MNEMONIC + '\n');
  const offline = ['--journal', f('offline.jsonl'), '--network', 'regtest'];
  const online = ['--journal', f('online.jsonl'), '--network', 'regtest'];
  const exp = await runCli([...offline, 'account', 'export', '--mnemonic-file', f('m.txt'), '--script', 'wpkh', '--out', f('wallet.json')]);
  expect(exp.code, exp.stderr).toBe(0);
  const data = walletUtxos('wpkh', [{ branch: 0, index: 0, sats: 100_000n }, { branch: 0, index: 2, sats: 50_000n }]);
  fs.writeFileSync(f('utxos.json'), JSON.stringify(data.listunspent));
  fs.writeFileSync(f('prev.txt'), data.prevTxs);
  const create = await runCli([...online, 'psbt', 'create', '--wallet', f('wallet.json'), '--utxos', f('utxos.json'), '--prev-txs', f('prev.txt'), '--to', `${payee()}:0.001`, '--fee-rate', '2', '--out', f('unsigned.psbt')]);
  expect(create.code, create.stderr).toBe(0);
  return { f, data, offline, online };
}

const lines = (file: string) => fs.readFileSync(file, 'utf8').trimEnd().split('\n');
const lastEntry = (file: string) => JSON.parse(lines(file).at(-1)!);

describe('journal anchor across a PSBT round trip', () => {
  it('sign carries the head, finalize journals it, journal verify --anchor-from proves it; a rehashed edit fails', async () => {
    const { f, data, offline, online } = await setup();
    const headBefore = (await runCli([...offline, '--json', 'journal', 'head'])).json();
    expect(headBefore.seq).toBe(1);

    const sign = await runCli([...offline, '--json', '--yes', 'psbt', 'sign', f('unsigned.psbt'), '--mnemonic-file', f('m.txt'), '--out', f('signed.psbt')]);
    expect(sign.code, sign.stderr).toBe(0);
    const anchor = sign.json().journalAnchor;
    expect(anchor).toEqual({ seq: 1, hash: headBefore.head, words: headBefore.words });

    // Another tool reads the PSBT and keeps the pair as an unknown global (BIP174: proprietary).
    const psbt = bitcoin.Psbt.fromBuffer(fs.readFileSync(f('signed.psbt')), { network: bitcoin.networks.regtest });
    const kv = psbt.data.globalMap.unknownKeyVals ?? [];
    expect(kv.map((k) => Buffer.from(k.key).toString('hex'))).toEqual(['fc07636f6c646b697401']);
    expect(Buffer.from(kv[0]!.value).toString('hex')).toBe('01' + headBefore.head);
    // …and writes it back out when it re-serialises the PSBT.
    expect(psbt.toHex()).toContain('0afc07636f6c646b69740121' + '01' + headBefore.head);

    const fin = await runCli([...online, '--json', 'psbt', 'finalize', f('signed.psbt')]);
    expect(fin.code, fin.stderr).toBe(0);
    expect(fin.json().journalAnchor).toEqual(anchor);
    expect(verifyTransaction(fin.json().hex, data.prevouts).checked).toBe(2);
    expect(lastEntry(f('online.jsonl'))).toMatchObject({ op: 'psbt.finalize', data: { journalAnchor: { seq: 1, hash: headBefore.head } } });
    fs.writeFileSync(f('online-entry.json'), JSON.stringify(lastEntry(f('online.jsonl'))));
    fs.writeFileSync(f('finalize.json'), fin.stdout);

    const combine = await runCli([...online, '--json', 'psbt', 'combine', f('signed.psbt'), f('unsigned.psbt'), '--out', f('combined.psbt')]);
    expect(combine.code, combine.stderr).toBe(0);
    expect(lastEntry(f('online.jsonl')).data.inputs[0].journalAnchor).toEqual({ seq: 1, hash: headBefore.head });
    expect(lastEntry(f('online.jsonl')).data.inputs[1].journalAnchor).toBeUndefined();

    // The offline journal still holds the head: every form of the anchor passes.
    for (const from of ['signed.psbt', 'online-entry.json', 'finalize.json']) {
      const v = await runCli([...offline, '--json', 'journal', 'verify', '--anchor-from', f(from)]);
      expect(v.code, `${from}: ${v.stderr}`).toBe(0);
      expect(v.json().anchors).toEqual([{ anchor: expect.stringContaining(`#1 ${headBefore.head.slice(0, 16)}`), foundAt: 1 }]);
    }

    // A forger edits the first entry and recomputes every hash: the chain alone passes, the anchor does not.
    const forged = f('forged.jsonl');
    const all = lines(f('offline.jsonl'));
    // Every entry rewritten from the first (whose prev is the genesis hash).
    fs.writeFileSync(forged, rehashedFrom([JSON.stringify({ hash: JSON.parse(all[0]!).prev }), ...all], 1).slice(1).join('\n') + '\n');
    const chain = await runCli(['--journal', forged, 'journal', 'verify']);
    expect(chain.code, chain.stderr).toBe(0);
    const bad = await runCli(['--journal', forged, 'journal', 'verify', '--anchor-from', f('signed.psbt')]);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/the head changed since the anchor was taken — entry 1 has another hash/);
    // Cut back to nothing: the anchored entry is gone.
    fs.writeFileSync(f('empty.jsonl'), '');
    const cut = await runCli(['--journal', f('empty.jsonl'), 'journal', 'verify', '--anchor-from', f('signed.psbt')]);
    expect(cut.code).toBe(3);
    expect(cut.stderr).toMatch(/cut from the end/);
  });

  it('an empty signer journal writes no anchor, and --anchor-from says the PSBT carries none', async () => {
    const { f } = await setup();
    const fresh = ['--journal', f('fresh.jsonl'), '--network', 'regtest'];
    const sign = await runCli([...fresh, '--json', '--yes', 'psbt', 'sign', f('unsigned.psbt'), '--mnemonic-file', f('m.txt'), '--out', f('signed.psbt')]);
    expect(sign.code, sign.stderr).toBe(0);
    expect(sign.json().journalAnchor).toBeUndefined();
    const psbt = bitcoin.Psbt.fromBuffer(fs.readFileSync(f('signed.psbt')), { network: bitcoin.networks.regtest });
    expect(psbt.data.globalMap.unknownKeyVals ?? []).toEqual([]);
    const v = await runCli([...fresh, 'journal', 'verify', '--anchor-from', f('signed.psbt')]);
    expect(v.code).toBe(2);
    expect(v.stderr).toMatch(/carries no coldkit journal anchor/);
  });

  it('the Ethereum signature and the account export carry the head in --json and in the --out file; journal verify --anchor-from proves both', async () => {
    const { f, offline, online } = await setup();
    const tx = await runCli(['--json', 'eth', 'tx', 'create', '--from', '0x9858EfFD232B4033E47d90003D41EC34EcaEda94', '--to', '0x6Fac4D18c912343BF86fa7049364Dd4E424Ab9C0', '--value', '0.01', '--chain-id', '1', '--nonce', '0', '--gas-limit', '21000', '--max-fee-per-gas', '30gwei', '--max-priority-fee-per-gas', '1gwei', '--out-hex', f('tx.hex')]);
    expect(tx.code, tx.stderr).toBe(0);
    fs.writeFileSync(f('eth-m.txt'), 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about\n');
    for (const args of [
      ['eth', 'sign', f('tx.hex'), '--mnemonic-file', f('eth-m.txt'), '--qr-html', f('eth-signed.html')],
      ['account', 'export', '--chain', 'eth', '--mnemonic-file', f('m.txt'), '--out', f('eth-account.json')],
      ['account', 'export', '--script', 'wpkh', '--mnemonic-file', f('m.txt'), '--out', f('anchored-wallet.json')],
      ['account', 'export', '--script', 'wsh-multi', '--mnemonic-file', f('m.txt')],
    ]) {
      const head = (await runCli([...offline, '--json', 'journal', 'head'])).json();
      const r = await runCli([...offline, '--json', '--yes', ...args]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.json().journalAnchor, args.slice(0, 2).join(' ')).toEqual({ seq: head.seq, hash: head.head, words: head.words });
      expect(r.stderr).toMatch(new RegExp(`journal anchor: journal #${head.seq} ${head.words}`));
      // The signed transaction's QR page and note show the same line beside the digest.
      if (args.includes('--qr-html')) {
        expect(r.stderr).toMatch(new RegExp(`QR out: .* — journal #${head.seq} ${head.words} — wrote`));
        expect(fs.readFileSync(f('eth-signed.html'), 'utf8')).toContain(`journal #${head.seq} ${head.words}`);
      }
      fs.writeFileSync(f('out.json'), r.stdout);
      const v = await runCli([...offline, 'journal', 'verify', '--anchor-from', f('out.json')]);
      expect(v.code, v.stderr).toBe(0);
      const out = args[args.indexOf('--out') + 1];
      if (args.includes('--out')) {
        expect(JSON.parse(fs.readFileSync(out!, 'utf8')).journalAnchor).toEqual(r.json().journalAnchor);
        const vf = await runCli([...offline, 'journal', 'verify', '--anchor-from', out!]);
        expect(vf.code, vf.stderr).toBe(0);
      }
    }
    // The watch-only side reads the anchored account file as before.
    const create = await runCli([...online, 'psbt', 'create', '--wallet', f('anchored-wallet.json'), '--utxos', f('utxos.json'), '--prev-txs', f('prev.txt'), '--to', `${payee()}:0.001`, '--fee-rate', '2', '--out', f('unsigned-2.psbt')]);
    expect(create.code, create.stderr).toBe(0);
  }, 120_000);

  it('a coldkit cosigner export carries its laptop\'s head in the file; wallet create journals it, foreign formats carry none', async () => {
    const dir = tmpDir('coldkit-anchor-cosigner-');
    const f = (n: string) => path.join(dir, n);
    const R = ['--network', 'regtest'];
    const laptop = (i: number) => ['--journal', f(`laptop-${i}.jsonl`), ...R];
    const heads = [];
    for (const [i, m] of COSIGNER_MNEMONICS.slice(0, 3).entries()) {
      fs.writeFileSync(f(`m${i}.txt`), m + '\n');
      // Laptops 0 and 1 have journals with an entry; laptop 2 a fresh one (no anchor to carry).
      if (i < 2) expect((await runCli([...laptop(i), 'account', 'export', '--mnemonic-file', f(`m${i}.txt`), '--script', 'wpkh'])).code).toBe(0);
      heads.push(i < 2 ? (await runCli([...laptop(i), '--json', 'journal', 'head'])).json() : undefined);
      const r = await runCli([...laptop(i), '--json', 'account', 'export', '--script', 'wsh-multi', '--mnemonic-file', f(`m${i}.txt`), '--out', f(`c${i}.json`), '--export-dir', f(`exp${i}`)]);
      expect(r.code, r.stderr).toBe(0);
    }
    const file0 = JSON.parse(fs.readFileSync(f('c0.json'), 'utf8'));
    expect(file0.journalAnchor).toEqual({ seq: heads[0].seq, hash: heads[0].head, words: heads[0].words });
    expect(JSON.parse(fs.readFileSync(f('c2.json'), 'utf8')).journalAnchor).toBeUndefined();
    expect(JSON.parse(fs.readFileSync(f('exp1/coldcard-cosigner.json'), 'utf8')).journalAnchor).toBeUndefined();
    // The file itself proves the head on its laptop.
    const v0 = await runCli([...laptop(0), 'journal', 'verify', '--anchor-from', f('c0.json')]);
    expect(v0.code, v0.stderr).toBe(0);

    // Online: laptop 0's coldkit JSON, laptop 1's Coldcard JSON (foreign: no anchor), laptop 2's coldkit JSON (none).
    const online = ['--journal', f('online.jsonl'), ...R];
    const create = await runCli([...online, '--json', 'wallet', 'create', '--threshold', '2', '--cosigner', f('c0.json'), '--cosigner', f('exp1/coldcard-cosigner.json'), '--cosigner', f('c2.json'), '--out', f('vault.json')]);
    expect(create.code, create.stderr).toBe(0);
    expect(create.json().journalAnchors).toEqual([{ input: `--cosigner ${f('c0.json')}`, fingerprint: file0.fingerprint, journalAnchor: file0.journalAnchor }]);
    expect(create.stderr).toContain(`signer journal #${heads[0].seq} ${heads[0].words} (journaled here`);
    const entry = lastEntry(f('online.jsonl'));
    expect(entry).toMatchObject({ op: 'wallet.create', data: { journalAnchors: [{ fingerprint: file0.fingerprint, journalAnchor: { seq: heads[0].seq, hash: heads[0].head } }] } });
    // The vault file does not keep the anchor (it is the same vault whoever exported the keys).
    expect(fs.readFileSync(f('vault.json'), 'utf8')).not.toContain('journalAnchor');

    // A tampered anchor in a coldkit file is refused, naming the field.
    fs.writeFileSync(f('bad.json'), JSON.stringify({ ...file0, journalAnchor: { seq: 0, hash: 'zz' } }));
    const bad = await runCli([...online, 'wallet', 'create', '--threshold', '2', '--cosigner', f('bad.json'), '--cosigner', f('c2.json'), '--out', f('never.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--cosigner .*bad\.json journalAnchor: journalAnchor must be/);
  });

  it('QR outputs show `journal #N <words>` beside the digest; the QR bytes are the payload alone; journal verify --anchor takes the line as printed', async () => {
    const { f, offline } = await setup();
    const head = (await runCli([...offline, '--json', 'journal', 'head'])).json();
    const line = `journal #${head.seq} ${head.words}`;
    const sign = await runCli([...offline, '--yes', 'psbt', 'sign', f('unsigned.psbt'), '--mnemonic-file', f('m.txt'), '--out', f('signed.psbt'), '--qr-png', f('frames'), '--qr-html', f('page.html')]);
    expect(sign.code, sign.stderr).toBe(0);
    const printed = /QR out: .* — digest: [a-z]+ [a-z]+ [a-z]+ [a-z]+ — (journal #\d+ [a-z]+ [a-z]+ [a-z]+ [a-z]+ [a-z]+ [a-z]+) — wrote/.exec(sign.stderr);
    expect(printed, sign.stderr).not.toBeNull();
    expect(printed![1]).toBe(line);
    expect(fs.readFileSync(f('page.html'), 'utf8')).toContain(line);
    // The frames carry exactly the signed PSBT written to --out (its proprietary pair is the only anchor in the bytes).
    const dec = await runCli(['qr', 'decode', '--dir', f('frames'), '--out', f('from-qr.psbt')]);
    expect(dec.code, dec.stderr).toBe(0);
    expect(Buffer.compare(fs.readFileSync(f('from-qr.psbt')), fs.readFileSync(f('signed.psbt')))).toBe(0);
    // The operator types the line as it was shown.
    const v = await runCli([...offline, '--json', 'journal', 'verify', '--anchor', printed![1]!]);
    expect(v.code, v.stderr).toBe(0);
    expect(v.json().anchorSeq).toBe(head.seq);

    // An account export's QR (a foreign-readable descriptor): the line beside it, the descriptor alone in the frames.
    const head2 = (await runCli([...offline, '--json', 'journal', 'head'])).json();
    const exp = await runCli([...offline, '--json', 'account', 'export', '--mnemonic-file', f('m.txt'), '--script', 'wpkh', '--qr-png', f('acct')]);
    expect(exp.code, exp.stderr).toBe(0);
    expect(exp.stderr).toMatch(new RegExp(`digest: [a-z ]+ — journal #${head2.seq} ${head2.words} — wrote`));
    const acct = await runCli(['qr', 'decode', '--dir', f('acct')]);
    expect(acct.stdout.trim()).toBe(exp.json().descriptors.multipath);
  }, 120_000);
});
