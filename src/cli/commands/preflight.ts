/** `coldkit preflight`: is this machine fit for a ceremony (network, radios, swap, core dumps, VM, clock, journal, recording)? */
import type { Command } from 'commander';
import { lazyAction } from '../command.js';
import { summary } from './groups.js';

/** Register `coldkit preflight`. */
export function register(program: Command): void {
  program
    .command('preflight')
    .description(summary('preflight'))
    .addHelpText('after', '\nReads /proc, /sys and /etc/resolv.conf only; sends nothing. Exit 0 when no check fails, 3 when one does.')
    .action(lazyAction(() => import('../actions/preflight.js')));
}
