/**
 * The tests' own evaluator of one BIP380 key expression at child `i` (an oracle independent of
 * src/core/wallet/descriptor.ts): hex, WIF, or xpub/xprv with a path (`*` is the child, `'`/`h`
 * hardens), and the reader of the descriptor BIPs' "Test Vectors" sections. Used by the BIP383
 * and BIP387 vector tests.
 */
import { HDKey } from '@scure/bip32';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { fromHex } from '../../src/core/text.js';
import { decodeWif, fixtureText } from './fixtures.js';

/** The public key a key expression gives at child `i`: 33 bytes (or 65 for an uncompressed key, 32 for x-only hex). */
export function evalKey(expr: string, i: number): Uint8Array {
  const k = expr.replace(/^\[[^\]]*\]/, '');
  if (/^[0-9a-f]{64}$/.test(k)) return fromHex(k);
  if (/^0[234]/.test(k)) return fromHex(k);
  if (/^[5KLc9]/.test(k) && k.length <= 52) {
    const w = decodeWif(k);
    return secp256k1.getPublicKey(w.priv, w.compressed);
  }
  const [ext, ...steps] = k.split('/');
  let node = HDKey.fromExtendedKey(ext!);
  for (const st of steps) {
    const hard = /['h]$/.test(st);
    const idx = st.startsWith('*') ? i : Number(st.replace(/['h]$/, ''));
    node = node.deriveChild(idx + (hard ? 0x80000000 : 0));
  }
  return node.publicKey!;
}

/** The x-only (32-byte) form of a key expression at child `i` (BIP340). */
export function evalXOnly(expr: string, i: number): Uint8Array {
  const k = evalKey(expr, i);
  return k.length === 32 ? k : k.slice(1, 33);
}

/** A valid descriptor vector: the descriptor and the scripts it gives at children 0, 1, 2 (or its one script). */
export interface DescriptorVector {
  descriptor: string;
  scripts: string[];
}

/**
 * The "==Test Vectors==" section of a stored descriptor BIP (383, 387): valid descriptors
 * (`* <tt>DESC</tt>` then `** <tt>SCRIPT</tt>` lines) and, after "Invalid descriptors", the
 * labelled invalid ones (`* LABEL: <tt>DESC</tt>`).
 */
export function descriptorVectors(rel: string): { valid: DescriptorVector[]; invalid: { label: string; descriptor: string }[] } {
  const text = fixtureText(rel);
  const section = text.slice(text.indexOf('==Test Vectors=='), text.indexOf('==Backwards Compatibility=='));
  const [validPart, invalidPart] = section.split('Invalid descriptors');
  const valid: DescriptorVector[] = [];
  for (const line of validPart!.split('\n')) {
    const d = /^\* <tt>(.*)<\/tt>$/.exec(line);
    if (d) valid.push({ descriptor: d[1]!, scripts: [] });
    const s = /^\*\* <tt>([0-9a-f]+)<\/tt>$/.exec(line);
    if (s) valid[valid.length - 1]!.scripts.push(s[1]!);
  }
  const invalid = [...invalidPart!.matchAll(/^\* (.+?): <tt>(.*)<\/tt>$/gm)].map((m) => ({ label: m[1]!, descriptor: m[2]! }));
  return { valid, invalid };
}
