/**
 * Option sets several commands share, so every command spells the same thing the same way:
 * where a seed comes from, where an air-gap payload comes from and goes to.
 */
import { FORMAT_CHOICES } from '../../core/transport/choices.js';
import { optionSet, type SetValues } from './spec.js';

/** The BIP39 passphrase: typed hidden, or from a file. */
export const PASSPHRASE_INPUT = optionSet({
  passphrase: {
    flag: '--passphrase',
    help: 'use a BIP39 passphrase, typed at a hidden prompt (asked twice)',
    doc: 'use a BIP39 passphrase, typed twice at a hidden prompt. A wrong passphrase is another wallet (another fingerprint).',
    conflicts: ['passphraseFile'],
  },
  passphraseFile: {
    flag: '--passphrase-file <path>',
    help: 'read the BIP39 passphrase from a file (one trailing newline ignored)',
    doc: 'read the BIP39 passphrase from a file (one trailing newline ignored); `-` = stdin, but stdin cannot carry two inputs.',
  },
});

/** --mnemonic-qr IMAGE: the mnemonic from a SeedQR image (src/cli/secrets.ts readMnemonic). */
export const MNEMONIC_QR = optionSet({
  mnemonicQr: {
    flag: '--mnemonic-qr <image>',
    help: "read the mnemonic from a SeedQR image (SeedSigner's standard or compact format; PNG)",
    doc: "the mnemonic from a **SeedQR** PNG image: SeedSigner's standard (4 digits a word) or CompactSeedQR (the entropy's bytes) format, 12 or 24 words; a QR holding the words as text is read too. The image is a secret: keep it off networked machines.",
    conflicts: ['mnemonicFile'],
  },
});

/** --mnemonic-file, --mnemonic-qr, --passphrase, --passphrase-file: the seed (never argv, never the environment). */
export const SEED_INPUT = optionSet({
  mnemonicFile: {
    flag: '--mnemonic-file <path>',
    help: 'read the mnemonic from a file, or - for stdin (default: hidden prompt on a terminal)',
    doc: 'the mnemonic, from a file or `-` (stdin). Default: a hidden prompt on a terminal (4-letter prefixes are enough); without a terminal, exit 2.',
  },
  ...MNEMONIC_QR,
  ...PASSPHRASE_INPUT,
});

/** --slip39-file: a SLIP-39 wallet's shares instead of a BIP39 mnemonic (src/cli/seed-input.ts readSeed). */
export const SLIP39_INPUT = optionSet({
  slip39File: {
    flag: '--slip39-file <path>',
    help: 'use a SLIP-39 wallet: read its shares from FILE, one a line (repeatable; - = stdin) instead of a mnemonic',
    doc: 'a SLIP-39 wallet (Trezor, Keystone) instead of a BIP39 mnemonic: its shares, one a line, from FILE (`-` = stdin; give the flag once a file). The master secret they rebuild (with `--passphrase`/`--passphrase-file` as the SLIP-39 passphrase) is the BIP32 seed.',
    repeatable: true,
    conflicts: ['mnemonicFile', 'mnemonicQr'],
  },
  slip39: {
    flag: '--slip39',
    help: 'use a SLIP-39 wallet: type its shares at the prompt (word by word, SLIP-39 list, completion)',
    doc: 'a SLIP-39 wallet whose shares are typed at the prompt, word by word with completion (4 letters are enough), as `shares combine` reads them; piped stdin: one share a line.',
    conflicts: ['mnemonicFile', 'mnemonicQr', 'slip39File'],
  },
});

/** A seed from a BIP39 mnemonic or SLIP-39 shares, with the passphrase. */
export const ANY_SEED_INPUT = optionSet({ ...SEED_INPUT, ...SLIP39_INPUT });

/** --from-qr IMAGES|DIR: read the payload from QR images instead of a file. */
export const PAYLOAD_INPUT = optionSet({
  fromQr: {
    flag: '--from-qr <paths...>',
    help: 'read the payload from QR code images (files or a folder of frames)',
    doc: 'read the payload from QR images instead of a file: PNG files, a folder of frames, or a video (as [`qr decode`](cli/qr.md#qr-decode) reads them); the digest is noted on stderr.',
  },
});

const QR_TARGETS = ['qrPng', 'qrHtml', 'qrTerminal'] as const;

/** --qr-png DIR, --qr-html FILE, --qr-terminal, --qr-format: also emit the output payload as QR. */
export const PAYLOAD_OUTPUT = optionSet({
  qrPng: { flag: '--qr-png <dir>', help: 'also write the output payload as numbered PNG QR frames into DIR' },
  qrHtml: { flag: '--qr-html <file>', help: 'also write the output payload as a self-contained animated QR page' },
  qrTerminal: { flag: '--qr-terminal', help: 'also show the output payload as QR in the terminal (on stderr)' },
  qrFormat: {
    flag: '--qr-format <format>',
    help: 'QR transport format for the output payload',
    doc: 'QR transport format for the output payload (default: the format the input came in, else automatic; see [qr.md](cli/qr.md)).',
    choices: FORMAT_CHOICES,
    needs: QR_TARGETS,
  },
});

/** --descriptor or --wallet: the watch-only account (src/cli/wallet-input.ts). */
export const WATCH_ACCOUNT = optionSet({
  descriptor: {
    flag: '--descriptor <desc>',
    help: 'output descriptor, e.g. wpkh([fp/84h/0h/0h]xpub…/<0;1>/*)#checksum',
    doc: 'the account as a BIP380 descriptor: single-key `wpkh`, `sh(wpkh)`, `pkh` or `tr` with an xpub, `/0/*`, `/1/*` or `/<0;1>/*` (the checksum is verified when present).',
  },
  wallet: { flag: '--wallet <file>', help: 'account export JSON (account export --out) or vault file (wallet create --out) instead of --descriptor' },
});

/** --share-file (repeatable) and --from-qr: where shares are read from (never argv). */
export const SHARE_INPUT = optionSet({
  shareFile: {
    flag: '--share-file <file>',
    help: 'read one share from FILE (repeatable); - reads one share a line from stdin',
    doc: 'one share in FILE. `--share-file -` reads stdin, one share a line.',
    repeatable: true,
  },
  fromQr: {
    flag: '--from-qr <images...>',
    help: 'read shares from QR images (PNG) of share cards, one share an image',
    doc: 'PNG images of share-card QR codes, one share an image (a folder: its `.png` files in natural order).',
  },
});

/** What src/cli/secrets.ts reads. */
export type SeedInputOptions = Partial<SetValues<typeof SEED_INPUT>>;

/** What src/cli/seed-input.ts reads. */
export type AnySeedInputOptions = Partial<SetValues<typeof ANY_SEED_INPUT>>;

/** What src/cli/shares/read-shares.ts reads. */
export type ShareInputOptions = Partial<SetValues<typeof SHARE_INPUT>>;

/** --policy, --approval-request, --approval: a signing command under the adopted policy (src/cli/policy/gate.ts). */
export const POLICY_GATE = optionSet({
  policy: {
    flag: '--policy <file>',
    help: "the adopted policy file (must match the adopted SHA-256; default: the journal's copy)",
    doc: 'the policy file; refused (exit 3) unless its SHA-256 is the adopted one. Default: the copy the journal holds since `policy adopt`. See [policy.md](cli/policy.md).',
  },
  approvalRequest: {
    flag: '--approval-request <file>',
    help: 'the approval request (coldkit approval request) the approvals sign',
    doc: 'the approval request (`coldkit approval request`) the `--approval` signatures sign. The signer rebuilds it from the payload and the adopted policy: it must describe exactly this payload and not have expired.',
  },
  approval: {
    flag: '--approval <file>',
    help: "an approver's SSH signature of the request (ssh-keygen -Y sign -n coldkit-approval), repeatable",
    doc: "an approver's SSHSIG signature of the request (`ssh-keygen -Y sign -n coldkit-approval` or `coldkit approve`), one per approver.",
    repeatable: true,
    needs: ['approvalRequest'],
  },
});

/** What src/cli/policy/gate.ts reads. */
export type PolicyGateOptions = Partial<SetValues<typeof POLICY_GATE>>;
