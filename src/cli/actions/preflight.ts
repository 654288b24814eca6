/**
 * `coldkit preflight`: is this machine fit for a ceremony? Gathers the facts (network, radios,
 * swap, core dumps, virtualisation, clock, journal file system, terminal recording — reading only,
 * sending nothing), judges them in core (src/core/preflight), prints each check with pass/warn/fail
 * and what to do, and journals the report. Any failed check: exit 3.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BUILD_INFO_FILE, parseBuildInfo } from '../../core/bundle/layout.js';
import { EXIT } from '../../core/errors.js';
import { preflight, type PreflightReport } from '../../core/preflight/report.js';
import { sanitize } from '../../core/text.js';
import type { Action } from '../command.js';
import type { preflight as preflightCommand } from '../commands/preflight.js';
import { bundleRoot } from '../installation.js';
import { journalPath, scanJournal } from '../journal-file.js';
import { gatherFacts, type FactSources } from '../preflight/gather.js';

/** Test seam: fake /proc, /sys and /etc trees and process facts (default: the live system). */
export const preflightSources: { facts?: FactSources } = {};

/** The release's SOURCE_DATE_EPOCH as ISO time, when running from a bundle (a clock before it is wrong). */
function releaseDate(): string | undefined {
  const root = bundleRoot();
  if (!root) return undefined;
  try {
    return new Date(parseBuildInfo(fs.readFileSync(path.join(root, BUILD_INFO_FILE), 'utf8')).sourceDateEpoch * 1000).toISOString();
  } catch {
    return undefined;
  }
}

const MARK = { pass: 'pass', warn: 'WARN', fail: 'FAIL' } as const;

function render(r: PreflightReport): string {
  const out = [`coldkit preflight: ${r.ok ? 'fit for a ceremony' : 'NOT fit for a ceremony'} (${r.counts.pass} pass, ${r.counts.warn} warn, ${r.counts.fail} fail)`, ''];
  for (const c of r.checks) {
    out.push(`  ${MARK[c.status]}  ${c.id.padEnd(19)} ${sanitize(c.found)}`);
    if (c.action) out.push(`        ${''.padEnd(19)} → ${sanitize(c.action)}`);
  }
  out.push('', r.ok ? (r.counts.warn ? 'No check failed; read each warning and decide with the witness before going on.' : 'Every check passed.') : 'Fix every FAIL above, then run coldkit preflight again before any secret exists.');
  return out.join('\n');
}

const action: Action<typeof preflightCommand> = async (_opts, ctx) => {
  const file = journalPath(ctx.globals.journal, ctx.env);
  let lastTs: string | undefined;
  scanJournal(file, (v) => {
    lastTs = v.entry.ts;
  });
  const notBefore = releaseDate();
  const facts = gatherFacts(
    { now: ctx.now().toISOString(), journalPath: path.resolve(file), ...(lastTs ? { lastJournalTs: lastTs } : {}), ...(notBefore ? { notBefore } : {}) },
    { env: ctx.env, ...preflightSources.facts },
  );
  const report = preflight(facts);
  return {
    result: report,
    human: render,
    exitCode: report.ok ? EXIT.ok : EXIT.refused,
    journal: [{ op: 'preflight', data: { ok: report.ok, counts: report.counts, checks: report.checks.map((c) => ({ id: c.id, status: c.status, found: c.found })) } }],
  };
};
export default action;
