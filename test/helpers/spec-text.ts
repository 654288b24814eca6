/**
 * Readers for the verbatim spec files in fixtures/ (BIP mediawiki, SLIP markdown): the
 * "Test vectors" <pre> blocks of BIP84/86/49 as ordered key = value lines, the BIP32 test
 * vector chains, and the BIP380 "<tt>…</tt>" bullet lists. Parsing the stored text (rather than
 * retyping values) keeps every value verbatim from its source.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute path of a fixture file. */
export function fixturePath(rel: string): string {
  return fileURLToPath(new URL(`../../fixtures/${rel}`, import.meta.url));
}

/** A fixture's text. */
export function fixtureText(rel: string): string {
  return readFileSync(fixturePath(rel), 'utf8');
}

/** One "name = value" line of a test-vector <pre> block, with the "// comment" heading it sits under. */
export interface KeyValue {
  section: string;
  key: string;
  value: string;
}

/** The key = value lines of the <pre> block after "==Test vectors==" (BIP84/86/49). */
export function testVectorPairs(rel: string): KeyValue[] {
  const text = fixtureText(rel);
  const start = text.search(/==Test vectors==/i);
  if (start < 0) throw new Error(`${rel}: no Test vectors section`);
  const pre = /<pre>([\s\S]*?)<\/pre>/.exec(text.slice(start));
  if (!pre) throw new Error(`${rel}: no <pre> block in Test vectors`);
  const out: KeyValue[] = [];
  let section = 'root';
  for (const raw of pre[1]!.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('//')) section = line.slice(2).trim();
    const m = /^([A-Za-z0-9_]+)\s*=\s*(.+)$/.exec(line);
    if (m) out.push({ section, key: m[1]!, value: m[2]!.trim() });
  }
  return out;
}

/** A BIP32 test-vector chain: path in the BIP's notation and the expected keys. */
export interface Bip32Chain {
  vector: number;
  seedHex: string;
  chain: string;
  xpub: string;
  xprv: string;
}

/** BIP32 test vectors 1–4 (each chain), parsed from bip-0032.mediawiki. */
export function bip32Chains(): Bip32Chain[] {
  const lines = fixtureText('bip32/bip-0032.mediawiki').split('\n');
  const out: Bip32Chain[] = [];
  let vector = 0;
  let seedHex = '';
  let cur: Partial<Bip32Chain> | undefined;
  const flush = () => {
    if (cur?.chain) {
      if (!cur.xpub || !cur.xprv) throw new Error(`BIP32 vector ${vector} chain ${cur.chain}: missing key`);
      out.push(cur as Bip32Chain);
    }
    cur = undefined;
  };
  for (const line of lines) {
    const v = /^===Test vector (\d+)===/.exec(line);
    if (v) {
      flush();
      vector = Number(v[1]);
      continue;
    }
    if (vector < 1 || vector > 4) continue;
    const s = /^Seed \(hex\): ([0-9a-f]+)/.exec(line);
    if (s) seedHex = s[1]!;
    const c = /^\* Chain (.+)$/.exec(line);
    if (c) {
      flush();
      cur = { vector, seedHex, chain: c[1]!.replace(/<sub>H<\/sub>/g, "'").trim() };
    }
    const k = /^\*\* ext (pub|prv): (\S+)/.exec(line);
    if (k && cur) cur[k[1] === 'pub' ? 'xpub' : 'xprv'] = k[2]!;
  }
  flush();
  return out;
}

/** BIP32 test vector 5: invalid extended keys and the reason the BIP gives. */
export function bip32InvalidKeys(): { key: string; reason: string }[] {
  const text = fixtureText('bip32/bip-0032.mediawiki');
  const sec = text.slice(text.indexOf('===Test vector 5==='));
  const out: { key: string; reason: string }[] = [];
  for (const line of sec.split('\n')) {
    const m = /^\* (\w{111}) \((.+)\)?$/.exec(line) ?? /^\* (\w{111}) \((.+)$/.exec(line);
    if (m) out.push({ key: m[1]!, reason: m[2]!.replace(/\)$/, '') });
    if (line.startsWith('==') && !line.startsWith('===Test vector 5')) break;
  }
  return out;
}

/** "* Label: <tt>value</tt>" bullets following a heading line of a mediawiki file, until the next blank-line-separated heading. */
export function ttBullets(rel: string, afterLine: string): { label: string; value: string }[] {
  const lines = fixtureText(rel).split('\n');
  const start = lines.findIndex((l) => l.trim() === afterLine);
  if (start < 0) throw new Error(`${rel}: no line "${afterLine}"`);
  const out: { label: string; value: string }[] = [];
  let seen = false;
  for (const line of lines.slice(start + 1)) {
    const m = /^\* (.+?):? <tt>(.*)<\/tt>\s*$/.exec(line);
    if (m) {
      seen = true;
      out.push({ label: m[1]!.replace(/<\/?tt>/g, ''), value: m[2]! });
    } else if (seen && line.trim() !== '') break;
  }
  return out;
}
