/** The `coldkit qr` command group (owned by the qr engineer; registered in commands/index.ts). */
import type { Command } from 'commander';

/** Register `coldkit qr …`. */
export function register(program: Command): void {
  void program;
}
