/**
 * The `coldkit btc` group: prove control of an address by signing a message (BIP-322 simple or
 * full, or the legacy BIP-137 / Electrum format), and verify such a signature on either side.
 */
import { command } from '../options/spec.js';
import { int } from '../options/parsers.js';
import { ANY_SEED_INPUT, PAYLOAD_INPUT, PAYLOAD_OUTPUT } from '../options/sets.js';

const MESSAGE_FILE = {
  name: '[file]',
  help: 'the message file (its exact bytes are signed), or - for stdin',
  doc: 'the message: the exact bytes of FILE are signed (no newline is added or stripped; `printf` not `echo`). `-` = stdin.',
};

export const btcSignMessage = command({
  name: 'btc sign-message',
  description: 'prove control of an address: sign a message with its key (BIP-322, or --legacy BIP-137) after showing its exact bytes (offline)',
  globals: ['network', 'yes'],
  args: [MESSAGE_FILE],
  options: {
    ...PAYLOAD_INPUT,
    ...ANY_SEED_INPUT,
    address: {
      flag: '--address <addr>',
      help: 'the address to sign for (found in --wallet, or in account 0 of its standard path)',
      doc: "the address to sign for. With `--path`, the key there must be this address (exit 3 otherwise). Without `--path`, it is looked up in `--wallet`'s account, else in account 0 of the BIP44/49/84/86 path its type implies (receive and change, `--gap-limit` indices each).",
    },
    path: {
      flag: '--path <path>',
      help: "the key's derivation path, e.g. m/84'/0'/0'/0/5 (the address type from its purpose or --script)",
      doc: "the key's path. Its address type is `--script`, else the path's purpose (44 pkh, 49 sh-wpkh, 84 wpkh, 86 tr).",
    },
    script: {
      flag: '--script <type>',
      help: 'address type of the key at --path',
      choices: ['wpkh', 'sh-wpkh', 'pkh', 'tr'],
      needs: ['path'],
    },
    wallet: {
      flag: '--wallet <file>',
      help: 'account export JSON to find --address in (its fingerprint must be this seed\'s)',
      doc: "the account file from `coldkit account export --out`: `--address` is looked up among its receive and change addresses; its master fingerprint must be this seed's (exit 3).",
      needs: ['address'],
    },
    gapLimit: { flag: '--gap-limit <n>', help: 'indices searched on each branch for --address', parse: int(1, 100000), default: 1000 },
    legacy: {
      flag: '--legacy',
      help: 'sign the legacy way (BIP-137 header byte; P2PKH, P2SH-P2WPKH, P2WPKH), as Electrum, Trezor and Sparrow verify',
      doc: 'a legacy "Bitcoin Signed Message" signature (65 bytes base64, BIP-137 header byte 27–42) instead of BIP-322; P2PKH, P2SH-P2WPKH and P2WPKH only (taproot has none).',
      conflicts: ['format'],
    },
    electrum: {
      flag: '--electrum',
      help: "with --legacy: Electrum's header (31–34) for every address type",
      doc: "with `--legacy`: Electrum's header convention (31–34, the compressed-P2PKH header, for every address type) instead of BIP-137's 35–42 for segwit; Electrum verifies only this form for segwit addresses.",
      needs: ['legacy'],
    },
    format: {
      flag: '--format <f>',
      help: 'BIP-322 format (default: simple for P2WPKH and P2TR, full for P2PKH and P2SH-P2WPKH)',
      choices: ['simple', 'full'],
    },
    out: { flag: '--out <file>', help: 'also write the signature (base64, one line) to FILE; an existing file is not overwritten' },
    ...PAYLOAD_OUTPUT,
  },
  overrides: ['message-hash', 'message-transaction', 'message-binary'],
  helpAfter: '\nThe message is shown escaped (\\n, \\u{…}, \\xNN) exactly as it will be signed; a 32-byte hash, a transaction\nor binary bytes are refused (blind signing) unless the named --allow-… flag is given.',
});

export const btcVerifyMessage = command({
  name: 'btc verify-message',
  description: 'verify a message signature (BIP-322 simple/full or legacy BIP-137/Electrum) for an address (either side)',
  globals: ['network'],
  args: [MESSAGE_FILE],
  options: {
    ...PAYLOAD_INPUT,
    address: { flag: '--address <addr>', help: 'the address that signed', required: true },
    signature: {
      flag: '--signature <sig>',
      help: 'the signature (base64); or --signature-file',
      doc: 'the signature, base64 (BIP-322 with or without its `smp`/`ful` prefix, or a 65-byte legacy signature).',
      conflicts: ['signatureFile'],
    },
    signatureFile: { flag: '--signature-file <file>', help: 'read the signature from FILE' },
  },
});

export const COMMANDS = [btcSignMessage, btcVerifyMessage];
