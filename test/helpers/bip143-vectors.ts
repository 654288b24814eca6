/**
 * Reads the "Example" section of BIP143, stored verbatim in fixtures/bip143/bip-0143.mediawiki,
 * into sighash cases: for every "sigHash:" line, the section's unsigned transaction and the
 * outpoint, scriptCode, amount and nHashType printed most recently before it (the BIP prints the
 * fields of each digest, sometimes "(see below)" then the value further down).
 */
import { readFileSync } from 'node:fs';
import { fixturePath } from './mediawiki-vectors.js';

export interface Bip143Case {
  section: string;
  n: number;
  unsignedTx: string;
  /** Serialised outpoint (txid little-endian + index), hex. */
  outpoint: string;
  /** scriptCode as printed: with its CompactSize length prefix. */
  scriptCode: string;
  /** 8-byte little-endian amount, hex. */
  amount: string;
  /** 4-byte little-endian nHashType, hex. */
  hashType: string;
  sigHash: string;
}

const HEX = /^[0-9a-f]+$/;

export function bip143Cases(): Bip143Case[] {
  const lines = readFileSync(fixturePath('bip143/bip-0143.mediawiki'), 'utf8').split('\n');
  const out: Bip143Case[] = [];
  let section = '';
  let tx = '';
  let wantTx = false;
  const f: Record<string, string> = {};
  let n = 0;
  for (const raw of lines) {
    const line = raw.trim();
    const s = /^=== (.*) ===$/.exec(line);
    if (s) {
      section = s[1]!;
      n = 0;
      for (const k of Object.keys(f)) delete f[k];
      continue;
    }
    const u = /unsigned transaction:\s*([0-9a-f]*)$/.exec(line);
    if (u) {
      if (u[1]) tx = u[1];
      else wantTx = true;
      continue;
    }
    if (wantTx && HEX.test(line)) {
      tx = line;
      wantTx = false;
      continue;
    }
    const kv = /^(outpoint|scriptCode|amount|nHashType|sigHash):\s+(\S+)/.exec(line);
    if (!kv || !HEX.test(kv[2]!)) continue;
    if (kv[1] !== 'sigHash') {
      f[kv[1]!] = kv[2]!;
      continue;
    }
    out.push({ section, n: ++n, unsignedTx: tx, outpoint: f.outpoint!, scriptCode: f.scriptCode!, amount: f.amount!, hashType: f.nHashType!, sigHash: kv[2]! });
  }
  return out;
}
