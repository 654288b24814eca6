/**
 * Registering the command groups on the root program: every group fully (tests, docs), or only
 * the group a command line names, with the others as one-line entries so `--help` still lists
 * them. Group files import only commander and the light framework; actions load lazily.
 */
import type { Command } from 'commander';
import { GROUPS } from './groups.js';

/** Register the groups in help order: all fully, or only `only` fully and the rest as summaries. */
export async function registerAll(program: Command, only?: string | null): Promise<void> {
  for (const g of GROUPS) {
    if (only === undefined || g.name === only) (await g.load()).register(program);
    else program.command(g.name).description(g.summary);
  }
}

/** Is `name` a command group? */
export function isGroup(name: string | undefined): boolean {
  return GROUPS.some((g) => g.name === name);
}
