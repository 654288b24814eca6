/**
 * `coldkit psbt reserves`: the watch-only side builds a BIP-127 proof of reserves as an unsigned
 * PSBT (src/core/btc/reserves/build.ts) over every UTXO of the wallet (--wallet or --descriptor)
 * in --utxos, committed to --message. The PSBT is run through the signer's `prepare`, so the
 * online machine sees the label the signer will show ("proof of reserves, cannot move funds") or
 * what it would refuse. No secret is read.
 */
import { formatDecimal } from '../../core/amount.js';
import { InputError } from '../../core/errors.js';
import { buildReservesPsbt } from '../../core/btc/reserves/build.js';
import { parsePrevTxs } from '../../core/btc/prev-txs.js';
import { parseListUnspent } from '../../core/btc/utxos.js';
import { prepare } from '../../core/btc/signer.js';
import type { Finding } from '../../core/findings/finding.js';
import { sanitize, toHex } from '../../core/text.js';
import { DescriptorKeys } from '../../core/wallet/key-source.js';
import type { Action } from '../command.js';
import { assertWritable, readInputText } from '../io.js';
import { emitPsbt, renderWithPsbt, type PsbtOut } from '../psbt-output.js';
import { wouldRefuse, wouldRefuseLines, type WouldRefuse } from '../psbt/render.js';
import { readWatchAccount, vaultContext } from '../wallet-input.js';
import type { psbtReserves } from '../commands/psbt.js';

type Result = PsbtOut & {
  network: string;
  message: string;
  /** Display-order txid of the commitment outpoint (output 0 of it is spent). */
  commitment: string;
  inputs: { txid: string; vout: number; amount: bigint; address: string; path: string; nonWitnessUtxo: boolean }[];
  total: bigint;
  findings: Finding[];
  signWouldRefuse: WouldRefuse[];
};

const action: Action<typeof psbtReserves> = async (opts, ctx) => {
  if (opts.out) assertWritable(opts.out, '--out');
  // Checked here, not by commander: `psbt reserves verify` is its subcommand, and commander checks
  // a parent's mandatory options for its subcommands too.
  if (opts.utxos === undefined) throw new InputError('is required: the UTXOs to prove, as listunspent prints them', '--utxos');
  if (opts.message === undefined) throw new InputError('is required: the challenge the proof commits to', '--message');
  const account = await readWatchAccount(opts, ctx);
  const wallet = account.wallet.requireOrigins(account.field);
  const utxos = parseListUnspent(await readInputText(opts.utxos, '--utxos', ctx.io));
  const prevTxs = opts.prevTxs ? parsePrevTxs(await readInputText(opts.prevTxs, '--prev-txs', ctx.io)) : undefined;
  const built = buildReservesPsbt({ wallet, utxos, message: opts.message, prevTxs, gapLimit: opts.gapLimit });
  const vault = vaultContext(account);
  const { findings } = await prepare(built.psbt, { network: account.net, keys: new DescriptorKeys(account.descriptor, account.net), ...(vault ? { vault } : {}) });
  const out = emitPsbt(built.psbt, opts.out);
  const result: Result = { network: account.net.name, message: built.message, commitment: toHex(built.commitment), inputs: built.inputs, total: built.total, ...out.result, findings, signWouldRefuse: wouldRefuse(findings) };
  return {
    result,
    payload: out.payload,
    journal: [{ op: 'psbt.reserves', data: { network: result.network, digest: out.result.digest, message: built.message, inputs: built.inputs.length, total: String(built.total), ...(opts.out ? { outFile: opts.out } : {}), overrides: [] } }],
    human: (r: Result) =>
      renderWithPsbt(ctx, r, [
        `Unsigned proof of reserves (BIP-127, ${r.network}): ${r.inputs.length} UTXO${r.inputs.length === 1 ? '' : 's'}, ${formatDecimal(r.total, 8)} BTC`,
        `  message     "${sanitize(r.message)}"`,
        `  commitment  ${r.commitment}:0 (SHA-256 of "Proof-of-Reserves: " + message; does not exist, so the proof can never be mined)`,
        ...r.inputs.map((i) => `  in   ${`${formatDecimal(i.amount, 8)} BTC`.padStart(18)}  ${i.txid}:${i.vout}  ${i.path}`),
        `  out  ${`${formatDecimal(r.total, 8)} BTC`.padStart(18)}  OP_RETURN (unspendable), no fee`,
        `  digest: ${r.digest}`,
        ...r.findings.filter((f) => f.severity !== 'refuse').map((f) => `  ${f.code === 'proof-of-reserves' ? '' : '! '}${sanitize(f.message)}`),
        ...wouldRefuseLines(r.signWouldRefuse),
      ]),
  };
};

export default action;
