/**
 * `coldkit eth broadcast`: send a signed raw transaction with eth_sendRawTransaction and print
 * its hash (or complete an EIP-4527 eth-signature with the --request it answers first); with --wait, poll eth_getTransactionReceipt and print status, block and gas used.
 */
import { parseUint } from '../../core/amount.js';
import { InputError, RuntimeFailure } from '../../core/errors.js';
import { applySignature, parseSignRequestUr, parseSignatureUr } from '../../core/eth/request.js';
import { decodeTx, type DecodedTx } from '../../core/eth/tx.js';
import { decodeEthSignature, formatUuid } from '../../core/transport/ur/eth.js';
import type { Context, Outcome } from '../command.js';
import { readInputText } from '../io.js';
import { readPayloadInput } from '../payload.js';
import { receivedAnchor } from '../payload-anchor.js';
import { anchorInJson, type JournalAnchorJson, type PayloadAnchor } from '../../core/journal/payload-anchor.js';
import { EthRpc, quantityOf } from '../eth/rpc.js';
import type { ethBroadcast as ethBroadcastTable } from '../commands/eth.js';
import type { OptionsOf } from '../options/spec.js';

export interface BroadcastResult {
  txHash: string;
  from: string;
  to: string | null;
  chainId: string;
  nonce: string;
  receipt: null | { status: 'success' | 'reverted'; blockNumber: string; gasUsed: string; effectiveGasPrice: string | null };
  /** The signer journal's head the input carried (`eth sign --json` output), journaled here. */
  journalAnchor?: JournalAnchorJson;
}

interface Receipt {
  status: string;
  blockNumber: string;
  gasUsed: string;
  effectiveGasPrice?: string;
}

/**
 * The signed transaction: raw hex, `eth sign --json`'s document (its `signedHex`, and the signer
 * journal's head it carries, `journalAnchor`), or an eth-signature (file or --from-qr) completed
 * with the unsigned transaction of the --request it answers.
 */
async function readSigned(opts: { request?: string; fromQr?: string[] }, ctx: Context, file: string | undefined): Promise<{ tx: DecodedTx; anchor?: PayloadAnchor }> {
  const payload = await readPayloadInput(ctx, { file, fromQr: opts.fromQr }, 'signed');
  const text = new TextDecoder().decode(payload.bytes).trim();
  if (payload.kind === undefined && text.startsWith('{')) return signedFromJson(text, opts);
  return { tx: await readSignedText(text, payload, opts, ctx) };
}

/** `eth sign --json`'s output: the signed raw transaction, its hash checked, and the signer's head. */
function signedFromJson(text: string, opts: { request?: string }): { tx: DecodedTx; anchor?: PayloadAnchor } {
  if (opts.request) throw new InputError('is only for an eth-signature input; this input is `eth sign --json` output, which holds the signed transaction', '--request');
  let doc: { signedHex?: unknown; txHash?: unknown };
  try {
    doc = JSON.parse(text) as typeof doc;
  } catch {
    throw new InputError('starts with "{" but is not valid JSON (expected `eth sign --json` output, raw hex or ur:eth-signature)', 'signed');
  }
  if (typeof doc?.signedHex !== 'string') throw new InputError('is JSON without `signedHex`: give the output of `eth sign --json` (a signed transaction), raw hex or ur:eth-signature', 'signed');
  const tx = decodeTx(doc.signedHex, 'signed.signedHex');
  if (doc.txHash !== undefined && (typeof doc.txHash !== 'string' || doc.txHash.toLowerCase() !== tx.signed?.hash.toLowerCase())) {
    throw new InputError(`txHash ${String(doc.txHash).slice(0, 80)} is not the hash of signedHex (${tx.signed?.hash ?? 'unsigned'}): the file was altered`, 'signed.txHash');
  }
  const anchor = anchorInJson(doc, 'signed.journalAnchor');
  return anchor ? { tx, anchor } : { tx };
}

/** Raw hex, or an eth-signature completed with its --request. */
async function readSignedText(text: string, payload: { kind?: string; source?: string; bytes: Uint8Array }, opts: { request?: string }, ctx: Context): Promise<DecodedTx> {
  // A QR or a UR text file is decoded by readPayloadInput (payload.kind); other text is checked here.
  const decoded = payload.kind !== undefined;
  const isSignature = decoded ? payload.kind === 'eth-signature' : /^ur:eth-signature\//i.test(text);
  if (decoded && !isSignature) throw new InputError(`the ${payload.source === 'qr' ? 'QR code' : 'UR text'} carries ${payload.kind}, not an eth-signature`, payload.source === 'qr' ? '--from-qr' : 'signed');
  if (!isSignature) {
    if (opts.request) throw new InputError('is only for an eth-signature input; this input is a raw transaction', '--request');
    if (!text) throw new InputError('is empty', 'signed');
    return decodeTx(text, 'signed');
  }
  if (!opts.request) throw new InputError('an eth-signature needs the request it answers: add --request FILE (the ur:eth-sign-request from `eth tx create --out`)', '--request');
  const sig = decoded ? decodeEthSignature(payload.bytes) : parseSignatureUr(text);
  const req = parseSignRequestUr((await readInputText(opts.request, '--request', ctx.io)).trim());
  const tx = applySignature(req, sig);
  ctx.note(`eth-signature answers request ${formatUuid(req.requestId)}; signed by ${tx.signed!.from}`);
  return tx;
}

export default async function ethBroadcast(opts: OptionsOf<typeof ethBroadcastTable>, ctx: Context, args: string[]): Promise<Outcome<BroadcastResult>> {
  const read = await readSigned(opts, ctx, args[0]);
  const tx = read.tx;
  // The signer journal's head `eth sign --json` carried: journaled here (payload-anchor.ts).
  const anchor = receivedAnchor(read.anchor);
  if (anchor.text) ctx.note(`${anchor.text} (journaled here; later: journal verify --anchor-from on the signer)`);
  if (!tx.signed) throw new InputError('is not signed; sign it offline with `coldkit eth sign` first', 'signed');
  const timeoutSec = Number(parseUint(opts.timeout, '--timeout', 86_400n));
  const rpc = new EthRpc(opts.rpc);
  const nodeChain = await rpc.quantity('eth_chainId');
  if (nodeChain !== tx.fields.chainId && !(tx.fields.type === 0 && tx.fields.chainId === 0n)) {
    throw new InputError(`the transaction is for chain ${tx.fields.chainId} but the node at --rpc is on chain ${nodeChain}`, '--rpc');
  }
  const hash = await rpc.call<string>('eth_sendRawTransaction', [tx.signed.hex]);
  if (typeof hash !== 'string' || hash.toLowerCase() !== tx.signed.hash.toLowerCase()) {
    throw new RuntimeFailure(`the node answered hash ${String(hash).slice(0, 80)}, expected ${tx.signed.hash}`);
  }
  ctx.note(`sent ${tx.signed.hash}`);
  const result: BroadcastResult = {
    txHash: tx.signed.hash,
    from: tx.signed.from,
    to: tx.fields.to,
    chainId: tx.fields.chainId.toString(),
    nonce: tx.fields.nonce.toString(),
    receipt: null,
    ...anchor.json,
  };
  let receiptUnreadable = false;
  if (opts.wait) {
    const deadline = Date.now() + timeoutSec * 1000;
    let r: Receipt | null = null;
    while (!r) {
      r = await rpc.call<Receipt | null>('eth_getTransactionReceipt', [tx.signed.hash]);
      if (r) break;
      if (Date.now() > deadline) throw new RuntimeFailure(`no receipt for ${tx.signed.hash} after ${timeoutSec} s; it may still be mined — check later`);
      await new Promise((res) => setTimeout(res, 250));
    }
    try {
      const q = (k: keyof Receipt) => quantityOf(r![k], `eth_getTransactionReceipt ${k}`);
      result.receipt = {
        status: q('status') === 1n ? 'success' : 'reverted',
        blockNumber: q('blockNumber').toString(),
        gasUsed: q('gasUsed').toString(),
        effectiveGasPrice: r.effectiveGasPrice !== undefined ? q('effectiveGasPrice').toString() : null,
      };
    } catch (e) {
      // The transaction is sent: still print and journal its hash; the unreadable receipt is the failure (exit 1).
      if (!(e instanceof RuntimeFailure)) throw e;
      ctx.note(`coldkit: ${e.message}; the transaction was sent (${tx.signed.hash}) — check its receipt elsewhere`);
      receiptUnreadable = true;
    }
  }
  return {
    result,
    human: (r) =>
      [
        `tx hash: ${r.txHash}`,
        ...(r.receipt ? [`status:  ${r.receipt.status}`, `block:   ${r.receipt.blockNumber}`, `gas used: ${r.receipt.gasUsed}`] : []),
      ].join('\n'),
    journal: [{ op: 'eth.broadcast', data: { chainId: result.chainId, from: result.from, to: result.to, nonce: result.nonce, txHash: result.txHash, status: result.receipt?.status ?? null, ...anchor.journal } }],
    exitCode: result.receipt?.status === 'reverted' || receiptUnreadable ? 1 : undefined,
  };
}
