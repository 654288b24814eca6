/** `coldkit derive`: one key at a path. */
import { command } from '../options/spec.js';
import { ANY_SEED_INPUT } from '../options/sets.js';

export const derive = command({
  name: 'derive',
  globals: ['network'],
  options: {
    ...ANY_SEED_INPUT,
    path: { flag: '--path <path>', help: "derivation path, e.g. m/84h/0h/0h/0/0 or m/44h/60h/0h/0/0", required: true },
    script: { flag: '--script <type>', help: 'address type for bitcoin', choices: ['wpkh', 'sh-wpkh', 'pkh', 'tr'], default: 'wpkh', only: { chain: ['btc'] } },
    chain: { flag: '--chain <chain>', help: 'btc or eth', choices: ['btc', 'eth'], default: 'btc' },
    reveal: {
      flag: '--reveal',
      help: 'also print the private key (WIF for btc, hex for eth); a warning goes to stderr',
    },
  },
});

export const COMMANDS = [derive];
