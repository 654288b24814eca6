/** The `coldkit wallet` group: multisig vaults. */
import { command } from '../options/spec.js';
import { int } from '../options/parsers.js';
import { PAYLOAD_OUTPUT, SEED_INPUT } from '../options/sets.js';
import { psbtCreate } from './psbt.js';

export const walletCreate = command({
  name: 'wallet create',
  description: 'create an M-of-N vault from cosigner exports (any machine; no secret)',
  globals: ['network'],
  options: {
    threshold: { flag: '--threshold <k>', help: 'signatures needed to spend (1 ≤ k ≤ n)', parse: int(1, 15), required: true },
    cosigner: {
      flag: '--cosigner <file>',
      help: 'one cosigner export (repeatable): coldkit cosigner JSON, Coldcard generic JSON, a [fp/path]xpub line, a UR text, or a whole vault file (expands to its cosigners)',
      doc: 'one cosigner per file, given once per cosigner in the order you want them listed: a `coldkit/cosigner` JSON from `account export --script wsh-multi`, a Coldcard/Keystone/Passport generic multisig JSON (`xfp`, `p2wsh_deriv`, `p2wsh`), a text file with one key expression `[fingerprint/48h/0h/0h/2h]xpub` (Zpub/Ypub accepted) or one BCR-2020-015 entry `wsh(cosigner(KEY))`, or a UR string (`ur:crypto-account/…` — its entry for the vault\'s script type is taken —, `ur:crypto-hdkey/…`, `ur:crypto-output/…`). A whole vault (coldkit vault.json, a `wsh(sortedmulti(…))` descriptor or `ur:crypto-output`, Electrum, Coldcard, BSMS or Caravan file) expands to all its cosigners with their labels, so a vault can be re-created from another\'s export and its id compared. The label of each cosigner is its file name.',
      repeatable: true,
    },
    fromQr: {
      flag: '--from-qr <image>',
      help: 'one cosigner (or a whole vault) from QR: a PNG, or a folder of frames (repeatable)',
      doc: 'read one input from QR images (repeatable, one per cosigner; a folder holds the frames of one animated QR): a UR `crypto-account` (the BIP48 entry of the vault\'s script type is taken), `crypto-hdkey`, or `crypto-output` (one `cosigner(…)` entry, or a whole vault that expands to its cosigners). Cosigners from QR are listed after the `--cosigner` files and labelled by the image name.',
      repeatable: true,
    },
    script: {
      flag: '--script <type>',
      help: 'wsh (P2WSH, BIP48 2\'), sh-wsh (P2SH-P2WSH, BIP48 1\') or tr (P2TR tr(NUMS,sortedmulti_a), m/48\'/coin\'/account\'/3\')',
      doc: "`wsh`: `wsh(sortedmulti(k,…))`, cosigner keys at BIP48 `m/48'/coin'/account'/2'`; `sh-wsh`: `sh(wsh(sortedmulti(k,…)))`, `…/1'`; `tr`: the taproot vault `tr(NUMS,sortedmulti_a(k,…))` — BIP341's unspendable internal key and one BIP387 k-of-n leaf — with cosigner keys at `m/48'/coin'/account'/3'` (`account export --script tr-multi`). Electrum, Coldcard's multisig file, BSMS, Caravan and the UR crypto-output QR have no taproot multisig: `--export-dir` skips them for `tr` and says so.",
      choices: ['wsh', 'sh-wsh', 'tr'],
      default: 'wsh',
    },
    name: { flag: '--name <name>', help: 'vault name (shown by wallets; Coldcard keeps 20 characters)', default: 'coldkit vault' },
    out: { flag: '--out <file>', help: 'write the vault file (vault.json)', required: true },
    exportDir: {
      flag: '--export-dir <dir>',
      help: 'also write the vault for other wallets into DIR (descriptor, Core, Sparrow, Electrum, Coldcard, BSMS, Caravan, UR crypto-output QR)',
      doc: 'also write into DIR: `descriptor.txt`, `bitcoin-core-importdescriptors.json`, `sparrow-descriptor.txt`, `electrum-wallet.json`, `coldcard-multisig.txt`, `bsms.txt` (BIP129 record with its first address), `caravan-wallet.json`, and `crypto-output-qr/` (the vault as a UR `crypto-output`, BCR-2020-010 `wsh(sortedmulti(…))`, in numbered PNG frames that Sparrow, Keystone and `wallet create --from-qr` read).',
    },
    birthday: {
      flag: '--birthday <date>',
      help: "the vault's first use, for Bitcoin Core's rescan: YYYY-MM-DD, a UNIX time, 0 (rescan everything; the default) or now (no rescan)",
      doc: "the `timestamp` of `bitcoin-core-importdescriptors.json`: a date `YYYY-MM-DD` (UTC), a UNIX time, `0` — the default, a full rescan — or `now` (no rescan; only for keys made in this ceremony). Core takes a time, not a block height: a height is refused. The output says which was used.",
      needs: ['exportDir'],
    },
  },
  overrides: ['unhardened', 'vault-path-mismatch'],
  helpAfter: '\nKeep the vault file with every cosigner: without it, the remaining seeds cannot find their funds.',
});

export const walletShow = command({
  name: 'wallet show',
  description: 'show a vault: policy, cosigners, vault id words, first addresses (reads coldkit, descriptor, Electrum, Coldcard, BSMS and Caravan files)',
  globals: ['network'],
  args: [{ name: '<file>', help: 'the vault file (or another wallet\'s multisig file); - for stdin' }],
  options: {
    count: { flag: '--count <n>', help: 'first receive addresses to show', parse: int(1, 1000), default: 3 },
  },
});

export const walletRegister = command({
  name: 'wallet register',
  description: 'register a vault on this offline signer: checks this seed is a cosigner, shows the first address, journals the vault',
  globals: ['network'],
  args: [{ name: '<file>', help: 'the vault file (wallet create --out)' }],
  options: { ...SEED_INPUT },
  helpAfter: '\npsbt sign signs for a vault only once it is registered here (or with --allow-unregistered-vault).',
});

export const walletSweep = command({
  name: 'wallet sweep',
  description: 'rotation: one PSBT spending every UTXO of the old wallet to the new wallet\'s receive address (online; no secret)',
  globals: ['network'],
  options: {
    from: {
      flag: '--from <wallet>',
      help: 'the old wallet: account export or vault file (or its descriptor)',
      doc: 'the wallet being retired: its account export (`account export --out`), its vault file (`wallet create --out`), or its descriptor with key origins.',
      required: true,
    },
    to: {
      flag: '--to <wallet-or-descriptor>',
      help: 'the new wallet: account export or vault file, or its descriptor',
      doc: 'the wallet the funds move to: account export, vault file, or descriptor with key origins. The output carries that wallet\'s derivation (BIP174 `PSBT_OUT_BIP32_DERIVATION`, and the witness script of a vault) so `psbt sign --to-wallet` can prove it by rebuilding the script.',
      required: true,
    },
    utxos: { ...psbtCreate.options.utxos, doc: 'the old wallet\'s UTXOs (`listunspent` of bitcoin-cli or Electrum); **every one** is spent, even those worth less than their fee (a retired wallet should be left empty).' },
    feeRate: psbtCreate.options.feeRate,
    toIndex: {
      flag: '--to-index <n>',
      help: 'index on the new wallet\'s receive chain (default 0: a new wallet\'s first address)',
      doc: 'the index on the new wallet\'s receive chain the sweep pays. Default 0, the first address of a new wallet; give the next unused index if the new wallet has been used.',
      parse: int(0, 0x7fffffff),
      default: 0,
    },
    outputs: {
      flag: '--outputs <n>',
      help: 'spread the funds over the new wallet\'s next N receive addresses (1-100, default 1)',
      doc: 'spread the swept amount over N outputs: the new wallet\'s receive addresses at `--to-index` … `--to-index`+N-1, equal amounts (the rounding remainder on the first). Refused (exit 2, naming `--outputs`) when a share would be below the dust limit. The signer\'s `--to-wallet` proof rebuilds every one of them.',
      parse: int(1, 100),
      default: 1,
    },
    prevTxs: psbtCreate.options.prevTxs,
    rbf: psbtCreate.options.rbf,
    gapLimit: psbtCreate.options.gapLimit,
    out: psbtCreate.options.out,
    ...PAYLOAD_OUTPUT,
  },
  helpAfter: '\nSign with: coldkit psbt sign sweep.psbt --to-wallet NEW-WALLET-FILE (the review then says "sweep: all funds to wallet <id>").',
});

export const COMMANDS = [walletCreate, walletShow, walletRegister, walletSweep];
