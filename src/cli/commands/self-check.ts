/** `coldkit self-check`: the bundle's files against SHA256SUMS and known-answer tests run in place. */
import { command } from '../options/spec.js';

export const selfCheck = command({
  name: 'self-check',
  options: {},
  helpAfter: '\nExit 0 when everything matches; 3 when a file or a known answer does not (do not use this copy for a ceremony).',
});

export const COMMANDS = [selfCheck];
