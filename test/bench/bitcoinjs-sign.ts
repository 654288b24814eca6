/**
 * The reference signer the signing benchmarks time coldkit against: bitcoinjs-lib with
 * tiny-secp256k1, in this process, signing every input of a PSBT with the HD key of a mnemonic
 * (`signAllInputsHD`). `lowR` grinds for low-R signatures as Bitcoin Core and coldkit do (the same
 * signatures, byte for byte); without it bitcoinjs signs once per input.
 */
import { BIP32Factory } from 'bip32';
import { Psbt, initEccLib } from 'bitcoinjs-lib';
import * as ecc from 'tiny-secp256k1';
import { mnemonicToSeedSync } from '@scure/bip39';
import type { Timing } from './timing.js';

/** Sign every input of `raw` with `mnemonic`'s keys; the signed PSBT and the wall and CPU time (ms). */
export function bitcoinjsSign(raw: Uint8Array, mnemonic: string, lowR = true): Timing & { out: Buffer } {
  initEccLib(ecc);
  const c0 = process.cpuUsage();
  const t = performance.now();
  const root = BIP32Factory(ecc).fromSeed(Buffer.from(mnemonicToSeedSync(mnemonic)));
  const signer = {
    fingerprint: root.fingerprint,
    publicKey: root.publicKey,
    sign: (hash: Buffer) => root.sign(hash, lowR),
    derivePath: (p: string) => {
      const node = root.derivePath(p);
      node.lowR = lowR;
      return node;
    },
  };
  const p = Psbt.fromBuffer(Buffer.from(raw));
  p.signAllInputsHD(signer);
  const out = p.toBuffer();
  const wall = performance.now() - t;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000, out };
}
