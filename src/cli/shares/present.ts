/** `seed new --split`: present a new seed only as its shares. Owned by the shares area. */
import type { Context, Outcome } from '../command.js';
import { RuntimeFailure } from '../../core/errors.js';

/** Split `entropy` and show/write the shares. */
export async function presentSplit(entropy: Uint8Array, opts: Record<string, unknown>, ctx: Context): Promise<Outcome<unknown>> {
  void entropy; void opts; void ctx;
  throw new RuntimeFailure('seed new --split is not available in this build');
}
