/**
 * The `coldkit psbt` group: build unsigned PSBTs watch-only (create), review and sign them offline
 * (inspect, sign), and merge and finalize them online (combine, finalize).
 */
import { formatDecimal } from '../../core/amount.js';
import { DEFAULT_FEE_LIMITS, PSBT_OVERRIDABLE } from '../../core/btc/sign-limits.js';
import { command } from '../options/spec.js';
import { int } from '../options/parsers.js';
import { PAYLOAD_INPUT, PAYLOAD_OUTPUT, POLICY_GATE, ANY_SEED_INPUT, WATCH_ACCOUNT } from '../options/sets.js';

/** A BIP-329 label file read for display (psbt create, inspect, sign). */
const LABELS = {
  labels: {
    flag: '--labels <file>',
    help: 'a BIP-329 label file (JSONL): show the labels of inputs and outputs',
    doc: 'a BIP-329 label file (JSON Lines, as Sparrow exports): the labels of the inputs (by the coin spent, its address, or its funding transaction) and outputs (by address) are shown in the review and in `--json` (`labels`), and journaled. Labels are notes, never proof: control characters are replaced and labels cut to 255 characters. Unknown record types are ignored; a malformed line is exit 2 naming its line number.',
  },
} as const;

const PSBT_FILE = { name: '[file]', help: 'PSBT file (binary, base64 or hex), or - for stdin', doc: 'the PSBT: binary (`psbt\\xff…`), base64 (`cHNidP8…`) or hex (`70736274ff…`); `-` = stdin. Largest accepted: 32 MiB.' };

export const psbtCreate = command({
  name: 'psbt create',
  description: 'build an unsigned PSBT from a watch-only descriptor and its UTXOs (no secret)',
  globals: ['network'],
  options: {
    descriptor: {
      ...WATCH_ACCOUNT.descriptor,
      help: 'output descriptor of the account (multipath <0;1>/* or receive form)',
      doc: 'the account descriptor with its key origin, e.g. `wpkh([73c5da0a/84h/1h/0h]tpub…/<0;1>/*)#…`. A `/0/*` descriptor keeps change on `/1/*`.',
    },
    wallet: { ...WATCH_ACCOUNT.wallet, doc: 'the JSON `coldkit account export --out` wrote (its multipath descriptor and network).' },
    utxos: {
      flag: '--utxos <file>',
      help: 'UTXOs as printed by `bitcoin-cli listunspent` or Electrum `listunspent` (- = stdin)',
      doc: 'the UTXOs, `-` for stdin: the JSON array `bitcoin-cli listunspent` prints, or Electrum\'s `listunspent` (Electrum 4: `prevout_hash`, `prevout_n`, `value` string, including Python\'s `"9E-7"` form; Electrum 3: `tx_hash`, `index`, `value`, `raw_output_script`). Samples: `fixtures/listunspent/`.',
      required: true,
    },
    utxo: {
      flag: '--utxo <txid:vout>',
      help: 'spend exactly this coin from --utxos (repeatable; no automatic selection)',
      doc: 'coin control: spend exactly the named coins (repeatable), each of which must be in `--utxos` and belong to the account. No automatic selection; change when it is not dust. With no `--to` and no `--send-max`, everything goes to one change output (a consolidation).',
      repeatable: true,
    },
    excludeUtxo: {
      flag: '--exclude-utxo <txid:vout>',
      help: 'never spend this coin from --utxos (repeatable)',
      doc: 'coin control: never spend this coin (repeatable); it must be in `--utxos`. A coin both named by `--utxo` and excluded is refused (exit 2).',
      repeatable: true,
    },
    to: {
      flag: '--to <address:amount>',
      help: 'a recipient; amount in BTC or with a sat suffix (repeatable)',
      doc: 'a recipient. AMOUNT in BTC (`0.0015`, at most 8 decimals, never rounded) or satoshis with a suffix (`150000sat`).',
      repeatable: true,
    },
    sendMax: {
      flag: '--send-max <address>',
      help: 'send everything left after fees to ADDRESS (no change output)',
      doc: 'send everything left after the `--to` amounts and the fee to ADDRESS; no change output. Coins worth less than their own spending fee are left out.',
    },
    feeRate: {
      flag: '--fee-rate <sat/vB>',
      help: 'fee rate in sat per virtual byte (decimal allowed, e.g. 2.5)',
      doc: 'sat per virtual byte, up to 3 decimals (`2.5`); required; 0.1 ≤ R ≤ 100000.',
    },
    changeIndex: {
      flag: '--change-index <n>',
      help: 'index on the change chain (default: first change index not seen in the UTXOs)',
      doc: 'index on the change chain. Default: one past the highest change index among the UTXOs (0 if none).',
      parse: int(0, 0x7fffffff),
      conflicts: ['sendMax'],
    },
    prevTxs: {
      flag: '--prev-txs <file>',
      help: 'raw previous transactions (hex, one per line or JSON array, as getrawtransaction prints) for non_witness_utxo',
      doc: 'the previous transactions, raw hex as `bitcoin-cli getrawtransaction TXID` prints it (one per line, or a JSON array of hex strings or of `{"hex": …}`). Added as `non_witness_utxo` to legacy and segwit-v0 inputs so the signer can prove the amounts (BIP174; without it `psbt sign` asks for `--allow-unproven-amounts` on segwit v0). **Required for `pkh`.** Each transaction\'s output must match the UTXO (amount and script), else exit 2. Not used for taproot (BIP341 signatures commit to all amounts).',
    },
    rbf: {
      flag: '--no-rbf',
      help: 'do not signal replace-by-fee (RBF is signalled by default)',
      doc: 'sequence `0xfffffffe` instead of `0xfffffffd` (BIP125 replace-by-fee is signalled by default).',
    },
    locktime: { flag: '--locktime <n>', help: 'nLockTime', parse: int(0, 0xffffffff), default: 0 },
    gapLimit: {
      flag: '--gap-limit <n>',
      help: 'indices of each chain searched for a UTXO address without a key-origin hint',
      doc: "how many indices of the receive and change chains are derived to find a UTXO's address. Bitcoin Core's `desc` field (key origin) is used first when present, so this only matters for exports without it (Electrum).",
      parse: int(1, 100000),
      default: 1000,
    },
    out: {
      flag: '--out <file>',
      help: 'write the PSBT as binary to FILE (default: base64 on stdout)',
      doc: 'write the binary PSBT to FILE (atomically). Without it the base64 PSBT is the only thing on stdout and the summary goes to stderr, so `> unsigned.psbt` works.',
    },
    ...LABELS,
    label: {
      flag: '--label <text>',
      help: 'label the payment: write BIP-329 records for its recipient outputs to --labels-out',
      doc: 'a label for this payment (at most 255 characters, no control characters). Written to `--labels-out` as BIP-329 records: `addr` for each recipient and, when every input is native segwit or taproot (the txid is then fixed before signing), `tx` and `output` records.',
      needs: ['labelsOut'],
    },
    labelsOut: {
      flag: '--labels-out <file>',
      help: 'write the BIP-329 records of --label to FILE (JSONL; refuses to overwrite)',
      doc: 'the BIP-329 file `--label` writes (JSON Lines, importable by Sparrow and other BIP-329 wallets). Refuses to overwrite.',
      needs: ['label'],
    },
    ...PAYLOAD_OUTPUT,
    policy: {
      flag: '--policy <file>',
      help: 'a signing policy: warn about what the offline signer would refuse under it',
      doc: 'a signing policy file: the result names the rule the payment falls under (or each rule\'s reasons) and warns about what the signer under that policy would refuse (`policy` in `--json`). Approvals are not judged here.',
    },
  },
});

export const psbtInspect = command({
  name: 'psbt inspect',
  description: 'review a PSBT: inputs, recipients, change, fee, warnings (either side of the gap)',
  globals: ['network'],
  args: [PSBT_FILE],
  options: {
    ...PAYLOAD_INPUT,
    descriptor: {
      ...WATCH_ACCOUNT.descriptor,
      help: 'prove change and inputs against this watch-only descriptor',
      doc: 'prove inputs and change against this watch-only account (the key is derived from the xpub at each claimed path and must rebuild the script). Sets the network from the key unless `--network` is given.',
    },
    wallet: { ...WATCH_ACCOUNT.wallet, help: 'account export JSON instead of --descriptor' },
    ...LABELS,
  },
});

export const psbtSign = command({
  name: 'psbt sign',
  description: 'review, confirm and sign a PSBT with the seed (offline ceremony laptop)',
  globals: ['network', 'yes'],
  args: [PSBT_FILE],
  options: {
    ...PAYLOAD_INPUT,
    ...ANY_SEED_INPUT,
    wallet: {
      flag: '--wallet <file>',
      help: 'the vault file (wallet create --out): vault inputs and change are proven against its cosigners',
      doc: 'the vault file (`wallet create --out`). A vault input is signed only when its script is this vault\'s at the claimed path; change is change only when its script rebuilds from this vault\'s cosigners (a swapped key, another threshold or script type is refused, saying which).',
    },
    toWallet: {
      flag: '--to-wallet <file>',
      help: 'a sweep: the new wallet (account export or vault file) every output must be proven to pay',
      doc: 'the wallet a sweep (`wallet sweep`) moves the funds to: its account export or vault file (or its descriptor). Every output that leaves must rebuild from that wallet\'s keys at the path the output claims (or among its first 100 indices); the review then says "sweep: all funds to wallet <id>". Anything else is `sweep-unproven` (no override).',
    },
    maxFeeRate: {
      flag: '--max-fee-rate <sat/vB>',
      help: 'refuse a fee rate above this',
      doc: 'refuse a fee rate above this many sat/vB (up to 3 decimals).',
      default: formatDecimal(DEFAULT_FEE_LIMITS.maxFeeRateMsat, 3),
    },
    maxFeePercent: {
      flag: '--max-fee-percent <pct>',
      help: 'refuse a fee above this share of the amount sent',
      doc: 'refuse a fee above this percentage of the amount sent to others (of the inputs when nothing is sent, e.g. a consolidation).',
      default: formatDecimal(DEFAULT_FEE_LIMITS.maxFeePercentHundredths, 2),
    },
    maxFee: {
      flag: '--max-fee <amount>',
      help: 'refuse a fee above this amount (BTC, or with a sat suffix)',
      doc: 'refuse a fee above this absolute amount, whatever the rate or share (a small share of a large amount is still a fortune, and an inflated transaction keeps the rate low). BTC with up to 8 decimals, or sats with a `sat` suffix.',
      default: formatDecimal(DEFAULT_FEE_LIMITS.maxFeeSat, 8),
    },
    maxChangeIndex: {
      flag: '--max-change-index <n>',
      help: 'highest change-chain index still accepted as our change',
      doc: "an output paying our key is change only on the wallet's chain at an index up to this (a watch-only wallet scans a gap limit past its last used index; coins at 2,000,000,000 would be stranded). Beyond it: `change-outside-wallet`.",
      default: String(DEFAULT_FEE_LIMITS.maxChangeIndex),
    },
    trim: {
      flag: '--trim',
      help: 'output only the new signatures (plus what a combiner needs), not the full PSBT',
      doc: 'output only the new signatures plus what a Combiner needs (the global map; for PSBTv2 the BIP370 fields identifying inputs and outputs). Merge with `psbt combine`.',
    },
    out: {
      flag: '--out <file>',
      help: 'write the signed PSBT (binary) to FILE (default: base64 on stdout)',
      doc: 'write the signed PSBT as binary (refuses to overwrite). Default: the PSBT on stdout in the encoding it came in (base64 for a binary input), and nothing else on stdout.',
    },
    ...PAYLOAD_OUTPUT,
    ...POLICY_GATE,
    ...LABELS,
  },
  overrides: PSBT_OVERRIDABLE,
});

export const psbtCombine = command({
  name: 'psbt combine',
  description: 'merge signatures from several copies of the same PSBT (BIP174 combiner)',
  args: [{ name: '[files...]', help: 'PSBT files to combine' }],
  options: {
    ...PAYLOAD_INPUT,
    out: { flag: '--out <file>', help: 'write the combined PSBT (binary) to FILE (default: base64 on stdout)' },
    ...PAYLOAD_OUTPUT,
  },
});

export const psbtFinalize = command({
  name: 'psbt finalize',
  description: 'check every signature, finalize, and print the raw transaction hex and txid',
  args: [{ name: '[file]', help: 'signed PSBT file, or - for stdin' }],
  options: {
    ...PAYLOAD_INPUT,
    out: { flag: '--out <file>', help: 'write the raw transaction (hex) to FILE' },
    ...PAYLOAD_OUTPUT,
  },
});

const ORIGINAL_TX = { name: '<file>', help: 'the transaction: raw hex (signed, as broadcast) or a PSBT; - for stdin', doc: 'the original transaction: its raw hex as broadcast (`bitcoin-cli getrawtransaction TXID`), or the PSBT it was made from (binary, base64 or hex); `-` = stdin.' };

/** The amounts of a transaction's inputs, when the transaction itself does not carry them. */
const INPUT_AMOUNTS = {
  utxos: {
    flag: '--utxos <file>',
    help: 'the listunspent export the original was built from (its inputs\' amounts)',
    doc: 'a listunspent export (as for `psbt create`) listing the original\'s inputs: their amounts and scripts. Not needed for a PSBT that carries them.',
  },
  prevTxs: {
    flag: '--prev-txs <file>',
    help: 'raw previous transactions of the inputs (getrawtransaction hex, one per line)',
    doc: 'the transactions the inputs spend, raw hex one per line or a JSON array (as for `psbt create`): their amounts, and `non_witness_utxo` for the signer.',
  },
} as const;

export const psbtBump = command({
  name: 'psbt bump',
  description: 'replace an unconfirmed transaction with one paying a higher fee (BIP125 RBF: same inputs, change reduced)',
  globals: ['network'],
  args: [ORIGINAL_TX],
  options: {
    descriptor: { ...WATCH_ACCOUNT.descriptor, doc: 'the account descriptor (as for `psbt create`): its change output pays the higher fee.' },
    wallet: { ...WATCH_ACCOUNT.wallet, doc: 'the JSON `account export --out` wrote, or a vault file.' },
    feeRate: {
      flag: '--fee-rate <sat/vB>',
      help: 'the new fee rate in sat/vB (above the original\'s)',
      doc: 'the new rate in sat/vB (up to 3 decimals). BIP125: the new fee must be at least the old fee plus 1 sat/vB of the replacement\'s size, and the rate higher than the original\'s; else exit 2 naming the least rate that works.',
    },
    ...INPUT_AMOUNTS,
    gapLimit: { ...psbtCreate.options.gapLimit },
    ...LABELS,
    labelsOut: {
      flag: '--labels-out <file>',
      help: 'write the original\'s tx and output labels (from --labels) re-keyed to the replacement\'s txid',
      doc: 'BIP-329 records for the replacement: the original\'s `tx` label and `output` labels from `--labels`, under the replacement\'s txid (outputs keep their positions). Only when every input is native segwit or taproot (the txid is then known before signing); refuses to overwrite.',
      needs: ['labels'],
    },
    out: { flag: '--out <file>', help: 'write the replacement PSBT (binary) to FILE (default: base64 on stdout)' },
    ...PAYLOAD_OUTPUT,
  },
});

export const psbtCpfp = command({
  name: 'psbt cpfp',
  description: 'child pays for parent: spend our output of an unconfirmed transaction to our change, so the package reaches a fee rate',
  globals: ['network'],
  args: [{ ...ORIGINAL_TX, help: 'the parent: signed raw transaction hex; - for stdin', doc: 'the unconfirmed parent as broadcast: raw hex (`bitcoin-cli getrawtransaction TXID`); its real size prices the package.' }],
  options: {
    descriptor: { ...WATCH_ACCOUNT.descriptor, doc: 'the account descriptor: the parent\'s output it spends and the child\'s change are this account\'s.' },
    wallet: { ...WATCH_ACCOUNT.wallet, doc: 'the JSON `account export --out` wrote, or a vault file.' },
    feeRate: {
      flag: '--fee-rate <sat/vB>',
      help: 'the fee rate the parent and child together should pay',
      doc: 'the package rate in sat/vB: the child pays ceil(rate × (parent vsize + child vsize)) − the parent\'s fee (at least 1 sat/vB of its own size).',
    },
    ...INPUT_AMOUNTS,
    utxo: { flag: '--utxo <txid:vout>', help: 'which output of ours in the parent to spend (default: the largest)' },
    changeIndex: { ...psbtCreate.options.changeIndex, conflicts: [], doc: 'index on the change chain for the child\'s output. Default: one past the highest change index among the parent\'s inputs and outputs (0 when it has none); give it when later change indices are already used.' },
    rbf: psbtCreate.options.rbf,
    gapLimit: { ...psbtCreate.options.gapLimit },
    out: { flag: '--out <file>', help: 'write the child PSBT (binary) to FILE (default: base64 on stdout)' },
    ...PAYLOAD_OUTPUT,
  },
});

export const psbtReserves = command({
  name: 'psbt reserves',
  description: 'build a BIP-127 proof of reserves over a wallet\'s UTXOs as an unsigned PSBT (no secret)',
  globals: ['network'],
  options: {
    descriptor: { ...WATCH_ACCOUNT.descriptor, help: 'output descriptor of the account whose UTXOs are proven' },
    wallet: { ...WATCH_ACCOUNT.wallet, doc: 'the account export (`account export --out`) or vault file (`wallet create --out`) whose coins are proven.' },
    utxos: {
      flag: '--utxos <file>',
      help: 'the UTXOs to prove, as listunspent prints them (- = stdin); every one of the wallet\'s is included',
      doc: 'the UTXOs to prove (`-` for stdin), in any form `psbt create --utxos` reads. Every UTXO of the wallet in the list becomes an input; UTXOs of other wallets are refused. Required.',
    },
    message: {
      flag: '--message <text>',
      help: 'the challenge the proof commits to (BIP-127 commitment message)',
      doc: 'the commitment message (one line of UTF-8, NFC, at most 1000 bytes), typically the verifier\'s challenge with a date or nonce. The first input spends SHA-256("Proof-of-Reserves: " + message):0, which does not exist. Required.',
    },
    prevTxs: {
      flag: '--prev-txs <file>',
      help: 'raw previous transactions (as for psbt create) so the amounts are proven inside the PSBT',
      doc: 'as for `psbt create`: each input gets its `non_witness_utxo`, so a verifier without your UTXO list can still check each amount against its transaction. Required for `pkh`.',
    },
    gapLimit: { flag: '--gap-limit <n>', help: 'indices of each chain searched for a UTXO address without a key-origin hint', parse: int(1, 100000), default: 1000 },
    out: {
      flag: '--out <file>',
      help: 'write the PSBT as binary to FILE (default: base64 on stdout)',
      doc: 'write the binary PSBT to FILE (atomically). Without it the base64 PSBT is on stdout and the summary on stderr.',
    },
    ...PAYLOAD_OUTPUT,
  },
});

export const psbtReservesVerify = command({
  name: 'psbt reserves verify',
  description: 'verify a BIP-127 proof of reserves (signed PSBT or transaction): signatures, amounts, message',
  globals: ['network'],
  args: [{ name: '[file]', help: 'signed proof: PSBT (binary, base64, hex) or raw transaction hex; - = stdin', doc: 'the signed proof: a PSBT with every input signed (combined, for a vault), or the raw proof transaction in hex. `-` = stdin.' }],
  options: {
    ...PAYLOAD_INPUT,
    utxos: {
      flag: '--utxos <file>',
      help: 'the spent outputs as YOUR node lists them (listunspent / scantxoutset): proves amounts and that they were unspent',
      doc: 'the spent outputs as your own node reports them (`listunspent`, or `scantxoutset` / `gettxout` results in listunspent form; must carry `scriptPubKey`). Amounts are taken from here, never from the proof. Without it only inputs whose PSBT carries `non_witness_utxo` are proven (that the coin was created, not that it is unspent).',
    },
    message: {
      flag: '--message <text>',
      help: 'the message the proof must commit to (required for a raw transaction)',
      doc: 'the commitment message you expect. A PSBT carries its message (PSBT_IN_POR_COMMITMENT); when both are given they must be the same. A raw transaction carries only the hash, so `--message` is required.',
    },
  },
});

export const COMMANDS = [psbtCreate, psbtInspect, psbtSign, psbtCombine, psbtFinalize, psbtBump, psbtCpfp, psbtReserves, psbtReservesVerify];
