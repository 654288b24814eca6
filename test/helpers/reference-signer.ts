/**
 * The independent side of the online tests, built only on bitcoinjs-lib + tiny-secp256k1 + bip32:
 * a reference signer (used until `coldkit psbt sign` lands, and as a cross-check after), and a
 * verifier that parses the final transaction and checks every input's signature or witness
 * against the output it spends.
 */
import * as bitcoin from 'bitcoinjs-lib';
import { BIP32Factory } from 'bip32';
import * as ecc from 'tiny-secp256k1';
import { mnemonicToSeedSync } from '@scure/bip39';
import { MNEMONIC } from './regtest-data.js';

bitcoin.initEccLib(ecc);
const bip32 = BIP32Factory(ecc);

/** Sign every input of a PSBT (base64) with the test mnemonic; returns base64. ECDSA low-R as Core. */
export function referenceSign(psbtBase64: string, network: bitcoin.Network = bitcoin.networks.regtest): string {
  const psbt = bitcoin.Psbt.fromBase64(psbtBase64, { network });
  const root = bip32.fromSeed(Buffer.from(mnemonicToSeedSync(MNEMONIC)), network);
  psbt.data.inputs.forEach((inp, i) => {
    if (inp.tapBip32Derivation?.length) {
      const d = inp.tapBip32Derivation[0]!;
      const child = root.derivePath(d.path);
      const x = child.publicKey.subarray(1, 33);
      const tweaked = child.tweak(bitcoin.crypto.taggedHash('TapTweak', x));
      psbt.signInput(i, tweaked);
    } else {
      const d = inp.bip32Derivation![0]!;
      const child = root.derivePath(d.path);
      child.lowR = true;
      psbt.signInput(i, child);
    }
  });
  return psbt.toBase64();
}

const hash160 = (b: Buffer): Buffer => bitcoin.crypto.hash160(b);

/**
 * Parse `txHex` and verify each input against `prevouts` ("txid:vout" → script, amount): P2PKH,
 * P2SH-P2WPKH, P2WPKH, P2WSH multisig, P2TR key path. Throws with the input number on the first
 * failure; returns the number of signatures checked.
 */
export function verifyTransaction(txHex: string, prevouts: Map<string, { script: Uint8Array; amount: bigint }>): { checked: number; fee: bigint; vsize: number } {
  const tx = bitcoin.Transaction.fromHex(txHex);
  const spent = tx.ins.map((inp) => {
    const key = `${Buffer.from(inp.hash).reverse().toString('hex')}:${inp.index}`;
    const p = prevouts.get(key);
    if (!p) throw new Error(`input spends unknown ${key}`);
    return { script: Buffer.from(p.script), value: Number(p.amount) };
  });
  let checked = 0;
  tx.ins.forEach((inp, i) => {
    const prev = spent[i]!;
    const type = classify(prev.script);
    if (type === 'tr') {
      if (inp.script.length !== 0 || inp.witness.length !== 1) throw new Error(`input ${i}: taproot key path needs exactly one witness item`);
      const sig = inp.witness[0]!;
      const ht = sig.length === 65 ? sig[64]! : bitcoin.Transaction.SIGHASH_DEFAULT;
      const h = tx.hashForWitnessV1(i, spent.map((s) => s.script), spent.map((s) => s.value), ht);
      if (!ecc.verifySchnorr(h, prev.script.subarray(2, 34), sig.subarray(0, 64))) throw new Error(`input ${i}: schnorr signature invalid`);
      checked++;
      return;
    }
    if (type === 'wsh') {
      // BIP141 P2WSH multisig: OP_0 dummy, the signatures in key order, the witness script (its SHA-256 is the program).
      if (inp.script.length !== 0) throw new Error(`input ${i}: native segwit input with a scriptSig`);
      const ws = inp.witness[inp.witness.length - 1]!;
      if (!bitcoin.crypto.sha256(ws).equals(prev.script.subarray(2, 34))) throw new Error(`input ${i}: witness script does not match P2WSH`);
      const ms = bitcoin.payments.p2ms({ output: ws });
      const sigs = inp.witness.slice(1, -1);
      if (inp.witness[0]!.length !== 0 || sigs.length !== ms.m) throw new Error(`input ${i}: P2WSH multisig witness needs OP_0 and ${ms.m} signatures`);
      let k = 0;
      for (const s of sigs) {
        const { signature, hashType } = bitcoin.script.signature.decode(s);
        const h = tx.hashForWitnessV0(i, ws, prev.value, hashType);
        while (k < ms.pubkeys!.length && !ecc.verify(h, ms.pubkeys![k]!, signature, true)) k++;
        if (k++ >= ms.pubkeys!.length) throw new Error(`input ${i}: multisig signature invalid or out of key order`);
        checked++;
      }
      return;
    }
    let sigWithType: Buffer;
    let pub: Buffer;
    if (type === 'pkh') {
      const chunks = bitcoin.script.decompile(inp.script)!;
      [sigWithType, pub] = chunks as [Buffer, Buffer];
      if (!hash160(pub).equals(prev.script.subarray(3, 23))) throw new Error(`input ${i}: pubkey does not match P2PKH`);
    } else {
      if (type === 'sh') {
        const chunks = bitcoin.script.decompile(inp.script)!;
        const redeem = chunks[0] as Buffer;
        if (chunks.length !== 1 || !hash160(redeem).equals(prev.script.subarray(2, 22))) throw new Error(`input ${i}: redeem script does not match P2SH`);
        if (redeem.length !== 22 || redeem[0] !== 0 || redeem[1] !== 20) throw new Error(`input ${i}: redeem script is not P2WPKH`);
      } else if (inp.script.length !== 0) throw new Error(`input ${i}: native segwit input with a scriptSig`);
      if (inp.witness.length !== 2) throw new Error(`input ${i}: P2WPKH witness needs 2 items`);
      [sigWithType, pub] = inp.witness as [Buffer, Buffer];
      const program = type === 'sh' ? bitcoin.script.decompile(inp.script)![0] as Buffer : prev.script;
      if (!hash160(pub).equals(program.subarray(2, 22))) throw new Error(`input ${i}: pubkey does not match the witness program`);
    }
    const { signature, hashType } = bitcoin.script.signature.decode(sigWithType);
    const h =
      type === 'pkh'
        ? tx.hashForSignature(i, prev.script, hashType)
        : tx.hashForWitnessV0(i, bitcoin.payments.p2pkh({ pubkey: pub }).output!, prev.value, hashType);
    if (!ecc.verify(h, pub, signature, true)) throw new Error(`input ${i}: ECDSA signature invalid`);
    checked++;
  });
  const fee = BigInt(spent.reduce((a, s) => a + s.value, 0) - tx.outs.reduce((a, o) => a + o.value, 0));
  return { checked, fee, vsize: tx.virtualSize() };
}

function classify(script: Buffer): 'pkh' | 'sh' | 'wpkh' | 'wsh' | 'tr' {
  if (script.length === 25 && script[0] === 0x76) return 'pkh';
  if (script.length === 23 && script[0] === 0xa9) return 'sh';
  if (script.length === 22 && script[0] === 0x00) return 'wpkh';
  if (script.length === 34 && script[0] === 0x51) return 'tr';
  if (script.length === 34 && script[0] === 0x00) return 'wsh';
  throw new Error('unexpected prevout script');
}
