/**
 * EIP-191 version 0x45 ("personal_sign"): digest = keccak256("\x19Ethereum Signed Message:\n" ‖ len ‖ message).
 * The message is the file's exact bytes.
 */
import { hashMessage } from 'ethers';
import { sanitize, toHex } from '../text.js';

export interface MessageReview {
  bytes: number;
  /** The message as text when it is valid UTF-8 (control characters shown as U+FFFD), else null. */
  text: string | null;
  hex: string;
  /** The EIP-191 digest that is signed. */
  digest: string;
}

/** Review of a personal_sign message. */
export function reviewMessage(message: Uint8Array): MessageReview {
  let text: string | null = null;
  try {
    text = sanitize(new TextDecoder('utf-8', { fatal: true }).decode(message).replace(/\r?\n/g, ' ⏎ '));
  } catch {
    text = null;
  }
  return { bytes: message.length, text, hex: '0x' + toHex(message), digest: hashMessage(message) };
}
