/**
 * The review flow before signing, SeedSigner's views/psbt_views.py as a walk over the screens of
 * render.ts: overview → inputs → math → each recipient → each change → warnings → approve. On a
 * terminal each screen waits for the operator ("Continue?"; no stops the ceremony, exit 3); with
 * `--yes` or without a terminal every screen is printed at once and the single approval is
 * answered by `--yes` (or fails with exit 2). The prompter is the context's, so tests drive the
 * flow with scripted answers.
 */
import type { PsbtReview } from '../../core/btc/review.js';
import type { Finding } from '../../core/findings/finding.js';
import type { Context } from '../command.js';
import { reviewScreens } from './render.js';

/** Walk the review and ask for approval; resolves only when the operator approved. */
export async function walkReview(ctx: Pick<Context, 'note' | 'prompt' | 'globals'>, review: PsbtReview, findings: readonly Finding[], approve: string, extra: string[] = []): Promise<void> {
  const screens = reviewScreens(review, findings);
  const stepwise = ctx.prompt.interactive && !ctx.globals.yes;
  for (const [n, s] of screens.entries()) {
    ctx.note([`== ${s.title}${stepwise ? ` (${n + 1}/${screens.length})` : ''}`, ...s.lines.map((l) => `  ${l}`)].join('\n'));
    if (stepwise && n < screens.length - 1) await ctx.prompt.confirm('Continue?');
  }
  for (const line of extra) ctx.note(line);
  await ctx.prompt.confirm(approve);
}
