/** `coldkit psbt inspect` (placeholder until the PSBT area lands it). */
import type { Context, Outcome } from '../command.js';
import { RuntimeFailure } from '../../core/errors.js';

/** Not built yet. */
export default async function psbtinspect(opts: unknown, ctx: Context): Promise<Outcome<unknown>> {
  void opts; void ctx;
  throw new RuntimeFailure('psbt inspect is not available in this build');
}
