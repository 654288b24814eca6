/** `coldkit psbt sign` (placeholder until the PSBT area lands it). */
import type { Context, Outcome } from '../command.js';
import { RuntimeFailure } from '../../core/errors.js';

/** Not built yet. */
export default async function psbtsign(opts: unknown, ctx: Context): Promise<Outcome<unknown>> {
  void opts; void ctx;
  throw new RuntimeFailure('psbt sign is not available in this build');
}
