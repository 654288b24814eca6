/** `coldkit preflight`: is this machine fit for a ceremony (network, radios, swap, core dumps, VM, clock, journal, recording)? */
import { command } from '../options/spec.js';

export const preflight = command({
  name: 'preflight',
  options: {},
  helpAfter: '\nReads /proc, /sys and /etc/resolv.conf only; sends nothing. Exit 0 when no check fails, 3 when one does.',
});

export const COMMANDS = [preflight];
