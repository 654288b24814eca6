/**
 * `coldkit self-check`: can this copy of coldkit be trusted on this machine? From a release bundle:
 * every file against SHA256SUMS, and the release archive's SHA-256 re-created from the folder (to
 * compare with the published one and a second person's build). Always: Node's version and
 * platform, and the known-answer tests run in place (src/core/selfcheck). Any failure: exit 3.
 */
import { EXIT } from '../../core/errors.js';
import type { KnownAnswerResult } from '../../core/selfcheck/known-answers.js';
import { sanitize } from '../../core/text.js';
import type { Action } from '../command.js';
import type { selfCheck } from '../commands/self-check.js';
import { checkBundle, describeProblems } from '../bundle/integrity.js';
import { bundleRoot } from '../installation.js';

/** The self-check's result (`--json`). */
export interface SelfCheckResult {
  ok: boolean;
  version: string;
  node: string;
  platform: string;
  arch: string;
  /** "bundle" (files checked) or "checkout" (development tree: file check skipped). */
  installation: 'bundle' | 'checkout';
  bundle: null | {
    root: string;
    ok: boolean;
    commit?: string;
    sourceDateEpoch?: number;
    archive?: { name: string; sha256: string };
    sumsSha256?: string;
    filesChecked: number;
    problems: Array<{ path: string; status: string; expected?: string; actual?: string }>;
    error?: string;
  };
  knownAnswers: KnownAnswerResult[];
  /** One line per failure. */
  failures: string[];
}

function render(r: SelfCheckResult): string {
  const out = [`coldkit ${r.version} self-check: ${r.ok ? 'PASSED' : 'FAILED'}`, '', `Node.js ${r.node} on ${r.platform}/${r.arch}`];
  if (!r.bundle) {
    out.push('Installation: a development checkout, not a release bundle — the file check is skipped (run the bundle\'s coldkit.mjs to check a release).');
  } else {
    const b = r.bundle;
    out.push(`Installation: release bundle ${sanitize(b.root)}${b.commit ? ` (commit ${b.commit})` : ''}`);
    if (b.archive) out.push(`Release archive SHA-256 (re-created from this folder): ${b.archive.sha256}  ${b.archive.name}`, '  Compare it with the published hash and with a second person\'s own build: they must be equal.');
    out.push(b.ok ? `Files: all ${b.filesChecked} match SHA256SUMS` : `Files: ${b.problems.length} of ${b.filesChecked} do NOT match SHA256SUMS`);
    for (const p of b.problems) out.push(`  ${p.status.toUpperCase().padEnd(10)} ${sanitize(p.path)}`);
    if (b.error) out.push(`  ${sanitize(b.error)}`);
  }
  out.push('', 'Known-answer tests:');
  for (const k of r.knownAnswers) {
    out.push(`  ${k.ok ? 'ok  ' : 'FAIL'} ${k.name}`, `       ${k.source}`);
    if (k.detail) out.push(`       ${sanitize(k.detail)}`);
  }
  out.push('', r.ok ? 'This copy of coldkit gives the published answers on this machine.' : 'Do not use this copy of coldkit for a ceremony: install one whose archive hash matches the published one, and run self-check again.');
  return out.join('\n');
}

const action: Action<typeof selfCheck> = async (_opts, ctx) => {
  const root = bundleRoot();
  const failures: string[] = [];
  let bundle: SelfCheckResult['bundle'] = null;
  if (root) {
    const c = checkBundle(root, { archive: true });
    bundle = {
      root,
      ok: c.ok,
      ...(c.build ? { commit: c.build.commit, sourceDateEpoch: c.build.sourceDateEpoch } : {}),
      ...(c.archive ? { archive: c.archive } : {}),
      ...(c.sumsSha256 ? { sumsSha256: c.sumsSha256 } : {}),
      filesChecked: c.files.length,
      problems: c.problems,
      ...(c.error ? { error: c.error } : {}),
    };
    if (!c.ok) failures.push(`bundle files: ${describeProblems(c)}`);
  }
  // Loaded here, not at the top: a damaged bundle (a missing WebAssembly file) must fail the check, not crash it.
  let kats: KnownAnswerResult[] = [];
  try {
    const { knownAnswers, runKnownAnswers } = await import('../../core/selfcheck/known-answers.js');
    kats = await runKnownAnswers(knownAnswers(ctx.random));
  } catch (e) {
    failures.push(`known-answer tests could not start: ${e instanceof Error ? e.message : String(e)}`);
  }
  for (const k of kats) if (!k.ok) failures.push(`${k.id}: ${k.detail}`);
  const result: SelfCheckResult = {
    ok: failures.length === 0,
    version: ctx.version,
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    installation: root ? 'bundle' : 'checkout',
    bundle,
    knownAnswers: kats,
    failures,
  };
  return {
    result,
    human: render,
    exitCode: result.ok ? EXIT.ok : EXIT.refused,
    journal: [
      {
        op: 'self-check',
        data: {
          ok: result.ok,
          installation: result.installation,
          node: result.node,
          platform: `${result.platform}/${result.arch}`,
          ...(bundle?.archive ? { archiveSha256: bundle.archive.sha256 } : {}),
          ...(bundle?.commit ? { commit: bundle.commit } : {}),
          knownAnswers: kats.length,
          failures,
        },
      },
    ],
  };
};
export default action;
