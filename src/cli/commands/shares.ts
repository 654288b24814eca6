/** The `coldkit shares` command group (owned by the shares engineer; registered in commands/index.ts). */
import type { Command } from 'commander';

/** Register `coldkit shares …`. */
export function register(program: Command): void {
  void program;
}
