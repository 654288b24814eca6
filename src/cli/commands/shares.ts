/**
 * The `coldkit shares` group: split a seed into Shamir shares (coldkit v1 or SSKR), check one
 * share alone, combine shares, and run recovery drills that print MATCH/MISMATCH, never words.
 * Formats: docs/formats/shares-v1.md; commands: docs/cli/shares.md.
 */
import { DEFAULT_SCHEME_ID, SCHEME_IDS } from '../../core/shares/scheme.js';
import { command } from '../options/spec.js';
import { int } from '../options/parsers.js';
import { MNEMONIC_QR, PASSPHRASE_INPUT, SHARE_INPUT } from '../options/sets.js';

const SHARE_INPUT_HELP = '\nWithout --share-file or --from-qr, shares are read one a line from piped stdin, or typed at a prompt\n(word by word, 4 letters are enough, with completion) on a terminal.';

/**
 * The split options, one set for `shares split` and `shares reissue` (which takes them all but the
 * mnemonic source, with T, N and the format defaulting to the old set's).
 */
export const SPLIT_OPTIONS = {
  threshold: {
    flag: '--threshold <T>',
    help: 'shares needed to rebuild (2..16)',
    doc: 'shares needed to rebuild: 2..16 (1-of-N would be plain copies of the seed).',
    parse: int(1, 16),
    required: true,
  },
  shares: { flag: '--shares <N>', help: 'shares made (T..16)', parse: int(1, 16), required: true },
  mnemonicFile: { flag: '--mnemonic-file <path>', help: 'read the mnemonic from a file, or - for stdin (default: hidden prompt on a terminal)' },
  ...MNEMONIC_QR,
  passphrase: {
    ...PASSPHRASE_INPUT.passphrase,
    help: 'the wallet uses a BIP39 passphrase (for the wallet card only; it is NOT in the shares)',
    doc: "the BIP39 passphrase (hidden prompt, asked twice), **only** for the wallet card's fingerprint and addresses. It is not in the shares: keep it separately.",
  },
  passphraseFile: { ...PASSPHRASE_INPUT.passphraseFile, help: 'read the BIP39 passphrase from a file (wallet card only)', doc: 'the same from a file (wallet card only).' },
  labels: {
    flag: '--labels <names>',
    help: 'comma-separated holder names, one per share in order (printed on the cards, journaled)',
    doc: "holder names, one per share in order (letters, digits, space `. _ @ ' -`, ≤ 40 characters, unique). Printed on the cards and the terminal, journaled.",
  },
  out: {
    flag: '--out <dir>',
    help: 'write printable share cards (HTML, SVG, QR PNG; mode 0600) and the public wallet card into DIR',
    doc: 'a new or empty directory: per share `share-K.html` (printable card), `share-K.svg` (the same card as SVG), `share-K-qr.png` (the QR alone), all mode 0600; plus `wallet-card.json` and `wallet-card.html` (public).',
  },
  confirm: {
    flag: '--confirm',
    help: 'each holder re-enters their share from paper before the split counts as done (terminal)',
    doc: "after the shares are shown or printed, each holder re-enters their share (prompt); a valid but different share names the first differing word position, a typo gets the decoder's error; 3 misses stop with exit 3 and nothing is journaled. Needs a terminal.",
  },
  reveal: {
    flag: '--reveal',
    help: 'print the shares in the output (human or --json), for a non-terminal ceremony',
    doc: 'print the shares in the output (human, or `shares[].text`/`qr` in `--json`) for a scripted ceremony.',
  },
  format: {
    flag: '--format <format>',
    help: 'share format: coldkit v1 words, or SSKR (Bytewords + ur:sskr) as an exit path',
    doc: 'coldkit v1 words, or SSKR: Bytewords on the card, `UR:SSKR/…` in the QR. `slip39` is refused here: an existing BIP39 wallet cannot become SLIP-39 shares of the same wallet (SLIP-39 shares hold the BIP32 seed; a BIP39 seed is PBKDF2 of the words). A new SLIP-39 wallet: `seed new --split T-of-N --format slip39`. Alias `--scheme`.',
    choices: SCHEME_IDS,
    default: DEFAULT_SCHEME_ID,
    aliases: ['--scheme'],
  },
} as const;

export const sharesSplit = command({
  name: 'shares split',
  description: 'split an existing seed into N shares, any T of which rebuild it; every T-subset is checked before anything is shown',
  globals: ['network'],
  options: SPLIT_OPTIONS,
});

export const sharesVerify = command({
  name: 'shares verify',
  description: 'check each share on its own (words, checksum, version) and print its set words, k of n and T; no secret involved',
  options: { ...SHARE_INPUT },
  helpAfter: SHARE_INPUT_HELP,
});

export const sharesCombine = command({
  name: 'shares combine',
  description: 'rebuild the seed from T shares with precise errors; prints the fingerprint only unless --reveal or --mnemonic-out',
  globals: ['network'],
  options: {
    ...SHARE_INPUT,
    reveal: { flag: '--reveal', help: 'print the recovered mnemonic (a real recovery, on an offline machine)' },
    mnemonicOut: { flag: '--mnemonic-out <file>', help: 'write the recovered mnemonic to FILE (mode 0600) for other commands (--mnemonic-file)' },
    ...PASSPHRASE_INPUT,
  },
  helpAfter: SHARE_INPUT_HELP,
});

export const sharesDrill = command({
  name: 'shares drill',
  description: 'recovery drill: combine in memory, compare fingerprint and first address with the wallet card, print MATCH or MISMATCH (never words)',
  globals: ['network'],
  options: {
    ...SHARE_INPUT,
    card: { flag: '--card <file>', help: 'the public wallet card (wallet-card.json from seed new/check or shares split --out)' },
    expectFingerprint: { flag: '--expect-fingerprint <hex>', help: 'compare with this master fingerprint instead of a card' },
    ...PASSPHRASE_INPUT,
  },
  helpAfter: SHARE_INPUT_HELP,
});

const { threshold: T_OPT, shares: N_OPT, format: FORMAT_OPT, mnemonicFile: _m, mnemonicQr: _mq, passphrase: _p, passphraseFile: _pf, ...SPLIT_REST } = SPLIT_OPTIONS;

export const sharesReissue = command({
  name: 'shares reissue',
  description: 'combine T shares of a set, check the fingerprint the journal recorded for it, split the seed anew (new set id; same or new T-of-N and holders), and retire the old set in the journal',
  globals: ['network'],
  options: {
    ...SHARE_INPUT,
    ...PASSPHRASE_INPUT,
    expectFingerprint: {
      flag: '--expect-fingerprint <hex>',
      help: "the wallet's master fingerprint, when the journal has no record of the old set (else it must agree with the record)",
    },
    threshold: { ...T_OPT, required: false, help: 'shares needed to rebuild the new set (default: the old set\'s T)', doc: "shares needed to rebuild the new set: 2..16 (default: the old set's T)." },
    shares: { ...N_OPT, required: false, help: "shares in the new set (default: the old set's N)" },
    format: {
      flag: FORMAT_OPT.flag,
      help: "share format of the new set (default: the old set's); v1/SSKR hold BIP39 entropy, SLIP-39 a BIP32 seed, so SLIP-39 stays SLIP-39",
      doc: "format of the new set (default: the old set's). v1 and SSKR both hold the BIP39 entropy and can be swapped; a SLIP-39 set holds the BIP32 seed and is reissued as SLIP-39. Alias `--scheme`.",
      choices: FORMAT_OPT.choices,
      aliases: FORMAT_OPT.aliases,
    },
    ...SPLIT_REST,
    labels: { ...SPLIT_REST.labels, help: "comma-separated holder names of the new set, in share order (default: the old set's holders when N is unchanged)", doc: "holder names of the new set, one per share in order (as for `shares split`); default: the old set's holders when N is unchanged." },
  },
  helpAfter: SHARE_INPUT_HELP + '\nThe old shares still rebuild the same seed: collect and destroy them once the new set is drilled.',
});

export const COMMANDS = [sharesSplit, sharesVerify, sharesCombine, sharesDrill, sharesReissue];
