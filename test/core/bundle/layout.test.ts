/** The release folder's description: build record round trip, modes, names. */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import { ENTRY_FILE, LAUNCHER_FILE, fileMode, formatBuildInfo, parseBuildInfo, releaseName } from '../../../src/core/bundle/layout.js';

const info = { name: 'coldkit' as const, version: '0.1.0', commit: 'a'.repeat(40), sourceDateEpoch: 1_700_000_000, node: '>=20.19', bundler: 'esbuild 0.28.2' };

describe('bundle layout', () => {
  it('BUILD-INFO.json round-trips with a fixed key order', () => {
    const text = formatBuildInfo({ ...info });
    expect(Object.keys(JSON.parse(text))).toEqual(['name', 'version', 'commit', 'sourceDateEpoch', 'node', 'bundler']);
    expect(parseBuildInfo(text)).toEqual(info);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it.each([
    ['not JSON', '{', /not JSON/],
    ['another program', JSON.stringify({ ...info, name: 'other' }), /name/],
    ['no commit', JSON.stringify({ ...info, commit: '' }), /"commit" is missing/],
    ['a fractional epoch', JSON.stringify({ ...info, sourceDateEpoch: 1.5 }), /sourceDateEpoch/],
  ])('refuses a build record that is %s', (_n, text, msg) => {
    expect(() => parseBuildInfo(text)).toThrow(InputError);
    expect(() => parseBuildInfo(text)).toThrow(msg);
  });

  it('only the launcher and the entry module are executable', () => {
    expect(fileMode(LAUNCHER_FILE)).toBe(0o755);
    expect(fileMode(ENTRY_FILE)).toBe(0o755);
    for (const p of ['SHA256SUMS', 'lib/x.mjs', 'lib/secp256k1.wasm', 'package.json', 'lib/coldkit']) expect(fileMode(p)).toBe(0o644);
    expect(releaseName('1.2.3')).toBe('coldkit-1.2.3');
  });
});
