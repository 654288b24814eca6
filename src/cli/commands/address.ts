/** The `coldkit address` group: watch-only listing and search. */
import { command } from '../options/spec.js';
import { int } from '../options/parsers.js';
import { WATCH_ACCOUNT } from '../options/sets.js';

export const addressList = command({
  name: 'address list',
  description: 'list addresses of a descriptor',
  globals: ['network'],
  options: {
    ...WATCH_ACCOUNT,
    from: { flag: '--from <n>', help: 'first index', parse: int(0, 0x7fffffff), default: 0 },
    count: { flag: '--count <n>', help: 'how many', parse: int(1, 1_000_000), default: 20 },
    change: { flag: '--change', help: 'the change branch (/1/*) instead of receive' },
  },
});

export const addressFind = command({
  name: 'address find',
  description: 'find the branch and index of an address within a gap limit',
  globals: ['network'],
  args: [{ name: '<address>', help: 'address to look for' }],
  options: {
    ...WATCH_ACCOUNT,
    gap: { flag: '--gap <n>', help: 'indices to search on each branch', parse: int(1, 1_000_000), default: 1000 },
  },
});

export const COMMANDS = [addressList, addressFind];
