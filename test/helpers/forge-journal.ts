/** A forger with write access to a journal: edit entries and recompute every later prev and hash. */
import { createHash } from 'node:crypto';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** Rewrite entries from index `from` on (operator → mallory), recomputing every prev and hash. */
export function rehashedFrom(ls: string[], from: number): string[] {
  const out = ls.slice(0, from);
  let prev = JSON.parse(out[out.length - 1]!).hash as string;
  for (const l of ls.slice(from)) {
    const { hash: _h, ...e } = JSON.parse(l);
    const body = JSON.stringify({ ...e, operator: 'mallory', prev });
    prev = sha(body);
    out.push(`${body.slice(0, -1)},"hash":"${prev}"}`);
  }
  return out;
}
