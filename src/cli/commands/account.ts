/** The `coldkit account` group: watch-only export and import. */
import { command, onlyWhen } from '../options/spec.js';
import { int } from '../options/parsers.js';
import { PAYLOAD_INPUT, PAYLOAD_OUTPUT, ANY_SEED_INPUT } from '../options/sets.js';

const SCRIPTS = ['wpkh', 'sh-wpkh', 'pkh', 'tr'] as const;
/** `account export` also exports a vault cosigner key (BIP48). */
const EXPORT_SCRIPTS = [...SCRIPTS, 'wsh-multi', 'sh-wsh-multi', 'tr-multi'] as const;
const BTC = { chain: ['btc'] };

export const accountExport = command({
  name: 'account export',
  description: 'export an account xpub, descriptors and import files for Bitcoin Core, Sparrow and Electrum (or an Ethereum account)',
  globals: ['network'],
  options: {
    ...ANY_SEED_INPUT,
    script: {
      flag: '--script <type>',
      help: "script type: wpkh (BIP84), sh-wpkh (BIP49), pkh (BIP44), tr (BIP86); a vault cosigner key: wsh-multi (BIP48 …/2'), sh-wsh-multi (BIP48 …/1'), tr-multi (m/48'/coin'/account'/3')",
      doc: "script type: `wpkh` (BIP84), `sh-wpkh` (BIP49), `pkh` (BIP44), `tr` (BIP86). `wsh-multi` / `sh-wsh-multi` export this seed's **vault cosigner key** at BIP48 `m/48'/coin'/account'/2'` (P2WSH) or `…/1'` (P2SH-P2WSH) for `wallet create --cosigner`: a `coldkit/cosigner` JSON (`--out`), the key expression `[fp/48h/0h/0h/2h]xpub` (the QR payload), and with `--export-dir` `cosigner.txt` and Coldcard's generic `coldcard-cosigner.json`. `tr-multi` exports the cosigner key of a taproot vault (`wallet create --script tr`) at `m/48'/coin'/account'/3'`: BIP48 defines no taproot script type; 3' is the one the closed, unmerged BIP48 amendment bitcoin/bips#1473 proposed and several coordinators use (Sparrow's maintainer noted there is no path standard for taproot multisig; see docs/ceremonies/multisig-vault.md). There is no SLIP-132 form, no Coldcard generic JSON entry and no BCR-2020-015 QR entry for it: the export is the JSON and the key expression (`cosigner.txt`), and `--qr-…` is refused.",
      choices: EXPORT_SCRIPTS,
      default: 'wpkh',
      only: BTC,
    },
    account: { flag: '--account <n>', help: 'account number', parse: int(0, 0x7fffffff), default: 0, conflicts: ['path'] },
    path: {
      flag: '--path <path>',
      help: "explicit account path, e.g. m/84'/0'/0' (instead of --script's standard path)",
      doc: "explicit account path instead of the standard one (`m/84'/0'/0'`; `h` or `'`).",
    },
    chain: {
      flag: '--chain <chain>',
      help: "btc, or eth for the m/44h/60h/0h Ethereum account",
      doc: "`eth`: the `m/44h/60h/0h` account, its xpub and first EIP-55 addresses. Coin type follows `--network` for btc (0h mainnet, 1h test networks).",
      choices: ['btc', 'eth'],
      default: 'btc',
    },
    count: { flag: '--count <n>', help: 'number of first receive addresses to list', parse: int(1, 1000), default: 3 },
    out: {
      flag: '--out <file>',
      help: 'write the account export (the --wallet file other commands read) as JSON',
      doc: 'the account export JSON — the `--wallet FILE` other commands read.',
    },
    exportDir: {
      flag: '--export-dir <dir>',
      help: 'write bitcoin-core-importdescriptors.json, sparrow.json, electrum.json and descriptor.txt into DIR',
      only: BTC,
    },
    birthday: {
      flag: '--birthday <date>',
      help: "the seed's first use, for Bitcoin Core's rescan: YYYY-MM-DD, a UNIX time, 0 (rescan everything; the default) or now (no rescan: only for a seed made just now)",
      doc: "the `timestamp` of `bitcoin-core-importdescriptors.json` (and `imports.bitcoinCore`): a date `YYYY-MM-DD` (UTC), a UNIX time, `0` — the default, a full rescan, right for any restored or older seed — or `now` (no rescan; only for a seed made in this ceremony). Core takes a time, not a block height: a height is refused. The output says which was used.",
      only: { ...BTC, script: ['wpkh', 'sh-wpkh', 'pkh', 'tr'] },
    },
    reveal: { flag: '--reveal', help: 'also print the account xprv (a warning goes to stderr)' },
    ...onlyWhen(BTC, PAYLOAD_OUTPUT),
  },
  overrides: ['unhardened'],
  helpAfter: '\nThe QR output (--qr-…) is the multipath descriptor as UR:CRYPTO-OUTPUT (Sparrow, Keystone, SeedSigner read it).',
});

export const accountImport = command({
  name: 'account import',
  description: "turn another wallet's watch-only export (QR crypto-account/crypto-output/crypto-hdkey, a UR, or descriptor text) into the account file --wallet reads (no secret)",
  globals: ['network'],
  args: [{ name: '[file]', help: 'descriptor text (one per line), a bare [fingerprint/path]xpub, or a ur:… string; - for stdin' }],
  options: {
    ...PAYLOAD_INPUT,
    script: {
      flag: '--script <type>',
      help: 'which account to take when the export holds several (or the script of a bare key)',
      doc: 'which account to take when the export holds several (exit 2 otherwise, listing them); the script of a bare key (default: from its BIP43 purpose, 44/49/84/86).',
      choices: SCRIPTS,
    },
    count: { flag: '--count <n>', help: 'number of first receive addresses to list', parse: int(1, 1000), default: 3 },
    out: { flag: '--out <file>', help: 'write the account file (same format as account export --out)' },
  },
  overrides: ['unhardened'],
});

export const COMMANDS = [accountExport, accountImport];
