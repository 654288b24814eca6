/**
 * Hostile PSBTs against the signer's findings (src/core/btc/policy.ts), one per variant, through
 * the real pipeline `signPsbt`: an input of ours stripped of its derivation and its proof, a
 * stranger's unproven amount, a fee that beats the rate and share limits by sheer size, OP_RETURN
 * data past 80 bytes, outputs anyone can spend, dust on every script type, one coin spent twice,
 * and a taproot script-path input — each refused with its code, honest neighbours still signing.
 */
import { describe, expect, it } from 'vitest';
import { p2tr, p2tr_pk, p2wpkh, Transaction, TEST_NETWORK } from '@scure/btc-signer';
import { signPsbt } from '../../../src/core/btc/signer.js';
import { DEFAULT_FEE_LIMITS, PSBT_OVERRIDABLE, type FeeLimits } from '../../../src/core/btc/sign-limits.js';
import { RefusedError } from '../../../src/core/errors.js';
import { NETWORKS } from '../../../src/core/network.js';
import { buildPsbt, rootOf, seedKeysOf } from '../../helpers/build-psbt.js';
import { bytesOf, H, honest, withOutputs } from '../../helpers/hostile-psbt.js';

const run = (raw: Uint8Array, allow: readonly string[] = [], limits?: FeeLimits) =>
  signPsbt(raw, { network: NETWORKS.testnet, keys: seedKeysOf(), allow: new Set(allow), ...(limits ? { limits } : {}) });

async function refusal(raw: Uint8Array, allow: readonly string[] = [], limits?: FeeLimits): Promise<RefusedError> {
  const e = await run(raw, allow, limits).then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(RefusedError);
  return e as RefusedError;
}
const codes = (e: RefusedError) => e.findings.filter((f) => f.severity === 'refuse').map((f) => f.code);

/** `tx` with input `idx` rewritten by `edit` (btc-signer keeps fields it is given; undefined drops one). */
function editInput(tx: Transaction, idx: number, edit: (i: ReturnType<Transaction['getInput']>) => ReturnType<Transaction['getInput']>): Transaction {
  const out = new Transaction({ allowUnknownOutputs: true, lockTime: tx.lockTime });
  for (let i = 0; i < tx.inputsLength; i++) {
    const input = tx.getInput(i);
    out.addInput(i === idx ? edit(input) : input);
  }
  for (let i = 0; i < tx.outputsLength; i++) out.addOutput(tx.getOutput(i));
  return out;
}
const strip = ({ bip32Derivation: _d, nonWitnessUtxo: _n, ...rest }: ReturnType<Transaction['getInput']>) => rest;
const stranger = p2wpkh(rootOf('zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong').derive("m/84'/1'/0'/0/0").publicKey!, TEST_NETWORK).script;

describe('hidden fee across signing sessions: unproven-amounts, ours or not', () => {
  it('our input stripped of its derivation and non_witness_utxo: refused, and said to spend our address', async () => {
    const raw = bytesOf(editInput(honest({ inputs: 2 }), 1, strip));
    const e = await refusal(raw);
    expect(codes(e)).toEqual(['unproven-amounts']);
    expect(e.message).toMatch(/^segwit v0 input 1 carries no non_witness_utxo, so its amount is unproven/);
    const ok = await run(raw, ['unproven-amounts']);
    const warn = ok.prepared.findings.find((f) => f.code === 'foreign-input-ours')!;
    expect(warn.message).toMatch(/^input 1 is presented as not ours, yet it spends our own address at m\/84h\/1h\/0h\/0\/1/);
    expect(ok.prepared.review.inputs[1]!.address).toMatch(/^tb1q/);
    expect(ok.signatures.map((s) => s.index)).toEqual([0]);
  });

  it("a stranger's segwit v0 input with only witness_utxo: refused", async () => {
    const raw = bytesOf(editInput(honest({ inputs: 2 }), 1, (i) => ({ ...strip(i), witnessUtxo: { script: stranger, amount: i.witnessUtxo!.amount } })));
    const e = await refusal(raw);
    expect(codes(e)).toEqual(['unproven-amounts']);
    expect(e.findings.map((f) => f.code)).not.toContain('foreign-input-ours');
  });

  it('stripped of its derivation only (amount proven): signs, with the foreign-input-ours warning', async () => {
    const raw = bytesOf(editInput(honest({ inputs: 2 }), 1, ({ bip32Derivation: _d, ...rest }) => rest));
    const ok = await run(raw);
    expect(ok.prepared.findings.map((f) => f.code)).toContain('foreign-input-ours');
  });

  it('taproot inputs need no previous transaction (BIP341 signs every amount)', async () => {
    expect((await run(buildPsbt({ kind: 'tr', inputs: 2, nonWitness: false }))).decision.overrides).toEqual([]);
  });
});

describe('fee limits beaten by size: the absolute cap', () => {
  const lax = { ...DEFAULT_FEE_LIMITS, maxFeeRateMsat: 10n ** 12n };
  it('0.02 BTC of fee at 0.4% is refused above the 0.01 BTC default; a higher --max-fee lets it sign', async () => {
    const raw = buildPsbt({ kind: 'wpkh', inputs: 1, amount: 1_000_000_000n, send: 500_000_000n, fee: 2_000_000n });
    const e = await refusal(raw, [], lax);
    expect(codes(e)).toEqual(['high-fee']);
    expect(e.message).toMatch(/^fee 2000000 sat \(0.02 BTC\) is above the absolute limit of 0.01 BTC/);
    expect((await run(raw, [], { ...lax, maxFeeSat: 2_000_000n })).decision.overrides).toEqual([]);
  });
});

describe('outputs', () => {
  const tx = () => honest({ kind: 'wpkh', inputs: 1 });
  const change = () => tx().getOutput(1) as { script: Uint8Array; amount: bigint };
  const opReturn = (n: number) => Uint8Array.from([0x6a, 0x4c, n, ...new Uint8Array(n).fill(0x61)]);
  const paying = (script: Uint8Array, amount: bigint, send = 49_000n) => bytesOf(withOutputs(tx(), [{ script: stranger, amount: send - amount }, change(), { script, amount }]));

  it('OP_RETURN data of 81 bytes: op-return-size; 80 bytes signs', async () => {
    const e = await refusal(paying(opReturn(81), 0n));
    expect(codes(e)).toEqual(['op-return-size']);
    expect(e.message).toMatch(/^output 2 is an OP_RETURN script of 84 bytes, above the 83 \(80 data bytes\)/);
    expect((await run(paying(opReturn(80), 0n))).decision.overrides).toEqual([]);
  });

  it('a 95 kB OP_RETURN keeps the rate low but is refused for its size and its absolute fee', async () => {
    const raw = buildPsbt({ kind: 'wpkh', inputs: 1, amount: 1_000_000_000n, send: 500_000_000n, fee: 20_000_000n });
    const t = Transaction.fromPSBT(raw, { allowUnknownOutputs: true });
    const inflated = bytesOf(withOutputs(t, [t.getOutput(0) as never, t.getOutput(1) as never, { script: Uint8Array.from([0x6a, 0x4e, 0x18, 0x73, 0x01, 0x00, ...new Uint8Array(95_000)]), amount: 0n }]));
    const e = await refusal(inflated);
    expect(codes(e).sort()).toEqual(['high-fee', 'op-return-size']); // 4% of the amount sent, about 210 sat/vB: only the absolute cap catches the fee
    expect(e.findings.filter((f) => f.code === 'high-fee').map((f) => f.message).join()).toMatch(/absolute limit/);
  });

  const burns: [string, Uint8Array][] = [
    ['segwit v2', Uint8Array.from([0x52, 0x20, ...new Uint8Array(32).fill(7)])],
    ['segwit v16', Uint8Array.from([0x60, 0x02, 0x01, 0x02])],
    ['segwit v1 of 20 bytes', Uint8Array.from([0x51, 0x14, ...new Uint8Array(20).fill(7)])],
    ['segwit v0 of 25 bytes', Uint8Array.from([0x00, 0x19, ...new Uint8Array(25).fill(7)])],
  ];
  it.each(burns)('%s output: future-segwit-output, no override lifts it', async (_n, script) => {
    const e = await refusal(paying(script, 10_000n), PSBT_OVERRIDABLE);
    expect(codes(e)).toEqual(['future-segwit-output']);
    expect(e.overrides).toEqual([]);
    expect(e.message).toMatch(/^output 2 is a segwit v\d+ (output|program)/);
  });

  const p2trScript = p2tr(rootOf().derive("m/86'/1'/0'/0/0").publicKey!.subarray(1), undefined, TEST_NETWORK).script;
  const p2pkhScript = Uint8Array.from([0x76, 0xa9, 0x14, ...new Uint8Array(20).fill(3), 0x88, 0xac]);
  const dust: [string, Uint8Array, bigint][] = [
    ['P2WPKH at 293 sat', stranger, 293n],
    ['P2WPKH at zero', stranger, 0n],
    ['P2TR at 329 sat', p2trScript, 329n],
    ['P2TR at zero', p2trScript, 0n],
    ['P2PKH at 545 sat', p2pkhScript, 545n],
  ];
  it.each(dust)('%s: dust-output', async (_n, script, amount) => {
    const e = await refusal(paying(script, amount));
    expect(codes(e)).toEqual(['dust-output']);
    expect(e.message).toMatch(new RegExp(`^output 2 pays ${amount} sat, below the dust threshold of \\d+ sat`));
  });
  it('at the threshold (P2WPKH 294, P2TR 330, P2PKH 546) every output signs', async () => {
    for (const [script, amount] of [[stranger, 294n], [p2trScript, 330n], [p2pkhScript, 546n]] as const) {
      expect((await run(paying(script, amount))).decision.overrides).toEqual([]);
    }
  });

  it('one outpoint spent twice: duplicate-input, no override lifts it', async () => {
    const t = tx();
    const dup = new Transaction({ allowUnknownOutputs: true, allowUnknownInputs: true });
    dup.addInput(t.getInput(0));
    dup.addInput(t.getInput(0));
    for (let i = 0; i < t.outputsLength; i++) dup.addOutput(t.getOutput(i));
    const e = await refusal(bytesOf(dup), PSBT_OVERRIDABLE);
    expect(codes(e)).toContain('duplicate-input');
    expect(e.findings.find((f) => f.code === 'duplicate-input')!.message).toMatch(/^inputs 0, 1 all spend [0-9a-f]{64}:0: a transaction that spends one coin twice is invalid/);
  });
});

describe('taproot script-path inputs: said as such', () => {
  const root = rootOf();
  const path = [86 + H, 1 + H, H, 0, 0];
  const xonly = path.reduce((k, i) => k.deriveChild(i), root).publicKey!.subarray(1);
  const leafInput = () => {
    const unspendable = Uint8Array.from([0x50, 0x92, 0x9b, 0x74, 0xc1, 0xa0, 0x49, 0x54, 0xb7, 0x8b, 0x4b, 0x60, 0x35, 0xe9, 0x7a, 0x5e, 0x07, 0x8a, 0x5a, 0x0f, 0x28, 0xec, 0x96, 0xd5, 0x47, 0xbf, 0xee, 0x9a, 0xce, 0x80, 0x3a, 0xc0]);
    const pay = p2tr(unspendable, { script: p2tr_pk(xonly).script }, TEST_NETWORK, true);
    return {
      txid: new Uint8Array(32).fill(9),
      index: 0,
      witnessUtxo: { script: pay.script, amount: 100_000n },
      tapInternalKey: unspendable,
      tapLeafScript: pay.tapLeafScript,
      tapBip32Derivation: [[xonly, { hashes: [pay.leaves[0]!.hash], der: { fingerprint: root.fingerprint, path } }]] as never,
    };
  };
  const spend = (withOurs: boolean) => {
    const t = new Transaction({ allowUnknownOutputs: true });
    if (withOurs) t.addInput(Transaction.fromPSBT(buildPsbt({ kind: 'tr', inputs: 1 })).getInput(0));
    t.addInput(leafInput());
    t.addOutput({ script: stranger, amount: withOurs ? 199_000n : 99_000n });
    return t.toPSBT();
  };
  it('alone: script-path-input, not "wrong seed or passphrase"', async () => {
    const e = await refusal(spend(false));
    expect(codes(e)).toEqual(['script-path-input']);
    expect(e.message).toMatch(/^input 0 is a taproot script-path \(tap leaf script\) spend; coldkit signs taproot key-path \(BIP86\) inputs only/);
    expect(e.message).not.toMatch(/wrong seed/);
  });
  it('beside a key-path input of ours: a warning, and only ours is signed', async () => {
    const ok = await run(spend(true));
    expect(ok.prepared.findings.find((f) => f.code === 'script-path-input')!.severity).toBe('warn');
    expect(ok.signatures.map((s) => s.index)).toEqual([0]);
  });
});
