/** The `coldkit address` group: watch-only listing and search, and the signer's check of an address. */
import { command } from '../options/spec.js';
import { int } from '../options/parsers.js';
import { ANY_SEED_INPUT, PAYLOAD_INPUT, WATCH_ACCOUNT } from '../options/sets.js';

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

export const addressVerify = command({
  name: 'address verify',
  description: "check on the signer that an address is this seed's (or a vault's it cosigns): which account, branch and index",
  globals: ['network'],
  args: [{ name: '[address]', help: 'the address, or a bitcoin:/ethereum: URI; or give --from-qr' }],
  options: {
    ...ANY_SEED_INPUT,
    ...PAYLOAD_INPUT,
    wallet: {
      flag: '--wallet <file>',
      help: 'a vault file (wallet create --out) this seed cosigns: search the vault',
      doc: "a vault file (`wallet create --out`): the seed must be one of its cosigners (its key at the cosigner's path must be the file's xpub), and the vault's receive and change addresses are searched.",
      only: { chain: ['btc'] },
    },
    chain: { flag: '--chain <chain>', help: 'btc or eth', choices: ['btc', 'eth'], default: 'btc' },
    account: { flag: '--account <n>', help: 'the first account to search', parse: int(0, 0x7fffffff), default: 0 },
    accounts: { flag: '--accounts <n>', help: 'how many accounts to search, from --account', parse: int(1, 100), default: 1 },
    gap: {
      flag: '--gap <n>',
      help: 'indices to search on each branch',
      doc: 'indices searched on each branch (receive and change; Ethereum: m/44\'/60\'/account\'/0/i) of each account.',
      parse: int(1, 1_000_000),
      default: 1000,
    },
  },
});

export const COMMANDS = [addressList, addressFind, addressVerify];
