/** The `coldkit key` group: lifecycle acts on a key named by its master fingerprint. */
import { command } from '../options/spec.js';

export const keyRetire = command({
  name: 'key retire',
  description: 'journal a key (by master fingerprint) as retired: status lists it so, and it is no longer due for drills or rotation',
  args: [{ name: '<fingerprint>', help: 'the BIP32 master fingerprint of the key (8 hex digits, as status lists it)' }],
  options: {
    reason: { flag: '--reason <text>', help: 'why the key is retired (rotation, compromise suspected, holder left …): journaled', required: true },
  },
});

export const COMMANDS = [keyRetire];
