/**
 * The PSBT signer pipeline (src/core/btc/signer.ts) stage by stage — prepare → decide → sign →
 * assemble — and end to end (`signPsbt`, the function `psbt sign` runs): the approval hook sits
 * between the decision and the first signature; assemble hands back exactly the signatures made;
 * and the online side (`prepare` with the account descriptor as key source, as `psbt inspect` and
 * `psbt create` run it) finds exactly the refusals the signer makes with the seed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Psbt, initEccLib } from 'bitcoinjs-lib';
import * as ecc from 'tiny-secp256k1';
import { createPsbt } from '../../../src/core/btc/create.js';
import { parseRecipient } from '../../../src/core/btc/recipient.js';
import { assemble, decideSigning, prepare, sign, signPsbt, type Prepared } from '../../../src/core/btc/signer.js';
import { parseListUnspent } from '../../../src/core/btc/utxos.js';
import { InputError, RefusedError, VerificationError } from '../../../src/core/errors.js';
import { withVersion } from '../../../src/core/hd/slip132.js';
import { NETWORKS } from '../../../src/core/network.js';
import { parseDescriptor } from '../../../src/core/wallet/descriptor.js';
import { DescriptorKeys } from '../../../src/core/wallet/key-source.js';
import { Wallet } from '../../../src/core/wallet/wallet.js';
import { buildPsbt, rootOf, seedKeysOf, type BuildOptions } from '../../helpers/build-psbt.js';
import { accountNode, payee, walletUtxos } from '../../helpers/regtest-data.js';

initEccLib(ecc);
const net = NETWORKS.testnet;
const verify = (raw: Uint8Array) => Psbt.fromBuffer(Buffer.from(raw)).validateSignaturesOfAllInputs((pub, msg, sig) => (pub.length === 32 ? ecc.verifySchnorr(msg, pub, sig) : ecc.verify(msg, pub, sig)));

/** The watch-only descriptor of the sample seed's account that a PSBT's inputs use. */
function accountDescriptor(o: Pick<BuildOptions, 'kind' | 'coinType' | 'mnemonic'>): string {
  const purpose = { pkh: 44, 'sh-wpkh': 49, wpkh: 84, tr: 86 }[o.kind];
  const coin = o.coinType ?? 1;
  const root = rootOf(o.mnemonic);
  const account = root.derive(`m/${purpose}'/${coin}'/0'`);
  // The account key serialised with testnet versions (tpub), whatever its coin type.
  const tpub = withVersion(account.publicExtendedKey, NETWORKS.testnet.bip32.public);
  const key = `[${root.fingerprint.toString(16).padStart(8, '0')}/${purpose}h/${coin}h/0h]${tpub}/<0;1>/*`;
  return o.kind === 'sh-wpkh' ? `sh(wpkh(${key}))` : `${o.kind}(${key})`;
}

describe('stage by stage', () => {
  const raw = buildPsbt({ kind: 'wpkh', inputs: 2 });
  let p: Prepared;
  beforeAll(async () => {
    p = await prepare(raw, { network: net, keys: seedKeysOf(), forSigning: true });
  });

  it('prepare reads, reviews with our keys and judges: every input ours, change proven, no refusal', () => {
    expect(p.psbt.reader).toBe('fast');
    expect(p.review.inputs.every((i) => i.ours?.type === 'wpkh')).toBe(true);
    expect(p.review.outputs.map((o) => o.role)).toEqual(['recipient', 'change']);
    expect(p.findings.filter((f) => f.severity === 'refuse')).toEqual([]);
  });

  it('decide goes with no override; sign makes one verified low-R signature per input of ours', () => {
    const d = decideSigning(p, new Set());
    expect(d.go).toBe(true);
    expect(d.overrides).toEqual([]);
    const sigs = sign(p, seedKeysOf());
    expect(sigs.map((s) => s.index)).toEqual([0, 1]);
    expect(sigs.every((s) => !s.taproot && s.signature.length <= 72)).toBe(true);
  });

  it('assemble splices the signatures in, counts them, and encodes', () => {
    const sigs = sign(p, seedKeysOf());
    const a = assemble(p, sigs, { encoding: 'base64' });
    expect([a.before, a.after]).toEqual([0, 2]);
    expect(verify(a.raw)).toBe(true);
    expect(new TextDecoder().decode(a.encoded)).toBe(Buffer.from(a.raw).toString('base64'));
    expect(new TextDecoder().decode(assemble(p, sigs, { encoding: 'hex' }).encoded)).toBe(Buffer.from(a.raw).toString('hex'));
    const t = assemble(p, sigs, { trim: true, encoding: 'binary' });
    expect(t.raw.length).toBeLessThan(a.raw.length);
    expect(t.encoded).toBe(t.raw);
  });

  it('assemble hands back nothing unless the count went up by exactly the signatures made', () => {
    const sigs = sign(p, seedKeysOf());
    expect(() => assemble(p, [], { encoding: 'binary' })).toThrow(VerificationError);
    // Two signatures for one input: only one lands in the PSBT, so the count is short by one.
    expect(() => assemble(p, [sigs[0]!, { ...sigs[1]!, index: 0 }], { encoding: 'binary' })).toThrow(/signature count went from 0 to 1 after signing 2 inputs; nothing was output/);
  });
});

describe('signPsbt end to end', () => {
  it('calls approve after the decision and before any signature; a throw there stops it with nothing signed', async () => {
    const raw = buildPsbt({ kind: 'tr', inputs: 1 });
    const seen: string[] = [];
    const s = await signPsbt(raw, {
      network: net,
      keys: seedKeysOf(),
      approve: (prep, d) => {
        seen.push(`go=${d.go} ours=${prep.review.inputs.filter((i) => i.ours).length}`);
      },
    });
    expect(seen).toEqual(['go=true ours=1']);
    expect(s.signatures).toHaveLength(1);
    expect(s.encoding).toBe('base64');
    expect(verify(s.raw)).toBe(true);
    const stop = new RefusedError('declined at the prompt');
    await expect(signPsbt(raw, { network: net, keys: seedKeysOf(), approve: () => Promise.reject(stop) })).rejects.toBe(stop);
  });

  it('a refusal stops before approve is asked', async () => {
    let asked = false;
    const e = await signPsbt(buildPsbt({ kind: 'wpkh', inputs: 1, fakeChange: true }), { network: net, keys: seedKeysOf(), approve: () => void (asked = true) }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RefusedError);
    expect(asked).toBe(false);
  });

  it('malformed for signing is an InputError, before any decision', async () => {
    const e = await signPsbt(buildPsbt({ kind: 'wpkh', inputs: 1, nonWitness: false, noWitnessUtxo: true }), { network: net, keys: seedKeysOf() }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
  });

  it('P2SH-P2WPKH: the redeem script the PSBT lacks is added with the signature', async () => {
    const raw = buildPsbt({ kind: 'sh-wpkh', inputs: 1 });
    const without = Psbt.fromBuffer(Buffer.from(raw));
    delete without.data.inputs[0]!.redeemScript;
    // bitcoinjs-lib's own serialiser drops the field; the signer rebuilds it from the template.
    const s = await signPsbt(without.toBuffer(), { network: net, keys: seedKeysOf() });
    expect(s.signatures[0]!.redeemScript).toBeDefined();
    const p = Psbt.fromBuffer(Buffer.from(s.raw));
    expect(Buffer.from(p.data.inputs[0]!.redeemScript!).toString('hex')).toMatch(/^0014[0-9a-f]{40}$/);
    p.finalizeAllInputs();
  });
});

/** Refusal codes the signer (seed) makes, or [] when it signs. */
async function signerRefuses(raw: Uint8Array, passphrase?: string): Promise<string[]> {
  const e = await signPsbt(raw, { network: net, keys: seedKeysOf(undefined, passphrase) }).then(
    () => undefined,
    (x: unknown) => x,
  );
  if (e === undefined) return [];
  expect(e).toBeInstanceOf(RefusedError);
  return (e as RefusedError).findings.map((f) => f.code);
}

/** Refusal codes `prepare` finds with a watch-only descriptor as key source (what inspect and create list). */
async function onlineRefuses(raw: Uint8Array, descriptor: string): Promise<string[]> {
  const { findings } = await prepare(raw, { network: net, keys: new DescriptorKeys(parseDescriptor(descriptor), net) });
  return findings.filter((f) => f.severity === 'refuse').map((f) => f.code);
}

describe('the online side lists exactly what the signer refuses', () => {
  const cases: [string, BuildOptions, string[]][] = [
    ['an honest PSBT', { kind: 'wpkh', inputs: 2 }, []],
    ['false change (taproot)', { kind: 'tr', inputs: 1, fakeChange: true }, ['unverified-change']],
    ['unproven amounts (P2SH-P2WPKH)', { kind: 'sh-wpkh', inputs: 2, nonWitness: false }, ['unproven-amounts']],
    ['high fee', { kind: 'wpkh', inputs: 1, send: 10_000n, fee: 80_000n }, ['high-fee', 'high-fee']],
    ['sighash NONE|ANYONECANPAY', { kind: 'wpkh', inputs: 1, sighashType: 0x82 }, ['sighash']],
    ['another network, false change and unproven amounts at once', { kind: 'wpkh', inputs: 1, coinType: 0, fakeChange: true, nonWitness: false }, ['network-mismatch', 'unverified-change', 'unproven-amounts']],
    ['outputs above the inputs', { kind: 'pkh', inputs: 1, fee: -500n }, ['outputs-exceed-inputs']],
  ];
  it.each(cases)('%s', async (_name, o, codes) => {
    const raw = buildPsbt(o);
    expect(await signerRefuses(raw)).toEqual(codes);
    expect(await onlineRefuses(raw, accountDescriptor(o))).toEqual(codes);
  });

  it('another wallet: not-our-seed on both sides', async () => {
    const raw = buildPsbt({ kind: 'wpkh', inputs: 1 });
    expect(await signerRefuses(raw, 'another passphrase')).toEqual(['not-our-seed']);
    expect(await onlineRefuses(raw, accountDescriptor({ kind: 'wpkh', mnemonic: 'zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong' }))).toEqual(['not-our-seed']);
  });

  it('a PSBT built by createPsbt without previous transactions: the signer refuses what the creator listed', async () => {
    const regtest = NETWORKS.regtest;
    const origin = `[73c5da0a/84h/1h/0h]${accountNode('wpkh').publicExtendedKey}/<0;1>/*`;
    const descriptor = `wpkh(${origin})`;
    const data = walletUtxos('wpkh', [{ branch: 0, index: 1, sats: 80_000n }]);
    const created = createPsbt({
      wallet: new Wallet(parseDescriptor(descriptor), regtest),
      utxos: parseListUnspent(JSON.stringify(data.listunspent)),
      recipients: [parseRecipient(`${payee()}:0.0003`, regtest)],
      rateMsat: 2000n,
      rbf: true,
      lockTime: 0,
      gapLimit: 20,
      changePosition: () => 0,
    });
    const online = await prepare(created.psbt, { network: regtest, keys: new DescriptorKeys(parseDescriptor(descriptor), regtest) });
    const listed = online.findings.filter((f) => f.severity === 'refuse').map((f) => f.code);
    expect(listed).toEqual(['unproven-amounts']);
    const e = await signPsbt(created.psbt, { network: regtest, keys: seedKeysOf() }).catch((x: unknown) => x);
    expect((e as RefusedError).findings.map((f) => f.code)).toEqual(listed);
    expect((e as RefusedError).message).toBe(online.findings.find((f) => f.severity === 'refuse')!.message);
  });
});
