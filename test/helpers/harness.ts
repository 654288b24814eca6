/**
 * Shared pieces of the black-box CLI tests: a temp workspace with a seeded journal, the sample
 * mnemonics, and an assertion that a failed run left the journal byte for byte as it was.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, expect } from 'vitest';
import { runCli, tmpDir, type CliRun } from './cli.js';

/** BIP84 vector mnemonic (fingerprint 73c5da0a). */
export const ABOUT = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
/** A Trezor BIP39 vector with 24 distinct-looking words, for leak searches. */
export const LEGAL = 'legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth title';

/** Workspaces made by the current test file, removed when it ends. */
const made: string[] = [];
afterAll(() => {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A workspace: a directory, its journal path, and helpers to write files and run coldkit against that journal. */
export interface Workspace {
  dir: string;
  journal: string;
  file(name: string, content?: string | Uint8Array): string;
  run(args: string[], opts?: { stdin?: string; timeoutMs?: number }): Promise<CliRun>;
  journalBytes(): Buffer;
}

/** A fresh workspace with an empty journal and the "abandon … about" words in about.txt. */
export async function aboutWorkspace(): Promise<{ ws: Workspace; about: string }> {
  const ws = await workspace(0);
  return { ws, about: ws.file('about.txt', ABOUT + '\n') };
}

/** A fresh workspace; its journal starts with `entries` seed.check entries made by the real bin. */
export async function workspace(entries = 1): Promise<Workspace> {
  const dir = tmpDir('coldkit-cli-');
  made.push(dir);
  const journal = path.join(dir, 'journal.jsonl');
  const ws: Workspace = {
    dir,
    journal,
    file(name, content) {
      const f = path.join(dir, name);
      if (content !== undefined) fs.writeFileSync(f, content);
      return f;
    },
    run: (args, opts = {}) => runCli(args, { ...opts, cwd: dir, env: { COLDKIT_JOURNAL: journal } }),
    journalBytes: () => (fs.existsSync(journal) ? fs.readFileSync(journal) : Buffer.alloc(0)),
  };
  if (entries > 0) {
    const m = ws.file('about.txt', ABOUT + '\n');
    for (let i = 0; i < entries; i++) {
      const r = await ws.run(['seed', 'check', '--mnemonic-file', m]);
      expect(r.code, r.stderr).toBe(0);
    }
  }
  return ws;
}

/** Expect a failure: exit code, one stderr line "coldkit: MESSAGE", and with --json the error document. */
export function expectFailure(r: CliRun, code: number, message: RegExp | string, json = true): void {
  expect(r.code, `stdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(code);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  const line = lines[0]!;
  expect(line.startsWith('coldkit: ')).toBe(true);
  if (typeof message === 'string') expect(line).toBe(`coldkit: ${message}`);
  else expect(line).toMatch(message);
  if (json) {
    const doc = r.json<{ error: { exitCode: number; kind: string; message: string } }>();
    expect(Object.keys(doc)).toEqual(['error']);
    expect(doc.error.exitCode).toBe(code);
    expect(doc.error.message).toBe(line.slice('coldkit: '.length));
    expect(doc.error.kind).toMatch(code === 2 ? /^InputError$/ : code === 3 ? /^(RefusedError|VerificationError)$/ : /Error$/);
  }
}

/** The journal's parsed entries. */
export function journalEntries(ws: Workspace): { seq: number; op: string; data: Record<string, unknown> }[] {
  const text = ws.journalBytes().toString('utf8');
  return text ? text.trimEnd().split('\n').map((l) => JSON.parse(l)) : [];
}
