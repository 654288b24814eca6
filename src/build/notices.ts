/**
 * THIRD-PARTY-NOTICES of a release bundle: for every npm package whose code went into the bundle
 * (from esbuild's metafile), its name, version, licence and the licence file(s) it ships, read from
 * node_modules; then what the WebAssembly files embed. Packages sorted by name, so the text is the
 * same on every machine with the same lockfile.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { byteOrder } from '../core/bundle/sums.js';

/** What the two WebAssembly files contain beyond their npm package's own code. */
const EMBEDDED = `Embedded in the WebAssembly files
=================================

lib/secp256k1.wasm (from tiny-secp256k1, above) is libsecp256k1
(https://github.com/bitcoin-core/secp256k1) compiled to WebAssembly. Licence: MIT,
"Copyright (c) 2013 Pieter Wuille" (the MIT terms are those reproduced above).

lib/zxing_reader.wasm (from zxing-wasm, above) is the reader of zxing-cpp
(https://github.com/zxing-cpp/zxing-cpp) compiled with Emscripten, with zxing-wasm's own
src/cpp/ZXingWasm.cpp. zxing-wasm's README ("Licenses") lists:
- zxing-cpp: Apache License 2.0
- src/cpp/ZXingWasm.cpp: Apache License 2.0
- zint (barcode writing only; not used by the reader): BSD 3-Clause License
- zxing-wasm specific code: MIT License
The Apache License 2.0 text is reproduced above under jsqr.
`;

/** Licence files a package may ship, by name. */
const LICENCE_FILE = /^(licen[cs]e|copying|notice)([-._].*)?$/i;

/** The package folder (relative to the root) an input path belongs to, or undefined for our own sources. */
export function packageDirOf(input: string): string | undefined {
  const parts = input.split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return undefined;
  const len = parts[at + 1]?.startsWith('@') ? 2 : 1;
  return parts.slice(0, at + 1 + len).join('/');
}

/** The notices text for the packages behind `inputs` (esbuild metafile input paths, relative to `root`). */
export function thirdPartyNotices(root: string, inputs: readonly string[]): { text: string; packages: string[] } {
  const dirs = [...new Set(inputs.map(packageDirOf).filter((d): d is string => Boolean(d)))];
  const pkgs = dirs.map((d) => {
    const pj = JSON.parse(fs.readFileSync(path.join(root, d, 'package.json'), 'utf8')) as { name: string; version: string; license?: string; author?: string | { name?: string }; repository?: string | { url?: string }; homepage?: string };
    const files = fs.readdirSync(path.join(root, d)).filter((f) => LICENCE_FILE.test(f)).sort(byteOrder);
    return { dir: d, name: pj.name, version: pj.version, license: pj.license ?? 'see the licence file', pj, files };
  });
  pkgs.sort((a, b) => byteOrder(a.name, b.name) || byteOrder(a.version, b.version));
  const out: string[] = [
    'THIRD-PARTY NOTICES',
    '',
    'This coldkit bundle contains code from the npm packages listed here (every package any of its',
    'modules came from, with the version locked in package-lock.json) and the WebAssembly files',
    'described at the end. Each entry gives the licence from the package.json and the text of the',
    'licence files the package ships.',
    '',
    ...pkgs.map((p) => `- ${p.name}@${p.version} (${p.license})`),
    '',
  ];
  for (const p of pkgs) {
    const author = typeof p.pj.author === 'string' ? p.pj.author : p.pj.author?.name;
    const repo = typeof p.pj.repository === 'string' ? p.pj.repository : p.pj.repository?.url;
    out.push('='.repeat(72), `${p.name}@${p.version}`, `Licence: ${p.license}`);
    if (author) out.push(`Author: ${author}`);
    if (repo ?? p.pj.homepage) out.push(`Source: ${repo ?? p.pj.homepage}`);
    out.push('');
    if (!p.files.length) out.push(`(The package ships no licence file; its package.json declares ${p.license}.)`, '');
    for (const f of p.files) {
      out.push(`--- ${f} ---`, fs.readFileSync(path.join(root, p.dir, f), 'utf8').replace(/\r\n/g, '\n').trimEnd(), '');
    }
  }
  out.push('='.repeat(72), EMBEDDED);
  return { text: out.join('\n'), packages: pkgs.map((p) => `${p.name}@${p.version}`) };
}
