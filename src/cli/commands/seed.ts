/** The `coldkit seed` group: new, check, finish. */
import { DEFAULT_SCHEME_ID, SCHEME_IDS } from '../../core/shares/scheme.js';
import { command } from '../options/spec.js';
import { int } from '../options/parsers.js';
import { ANY_SEED_INPUT, PASSPHRASE_INPUT, SEED_INPUT } from '../options/sets.js';

const SPLIT = ['split'];

export const seedNew = command({
  name: 'seed new',
  description: 'generate a new BIP39 seed from the OS CSPRNG (optionally mixed with dice) and show its words to write down',
  globals: ['network'],
  options: {
    mnemonicFile: {
      flag: '--mnemonic-file <path>',
      help: 'not used: seed new makes a seed',
      refused: 'seed new makes a new seed and reads none (to check an existing mnemonic: seed check; to split it: shares split)',
    },
    words: { flag: '--words <n>', help: 'number of words', choices: ['12', '15', '18', '21', '24'], default: '24' },
    dice: {
      flag: '--dice',
      help: 'type die rolls at a prompt; they are mixed with CSPRNG output',
      doc: 'type die rolls at a hidden prompt; they are **mixed** with CSPRNG output: entropy = SHA-256("coldkit/dice-mix/v1" ‖ CSPRNG bytes ‖ rolls), truncated.',
    },
    diceRolls: {
      flag: '--dice-rolls <file>',
      help: 'read die rolls (1-6, whitespace ignored) from a file or - for stdin; mixed with CSPRNG output',
      doc: 'the same as `--dice`, the rolls from a file or `-` (stdin): characters 1–6, whitespace ignored.',
    },
    diceOnly: {
      flag: '--dice-only',
      help: 'entropy = SHA-256 of the rolls alone (Coldcard/SeedSigner convention, re-derivable by hand)',
      doc: 'entropy = first bytes of SHA-256 of the roll string (the SeedSigner/Coldcard/seedtool convention; re-derivable by hand, see [dice.md](dice.md)). Needs `--dice` or `--dice-rolls`.',
    },
    card: { flag: '--card <file>', help: 'write the public wallet card (JSON) to FILE' },
    mnemonicOut: { flag: '--mnemonic-out <file>', help: 'write the words to FILE (mode 0600) instead of showing them' },
    seedqr: {
      flag: '--seedqr <png>',
      help: 'also write the seed as a CompactSeedQR PNG (SeedSigner format; mode 0600: it IS the seed)',
      doc: "also write the new seed as a **CompactSeedQR** PNG (SeedSigner's format: the entropy's 16 or 32 bytes in one byte-mode QR, error correction L; 21×21 modules for 12 words, 25×25 for 24), mode 0600. It is the seed itself, a secret like the words: print it on the wallet's paper backup or scan it into a SeedSigner, and keep it off networked machines. `--words 12` or `24` only; not with `--split`. Read back with `--mnemonic-qr`.",
      conflicts: ['split'],
    },
    reveal: { flag: '--reveal', help: 'include the words in --json output (with --split: print the shares)' },
    split: {
      flag: '--split <T-of-N>',
      help: 'never show the seed: split it into N Shamir shares, any T rebuild it (see coldkit shares split)',
      doc: 'never show the new seed: split it into N Shamir shares, any T of which rebuild it, through the ceremony of [`shares split`](cli/shares.md#seed-new---split). `--mnemonic-out` is refused with it.',
    },
    labels: { flag: '--labels <names>', help: 'with --split: comma-separated holder names, one per share in order (journaled)', needs: SPLIT },
    out: { flag: '--out <dir>', help: 'with --split: write printable share cards (HTML, SVG, QR PNG) and the wallet card into DIR', needs: SPLIT },
    confirm: { flag: '--confirm', help: 'with --split: each holder re-enters their share before the split counts as done', needs: SPLIT },
    format: {
      flag: '--format <format>',
      help: 'with --split: share format (slip39: a new SLIP-39 wallet, recoverable on a Trezor)',
      doc: 'with `--split`: the share format. `slip39` makes a new **SLIP-39 wallet** (its master secret, 128 bits for `--words 12`, 256 for 24, is the BIP32 seed; one group T-of-N; no passphrase), recoverable on a Trezor or Keystone; it has no BIP39 words. Alias `--scheme`.',
      choices: SCHEME_IDS,
      default: DEFAULT_SCHEME_ID,
      needs: SPLIT,
      aliases: ['--scheme'],
    },
    slip39Extendable: {
      flag: '--slip39-extendable',
      help: 'with --format slip39: set the SLIP-39 ext bit to 1 (SLIP-39\'s recommendation; Electrum 4.3 cannot read such shares)',
      doc: 'with `--format slip39`: write shares with ext = 1, as SLIP-39 recommends for new shares (the identifier is then not mixed into the encryption, so the set can be extended later). Default ext = 0, which every SLIP-39 reader accepts, Electrum 4.3 and older Trezor firmware included; see [shares.md](cli/shares.md#slip-39).',
      needs: SPLIT,
    },
    ...PASSPHRASE_INPUT,
  },
  overrides: ['biased-dice'],
  helpAfter: '\n--passphrase/--passphrase-file set the passphrase for the wallet card (the fingerprint is shown with and without it).',
});

export const seedCheck = command({
  name: 'seed check',
  description: 'validate a mnemonic (precise errors, 4-letter prefixes) and print its fingerprint and wallet card',
  globals: ['network'],
  options: {
    ...SEED_INPUT,
    card: { flag: '--card <file>', help: 'write the public wallet card (JSON) to FILE' },
    expectFingerprint: { flag: '--expect-fingerprint <hex>', help: 'exit 3 unless the master fingerprint equals HEX' },
  },
});

export const seedFinish = command({
  name: 'seed finish',
  description: 'given 11, 14, 17, 20 or 23 hand-chosen words, list every valid final word',
  options: {
    mnemonicFile: { flag: '--mnemonic-file <path>', help: 'read the partial words from a file or - for stdin (default: hidden prompt)' },
  },
});

const BIP39_APP = { app: ['bip39'] };

export const seedDeriveChild = command({
  name: 'seed derive-child',
  description: 'derive a child seed from this seed with BIP85 (a BIP39 mnemonic, an HD-seed WIF or an xprv): no new backup needed',
  globals: ['network'],
  options: {
    ...ANY_SEED_INPUT,
    app: {
      flag: '--app <application>',
      help: "BIP85 application: bip39 (39', words), wif (2', Bitcoin Core HD seed), xprv (32')",
      doc: "the BIP85 application: `bip39` (39h, English words, path `m/83696968h/39h/0h/{words}h/{index}h`), `wif` (2h, a compressed WIF, `m/83696968h/2h/{index}h`), `xprv` (32h, `m/83696968h/32h/{index}h`).",
      choices: ['bip39', 'wif', 'xprv'],
      default: 'bip39',
    },
    words: { flag: '--words <n>', help: 'child mnemonic length', choices: ['12', '15', '18', '21', '24'], default: '24', only: BIP39_APP },
    index: {
      flag: '--index <n>',
      help: 'child index (0, 1, 2 …): each index is another child; record which one you use',
      doc: 'the child number, 0 to 2^31−1. The same parent, application, length and index always give the same child; a different index an unrelated one.',
      parse: int(0, 0x7fffffff),
      required: true,
    },
    card: { flag: '--card <file>', help: "write the child's public wallet card (JSON) to FILE", only: BIP39_APP },
    out: {
      flag: '--out <file>',
      help: 'write the child secret (words, WIF or xprv) to FILE (mode 0600) instead of showing it',
      aliases: ['--mnemonic-out'],
    },
    reveal: { flag: '--reveal', help: 'include the child secret in --json output' },
  },
  helpAfter: "\nThe parent's passphrase options (--passphrase, --passphrase-file) apply to the parent seed; the child has none.",
});

export const COMMANDS = [seedNew, seedCheck, seedFinish, seedDeriveChild];
