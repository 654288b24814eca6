/**
 * What a message to be signed is, before anyone signs it: readable text, or something a person
 * cannot read and so should not sign blind — a 32-byte value (a hash, raw or as hex/base64), a
 * transaction or PSBT (raw, hex or base64), bytes that are not printable UTF-8 text — or a secret
 * (mnemonic, share, private key) that a signed message would hand to the verifier.
 *
 * Returns findings (src/core/findings) for the CLI's one decision, and the message's exact bytes
 * escaped for the review: printable ASCII as is, backslash doubled, \n \r \t escaped, every other
 * control, invisible or direction-changing character as \u{…}, bytes that are not UTF-8 as \xNN.
 * Nothing is normalised: the bytes shown are the bytes signed.
 */
import { RawTx } from '@scure/btc-signer';
import { base64, hex } from '@scure/base';
import { type Finding, RANK, hardRefusal, note, refusal } from '../../findings/finding.js';
import { secretKind } from '../../secret-text.js';

/** What the message looks like. */
export type MessageKind = 'text' | 'hash' | 'transaction' | 'psbt' | 'binary' | 'secret';

/** The classification of a message. */
export interface MessageClass {
  kind: MessageKind;
  bytes: number;
  /** The exact bytes, escaped for display (see the file comment). */
  escaped: string;
  /** The message holds characters outside ASCII (shown as is; the UTF-8 bytes are signed). */
  nonAscii: boolean;
  /** Blind-signing refusals (`message-hash`, `message-transaction`, `message-binary`), `message-secret`, notes. */
  findings: Finding[];
}

/** Controls and characters that are invisible or reorder text: never shown raw. */
const HIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/u;

function utf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Escape the message bytes for display. */
export function escapeMessage(bytes: Uint8Array): string {
  const text = utf8(bytes);
  if (text === undefined) {
    let s = '';
    for (const b of bytes) s += b >= 0x20 && b < 0x7f && b !== 0x5c ? String.fromCharCode(b) : b === 0x5c ? '\\\\' : `\\x${b.toString(16).padStart(2, '0')}`;
    return s;
  }
  let s = '';
  for (const ch of text) {
    if (ch === '\\') s += '\\\\';
    else if (ch === '\n') s += '\\n';
    else if (ch === '\r') s += '\\r';
    else if (ch === '\t') s += '\\t';
    else if (HIDDEN.test(ch)) s += `\\u{${ch.codePointAt(0)!.toString(16).padStart(4, '0')}}`;
    else s += ch;
  }
  return s;
}

function isTransaction(bytes: Uint8Array): boolean {
  if (bytes.length < 60) return false;
  try {
    const tx = RawTx.decode(bytes);
    return tx.inputs.length > 0 && tx.outputs.length > 0;
  } catch {
    return false;
  }
}

const PSBT_MAGIC = [0x70, 0x73, 0x62, 0x74, 0xff];

/** The decoded bytes of a text that is wholly hex or base64 (whitespace ignored), if it is. */
function textEncoded(text: string): Uint8Array[] {
  const t = text.replace(/\s+/g, '');
  const out: Uint8Array[] = [];
  const h = t.replace(/^0x/i, '');
  if (h.length > 0 && h.length % 2 === 0 && /^[0-9a-fA-F]+$/.test(h)) out.push(hex.decode(h.toLowerCase()));
  if (t.length >= 8 && t.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(t)) {
    try {
      out.push(base64.decode(t));
    } catch {
      // not base64 after all
    }
  }
  return out;
}

/** Classify `message` (the exact bytes that would be signed). */
export function classifyMessage(message: Uint8Array): MessageClass {
  const text = utf8(message);
  const escaped = escapeMessage(message);
  const nonAscii = text !== undefined && /[^\x00-\x7f]/.test(text);
  const printable = text !== undefined && !HIDDEN.test(text);
  const encoded = printable ? textEncoded(text) : [];
  const result = (kind: MessageKind, findings: Finding[]): MessageClass => ({ kind, bytes: message.length, escaped, nonAscii, findings });

  const secret = text !== undefined ? secretKind(text) : undefined;
  if (secret) return result('secret', [hardRefusal('message-secret', RANK.identity, `the message is a ${secret}; a signed message is shown to whoever checks it, so a secret is never signed`)]);
  const isPsbt = (b: Uint8Array): boolean => b.length > 5 && PSBT_MAGIC.every((m, i) => b[i] === m);
  if (isPsbt(message) || encoded.some(isPsbt)) {
    return result('psbt', [refusal('message-transaction', RANK.content, 'the message is a PSBT: signing it as a message signs bytes no one reads (blind signing); sign a PSBT with psbt sign')]);
  }
  if (isTransaction(message) || encoded.some(isTransaction)) {
    return result('transaction', [refusal('message-transaction', RANK.content, 'the message is a Bitcoin transaction: signing it as a message signs bytes no one reads (blind signing)')]);
  }
  if ((!printable && message.length === 32) || encoded.some((b) => b.length === 32)) {
    return result('hash', [refusal('message-hash', RANK.content, 'the message is a 32-byte value (a hash?): its signer cannot know what it commits to (blind signing)')]);
  }
  if (!printable) {
    const why = text === undefined ? 'is not UTF-8 text' : 'holds control, invisible or direction-changing characters';
    return result('binary', [refusal('message-binary', RANK.content, `the message ${why}; what is signed must be what the signer read (see the escaped form)`)]);
  }
  return result('text', nonAscii ? [note('message-non-ascii', 'the message has characters outside ASCII; their UTF-8 bytes are signed exactly as given, not normalised')] : []);
}
