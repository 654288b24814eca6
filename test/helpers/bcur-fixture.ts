/**
 * Reads the official bc-ur C++ test file (fixtures/ur/bc-ur/test.cpp.txt, stored verbatim) and
 * extracts the expected values of each test function, so the vectors are never retyped.
 */
import { readFileSync } from 'node:fs';

const SRC = readFileSync(new URL('../../fixtures/ur/bc-ur/test.cpp.txt', import.meta.url), 'utf8');

/** Body of `static void <name>()`. */
export function testBody(name: string): string {
  const start = SRC.indexOf(`static void ${name}() {`);
  if (start < 0) throw new Error(`no ${name} in test.cpp`);
  const end = SRC.indexOf('\nstatic ', start + 10);
  return SRC.slice(start, end < 0 ? undefined : end);
}

/** The `{...}` initialiser after `<varName> =` in a test body, as a string. */
function initializer(body: string, varName: string): string {
  const i = body.indexOf(`${varName} = {`);
  if (i < 0) throw new Error(`no ${varName}`);
  let depth = 0;
  const from = body.indexOf('{', i);
  for (let j = from; j < body.length; j++) {
    if (body[j] === '{') depth++;
    else if (body[j] === '}' && --depth === 0) return body.slice(from, j + 1);
  }
  throw new Error('unbalanced');
}

/** A flat numeric list initialiser. */
export function numbers(test: string, varName: string): number[] {
  return initializer(testBody(test), varName).replace(/[{}\s]/g, '').split(',').filter(Boolean).map(Number);
}

/** A list-of-lists numeric initialiser. */
export function numberLists(test: string, varName: string): number[][] {
  const s = initializer(testBody(test), varName);
  return [...s.slice(1, -1).matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!.split(',').map((x) => x.trim()).filter(Boolean).map(Number));
}

/** All string literals in an initialiser (adjacent literals are concatenated by C++ only within one entry). */
export function strings(test: string, varName: string): string[] {
  return [...initializer(testBody(test), varName).matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
}

/** `string <varName> = "..." "...";` concatenated. */
export function stringVar(test: string, varName: string): string {
  const body = testBody(test);
  const i = body.indexOf(`string ${varName} =`);
  const end = body.indexOf(';', i);
  return [...body.slice(i, end).matchAll(/"([^"]*)"/g)].map((m) => m[1]!).join('');
}

/** All `fn("a", "b")` argument pairs in a test body. */
export function calls(test: string, fn: string): string[][] {
  const re = new RegExp(`${fn}\\(([^;]*)\\)`, 'g');
  return [...testBody(test).matchAll(re)].map((m) => [...m[1]!.matchAll(/"([^"]*)"/g)].map((x) => x[1]!));
}

export const SOURCE = SRC;
