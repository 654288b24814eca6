/** `coldkit demo`: a whole ceremony on built-in sample data. */
import type { Command } from 'commander';
import { lazyAction } from '../command.js';
import { summary } from './groups.js';

/** Register `coldkit demo`. */
export function register(program: Command): void {
  program
    .command('demo')
    .description(summary('demo'))
    .option('--dir <dir>', 'where to leave the artefacts (default: a new folder under the system temp dir)')
    .action(lazyAction(() => import('../actions/demo.js')));
}
