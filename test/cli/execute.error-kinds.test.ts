/**
 * Every error class coldkit's source defines reports, in `--json`, a `kind` that docs/cli.md
 * documents: the classes are collected from src (so a new one cannot slip by), and the sentence of
 * docs/cli.md that lists the kinds names every kind errorKind can return.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERROR_KINDS, errorKind } from '../../src/cli/execute.js';
import { ROOT } from '../helpers/cli.js';

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? sources(path.join(dir, d.name)) : d.name.endsWith('.ts') ? [path.join(dir, d.name)] : []));
}

/** Exported classes of src that extend an Error class, by file. */
const classes = sources(path.join(ROOT, 'src')).flatMap((file) =>
  [...fs.readFileSync(file, 'utf8').matchAll(/^export class (\w+) extends (\w+)/gm)].map((m) => ({ file, name: m[1]!, base: m[2]! })),
);

const documented = (() => {
  const text = fs.readFileSync(path.join(ROOT, 'docs/cli.md'), 'utf8');
  const sentence = /`kind` is one of ([\s\S]*?)\.\s/.exec(text)![1]!;
  return new Set([...sentence.matchAll(/`(\w+)`/g)].map((m) => m[1]!));
})();

describe('--json error kinds', () => {
  it('docs/cli.md lists exactly the kinds errorKind returns', () => {
    expect([...documented].sort()).toEqual([...ERROR_KINDS].sort());
  });

  it('the collection found the error classes (a broken scan would prove nothing)', () => {
    const names = classes.map((c) => c.name);
    for (const n of ['ColdkitError', 'InputError', 'RefusedError', 'ShareInputError', 'ShareVerificationError', 'PolicyInvalid', 'RpcError']) expect(names).toContain(n);
  });

  it('every error class defined in src reports a documented kind, with its exit code', async () => {
    let errors = 0;
    for (const c of classes) {
      const mod = await import(pathToFileURL(c.file).href);
      const cls = mod[c.name] as { prototype: unknown } | undefined;
      if (typeof cls !== 'function' || !(cls.prototype instanceof Error) && c.name !== 'ColdkitError') continue;
      errors++;
      const e = Object.create(cls.prototype as object) as Error & { exitCode?: number };
      const kind = errorKind(e);
      expect(documented.has(kind), `${c.name} (${path.relative(ROOT, c.file)}) → ${kind}`).toBe(true);
      expect(kind, `${c.name} is not an internal error`).not.toBe('InternalError');
    }
    expect(errors).toBeGreaterThanOrEqual(9);
  });

  it('a share error is an InputError and a prompt cancel is Cancelled; a bug is an InternalError', () => {
    expect(errorKind(new TypeError('x'))).toBe('InternalError');
    expect(errorKind(Object.assign(new Error('x'), { name: 'ExitPromptError' }))).toBe('Cancelled');
  });
});
