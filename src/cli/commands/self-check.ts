/** `coldkit self-check`: the bundle's files against SHA256SUMS and known-answer tests run in place. */
import type { Command } from 'commander';
import { lazyAction } from '../command.js';
import { summary } from './groups.js';

/** Register `coldkit self-check`. */
export function register(program: Command): void {
  program
    .command('self-check')
    .description(summary('self-check'))
    .addHelpText('after', '\nExit 0 when everything matches; 3 when a file or a known answer does not (do not use this copy for a ceremony).')
    .action(lazyAction(() => import('../actions/self-check.js')));
}
