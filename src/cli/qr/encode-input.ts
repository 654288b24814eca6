/**
 * What `coldkit qr encode` reads: a file's bytes and `--type` (or a guess) → a payload kind and its
 * canonical bytes (the form the receiving command reads, so both sides print the same digest):
 * PSBT binary (from binary, base64 or hex), transaction hex text, account descriptor text (from a
 * `coldkit account export --out` file or descriptor lines), EIP-4527 request CBOR (from a
 * `ur:eth-sign-request/…` text, hex or binary CBOR), text as is.
 */
import { readAccountFile } from '../../core/wallet/account.js';
import { InputError } from '../../core/errors.js';
import { decodePsbt } from '../../core/btc/psbt-codec.js';
import { fromHex, toHex } from '../../core/text.js';
import { txBytes } from '../../core/transport/frame-plan.js';
import { descriptorLines, descriptorToOutput, type PayloadKind } from '../../core/transport/payload-ur.js';
import { decodeEthSignRequest } from '../../core/transport/ur/eth.js';
import { decodeUrSingle } from '../../core/transport/ur/ur.js';
import { UrDecoder } from '../../core/transport/ur/multipart.js';

export type EncodeType = 'psbt' | 'tx' | 'account' | 'eth-request' | 'text';

const dec = (b: Uint8Array): string => new TextDecoder('utf-8', { fatal: false }).decode(b);

/** Guess the type of a file's content. */
export function guessType(b: Uint8Array): EncodeType {
  const t = dec(b).trim();
  if (b[0] === 0x70 && dec(b.slice(0, 4)) === 'psbt') return 'psbt';
  if (t.startsWith('cHNidP8') || /^70736274ff/i.test(t)) return 'psbt';
  if (/^ur:eth-sign-request\//i.test(t)) return 'eth-request';
  if (t.startsWith('{') && /coldkit\/(eth-)?account/.test(t)) return 'account';
  if (/^\[[0-9a-fA-F]{8}[/\]]/.test(t)) return 'account';
  if (/^(sh\(wpkh|wpkh|pkh|tr)\(\[/.test(t)) return 'account';
  if (/^(0x)?([0-9a-fA-F]{2}){10,}$/.test(t)) return 'tx';
  return 'text';
}

/** Account descriptor lines from an account export JSON or descriptor text. */
function accountText(b: Uint8Array): string {
  const t = dec(b).trim();
  if (t.startsWith('{')) {
    let doc: unknown;
    try {
      doc = JSON.parse(t);
    } catch {
      throw new InputError('not JSON; expected the file written by `coldkit account export --out` or descriptor lines', 'file');
    }
    const eth = doc as { kind?: string; fingerprint?: string; path?: string; xpub?: string };
    if (eth?.kind === 'coldkit/eth-account' && eth.fingerprint && eth.path && eth.xpub) {
      // Ethereum account (MetaMask's QR wallets read it as crypto-hdkey): [fingerprint/m/44'/60'/0']xpub.
      return `[${eth.fingerprint}/${eth.path.replace(/^m\//, '').replace(/h/g, "'")}]${eth.xpub}`;
    }
    return readAccountFile(doc, 'file').descriptor;
  }
  const lines = descriptorLines(b, 'file');
  if (lines.length === 1 && lines[0]!.startsWith('[')) return lines[0]!;
  lines.forEach((l, i) => descriptorToOutput(l, `descriptor ${i + 1}`));
  return lines.join('\n');
}

function ethRequestCbor(b: Uint8Array): Uint8Array {
  const t = dec(b).trim();
  let cbor: Uint8Array;
  if (/^ur:/i.test(t)) {
    const lines = t.split(/\s+/).filter(Boolean);
    if (lines.length === 1 && !/^ur:[^/]+\/\d+-\d+\//i.test(lines[0]!)) {
      const ur = decodeUrSingle(lines[0]!);
      if (ur.type !== 'eth-sign-request') throw new InputError(`the file holds ur:${ur.type}, not ur:eth-sign-request`, 'file');
      cbor = ur.cbor;
    } else {
      const d = new UrDecoder();
      for (const l of lines) d.receive(l);
      if (!d.result || d.result.type !== 'eth-sign-request') throw new InputError('the UR parts in the file do not make one complete eth-sign-request', 'file');
      cbor = d.result.cbor;
    }
  } else if (/^([0-9a-fA-F]{2})+$/.test(t)) cbor = fromHex(t, 'file');
  else cbor = b;
  decodeEthSignRequest(cbor);
  return cbor;
}

/** Turn file bytes into a payload of the given (or guessed) type, validated. */
export function encodeInput(b: Uint8Array, type?: EncodeType): { kind: PayloadKind; bytes: Uint8Array; type: EncodeType } {
  if (b.length === 0) throw new InputError('the input is empty', 'file');
  const t = type ?? guessType(b);
  switch (t) {
    case 'psbt':
      return { kind: 'psbt', bytes: decodePsbt(b, 'file').bytes, type: t };
    case 'tx': {
      // Hex text is kept as written (0x prefix, case) so the digest matches the file's; binary becomes hex.
      const text = dec(b).trim();
      return { kind: 'tx', bytes: new TextEncoder().encode(/^(0x)?([0-9a-fA-F]{2})+$/.test(text) ? text : toHex(txBytes(b))), type: t };
    }
    case 'account':
      return { kind: 'account', bytes: new TextEncoder().encode(accountText(b)), type: t };
    case 'eth-request':
      return { kind: 'eth-sign-request', bytes: ethRequestCbor(b), type: t };
    default:
      return { kind: 'text', bytes: b, type: 'text' };
  }
}
