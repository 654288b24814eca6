/**
 * Signing P2PKH, P2SH-P2WPKH, P2WPKH and P2TR (BIP86) inputs, checked independently: bitcoinjs-lib
 * validates every signature, finalizes and extracts the transaction (whose vsize must equal the
 * review's estimate), and — for ECDSA — bitcoinjs-lib with ecpair's low-R signing produces the
 * very same signatures (RFC 6979 + Bitcoin Core's low-R grinding), so two correct signers agree.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Psbt, crypto as bcrypto, initEccLib } from 'bitcoinjs-lib';
import { ECPairFactory } from 'ecpair';
import * as ecc from 'tiny-secp256k1';
import { derDecode } from '../../../src/core/secp.js';
import { decodePsbt } from '../../../src/core/btc/psbt-codec.js';
import { signPsbt } from '../../../src/core/btc/signer.js';
import { NETWORKS } from '../../../src/core/network.js';
import { buildPsbt, rootOf, seedKeysOf, type Kind } from '../../helpers/build-psbt.js';

/** Sign with the real pipeline (src/core/btc/signer.ts) on testnet with the sample seed. */
const signFlow = async (raw: Uint8Array) => {
  const s = await signPsbt(raw, { network: NETWORKS.testnet, keys: seedKeysOf() });
  return { signed: s.raw, review: s.prepared.review };
};

initEccLib(ecc);
const ECPair = ECPairFactory(ecc);
const KINDS: Kind[] = ['pkh', 'sh-wpkh', 'wpkh', 'tr'];

function verifyAll(p: Psbt): boolean {
  return p.validateSignaturesOfAllInputs((pub, msg, sig) => (pub.length === 32 ? ecc.verifySchnorr(msg, pub, sig) : ecc.verify(msg, pub, sig)));
}

describe.each(KINDS)('%s', (kind) => {
  const raw = buildPsbt({ kind, inputs: 3 });
  let signed: Uint8Array;
  let review: Awaited<ReturnType<typeof signFlow>>['review'];
  beforeAll(async () => ({ signed, review } = await signFlow(raw)));

  it('bitcoinjs-lib validates every signature and extracts a transaction of the estimated vsize', () => {
    const p = Psbt.fromBuffer(Buffer.from(signed));
    expect(verifyAll(p)).toBe(true);
    p.finalizeAllInputs();
    const t = p.extractTransaction();
    expect(t.virtualSize()).toBe(review.vsize);
    expect(review.outputs.map((o) => o.role)).toEqual(['recipient', 'change']);
  });

  it('is deterministic and low-R', async () => {
    expect((await signFlow(raw)).signed).toEqual(signed);
    const { tx } = decodePsbt(signed);
    for (let i = 0; i < tx.inputsLength; i++) {
      const inp = tx.getInput(i);
      if (kind === 'tr') expect(inp.tapKeySig!.length).toBe(64);
      else {
        const sig = inp.partialSig![0]![1];
        expect(sig.length).toBeLessThanOrEqual(71);
        expect(derDecode(sig.subarray(0, -1))![0]!).toBeLessThan(0x80);
      }
    }
  });

  it('matches bitcoinjs-lib signing the same PSBT', () => {
    const p = Psbt.fromBuffer(Buffer.from(raw));
    const root = rootOf();
    const purpose = { pkh: 44, 'sh-wpkh': 49, wpkh: 84, tr: 86 }[kind];
    for (let i = 0; i < 3; i++) {
      const node = root.derive(`m/${purpose}'/1'/0'/0/${i}`);
      const pair = ECPair.fromPrivateKey(Buffer.from(node.privateKey!));
      if (kind === 'tr') {
        const tweaked = pair.tweak(Buffer.from(require32(p, i)));
        p.signInput(i, { publicKey: tweaked.publicKey, sign: () => Buffer.alloc(0), signSchnorr: (h: Buffer) => Buffer.from(ecc.signSchnorr(h, tweaked.privateKey!, Buffer.alloc(32))) } as never);
      } else p.signInput(i, { publicKey: pair.publicKey, sign: (h: Buffer) => pair.sign(h, true) });
    }
    expect(verifyAll(p)).toBe(true);
    const mine = Psbt.fromBuffer(Buffer.from(signed));
    for (let i = 0; i < 3; i++) {
      if (kind === 'tr') expect(Buffer.from(mine.data.inputs[i]!.tapKeySig!).toString('hex')).toBe(Buffer.from(p.data.inputs[i]!.tapKeySig!).toString('hex'));
      else expect(Buffer.from(mine.data.inputs[i]!.partialSig![0]!.signature).toString('hex')).toBe(Buffer.from(p.data.inputs[i]!.partialSig![0]!.signature).toString('hex'));
    }
  });
});

/** BIP86 tweak t = TaggedHash("TapTweak", x(P)) for input i, computed by bitcoinjs-lib's own helper. */
function require32(p: Psbt, i: number): Uint8Array {
  return bcrypto.taggedHash('TapTweak', Buffer.from(p.data.inputs[i]!.tapInternalKey!));
}

describe('benchmark PSBT builder', () => {
  it('the linear P2WPKH writer gives the same bytes as btc-signer', async () => {
    const { buildWpkhFast } = await import('../../helpers/build-psbt.js');
    expect(Buffer.from(buildWpkhFast(4)).toString('hex')).toBe(Buffer.from(buildPsbt({ kind: 'wpkh', inputs: 4 })).toString('hex'));
  });
});

describe('BIP39 seed with native PBKDF2', () => {
  it('equals the pure-JS seed, including NFKD of a non-ASCII passphrase', async () => {
    const { bip39Seed } = await import('../../../src/cli/psbt/seed.js');
    const { seedFromMnemonic } = await import('../../../src/core/hd/keys.js');
    for (const pass of ['', 'TREZOR', 'Ｃｏｌｄ ｋｉｔ ﬁ é']) {
      expect(Buffer.from(bip39Seed('abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about', pass)).toString('hex')).toBe(
        Buffer.from(seedFromMnemonic('abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about', pass)).toString('hex'),
      );
    }
  });
});
