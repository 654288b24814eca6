/**
 * Large journals in the first released entry format (`"v":1`, docs/formats/journal.md), written
 * the way coldkit 0.1.0 wrote them (keys in order, `prev` = SHA-256 of the previous line), for the
 * scale benchmark (test/bench/journal.ts) and the large-journal tests. The entries copy a real
 * `account export` line (≈ 620 bytes, as in the 62 MB journal of the scale issue); each line gets
 * its own time, operator and file name. Written in chunks, so memory stays flat.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';

const XPUB = 'xpub6CatWdiZiodmUeTDp8LT5or8nmbKNcuyvz7WyksVFkKB4RHwCD3XyuvPEbvqAQY3rAPshWcMLoP2fMFMKHPJ4ZeZXYVUhLv1VMrjPC7PW6V';
const OPERATORS = ['alice', 'bob', 'carol', 'dave'];

/** The n-th (1-based) version-1 line after a line whose hash is `prev`. */
export function v1Line(seq: number, prev: string): string {
  const ts = new Date(Date.UTC(2020, 0, 1) + seq * 60_000).toISOString();
  const data = {
    chain: 'btc',
    network: 'mainnet',
    script: 'wpkh',
    fingerprint: '73c5da0a',
    path: 'm/84h/0h/0h',
    xpub: XPUB,
    descriptorChecksums: { receive: 'afwvtk2s', change: 'vatdkr6g', multipath: 'qf45pmyh' },
    firstAddress: 'bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu',
    files: [`x${seq}.json`],
    revealed: false,
    overrides: [],
  };
  return JSON.stringify({ v: 1, seq, ts, op: 'account.export', operator: OPERATORS[seq % OPERATORS.length], host: 'ceremony', tool: 'coldkit/0.1.0', data, prev });
}

/** Write a version-1 journal of `entries` lines to `file`; returns its head (seq and hash). */
export function writeV1Journal(file: string, entries: number): { seq: number; hash: string } {
  const fd = fs.openSync(file, 'w', 0o600);
  let prev = '0'.repeat(64);
  try {
    let chunk: string[] = [];
    for (let seq = 1; seq <= entries; seq++) {
      const line = v1Line(seq, prev);
      prev = createHash('sha256').update(line, 'utf8').digest('hex');
      chunk.push(line);
      if (chunk.length === 1000 || seq === entries) {
        fs.writeSync(fd, chunk.join('\n') + '\n');
        chunk = [];
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return { seq: entries, hash: prev };
}
