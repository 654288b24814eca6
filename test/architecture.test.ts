/**
 * The layering rules of the brief, checked on the source: src/core does no I/O and takes no clock
 * or randomness of its own, core never imports cli, src has no import cycle (type-only imports
 * included), and bin/coldkit only starts the CLI.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

/** Code without comments, so TSDoc quoting a rule does not count. */
function code(file: string): string {
  return fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

const FORBIDDEN: Array<[RegExp, string]> = [
  [/from ['"]node:(fs|child_process|net|http|https|os|readline|worker_threads)['"]/, 'node I/O module'],
  [/from ['"](fs|child_process|os|net|http|https)['"]/, 'node I/O module'],
  [/\bprocess\.(env|argv|stdin|stdout|stderr|exit|cwd)\b/, 'process access'],
  [/\bDate\.now\(|new Date\(\)/, 'clock (take it as a parameter)'],
  [/\bMath\.random\(|getRandomValues\(|randomBytes\(/, 'randomness (take it as a parameter)'],
  [/\bfetch\(/, 'network'],
  [/\bconsole\./, 'printing'],
  [/from ['"][./]*\/cli\//, 'an import of src/cli'],
  [/@inquirer\/prompts/, 'prompts'],
];

describe('src/core is pure', () => {
  for (const f of walk(path.join(ROOT, 'src', 'core'))) {
    it(path.relative(ROOT, f), () => {
      const text = code(f);
      const hits = FORBIDDEN.filter(([re]) => re.test(text)).map(([, what]) => what);
      const cliDir = path.join(ROOT, 'src', 'cli') + path.sep;
      for (const s of specifiers(text)) if (s.startsWith('.') && resolveSpecifier(f, s)?.startsWith(cliDir)) hits.push(`an import of src/cli (${s})`);
      expect(hits).toEqual([]);
    });
  }
});

/**
 * Every module specifier in `text`: `import … from`, `import type … from`, `export … from`,
 * side-effect `import '…'` and dynamic or type-position `import('…')`.
 */
export function specifiers(text: string): string[] {
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?[^;'"`]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((re) => [...text.matchAll(re)].map((m) => m[1]!));
}

/** The .ts file a relative specifier of `from` names (`./x.js` is `./x.ts`), or undefined. */
function resolveSpecifier(from: string, spec: string, exists: (f: string) => boolean = fs.existsSync): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  return [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, path.join(base, 'index.ts')].find((f) => f.endsWith('.ts') && exists(f));
}

/** Each import cycle among `files`, as the list of files around it (one cycle per strongly connected set). */
export function importCycles(files: string[], read: (f: string) => string = code): string[][] {
  const known = new Set(files);
  const edges = new Map<string, string[]>();
  for (const f of files) {
    const targets = specifiers(read(f)).filter((s) => s.startsWith('.')).flatMap((s) => resolveSpecifier(f, s, (t) => known.has(t)) ?? []);
    edges.set(f, [...new Set(targets)]);
  }
  // Tarjan's strongly connected components; a component of two or more files, or a file importing itself, holds a cycle.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!edges.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || edges.get(v)!.includes(v)) cycles.push(cyclePath(component, edges));
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return cycles;
}

/** One concrete cycle through a strongly connected set: a → b → … → a (shortest back to the start). */
function cyclePath(component: string[], edges: Map<string, string[]>): string[] {
  const inSet = new Set(component);
  const start = [...component].sort()[0]!;
  const prev = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const w of edges.get(queue[i]!) ?? []) {
      if (!inSet.has(w)) continue;
      if (w === start) {
        const loop = [queue[i]!];
        while (loop[0] !== start) loop.unshift(prev.get(loop[0]!)!);
        return [...loop, start];
      }
      if (!prev.has(w)) {
        prev.set(w, queue[i]!);
        queue.push(w);
      }
    }
  }
  return component;
}

describe('src has no import cycle', () => {
  it('the cycle finder sees every import form, type-only included', () => {
    const files = ['a', 'b', 'c', 'd', 'e'].map((n) => path.join(ROOT, 'src', `${n}.ts`));
    const fake: Record<string, string> = {
      a: "import type { B } from './b.js';",
      b: "export { c } from './c.js';",
      c: "export * from './a.js';\nexport type { D } from './d.js';",
      d: "import './e.js';",
      e: '',
    };
    const read = (f: string) => fake[path.basename(f, '.ts')]!;
    const rel = (c: string[]) => c.map((f) => path.basename(f, '.ts')).join(' → ');
    expect(importCycles(files, read).map(rel)).toEqual(['a → b → c → a']);
    fake.c = "const d = await import('./d.js');";
    fake.e = "type A = typeof import('./a.js');";
    expect(importCycles(files, read).map(rel)).toEqual(['a → b → c → d → e → a']);
    fake.e = '';
    expect(importCycles(files, read)).toEqual([]);
    fake.e = "import { e } from './e.js';";
    expect(importCycles(files, read).map(rel)).toEqual(['e → e']);
  });

  it('none in src/', () => {
    const cycles = importCycles(walk(path.join(ROOT, 'src'))).map((c) => c.map((f) => path.relative(ROOT, f)).join(' → '));
    expect(cycles).toEqual([]);
  });

  it('every relative import in src/ names a file that exists', () => {
    const unresolved = walk(path.join(ROOT, 'src')).flatMap((f) =>
      specifiers(code(f)).filter((s) => s.startsWith('.') && !resolveSpecifier(f, s)).map((s) => `${path.relative(ROOT, f)}: ${s}`),
    );
    expect(unresolved).toEqual([]);
  });
});

describe('bin/coldkit only starts the CLI', () => {
  it('imports nothing but the built program, dist/app/main.js (src/build/app.ts)', () => {
    const text = fs.readFileSync(path.join(ROOT, 'bin', 'coldkit'), 'utf8');
    const imports = [...text.matchAll(/import\s*(?:[^'"]*from\s*)?\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
    expect(imports).toEqual(['../dist/app/main.js']);
  });
});
