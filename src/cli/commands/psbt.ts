/** The `coldkit psbt` command group (owned by the psbt engineer; registered in commands/index.ts). */
import type { Command } from 'commander';

/** Register `coldkit psbt …`. */
export function register(program: Command): void {
  void program;
}
