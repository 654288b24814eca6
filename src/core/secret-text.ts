/**
 * Recognise decoded text that is a secret, so a transport command (`qr decode`) treats it as one:
 * a coldkit v1 share, a SLIP-39 share, an SSKR share, a BIP39 mnemonic, a SeedQR (standard: 4
 * digits a word), an extended private key (BIP32 xprv/tprv and their SLIP-132 forms), or a WIF
 * private key.
 */
import { base58check } from './hd/base58.js';
import { looksLikeSskr } from './shares/sskr.js';
import { decodeShare } from './shares/v1.js';
import { decodeSlip39Share } from './shares/slip39-share.js';
import { parseMnemonic } from './bip39/mnemonic.js';

/** What kind of secret `text` is, or undefined when it is none of the known kinds. */
export function secretKind(text: string): string | undefined {
  const t = text.trim();
  if (t.length === 0) return undefined;
  // BIP32 serialisation: 78 bytes base58check → 111 characters; private versions xprv/tprv (+ SLIP-132 y/z/u/v/Y/Z/U/V).
  if (/^[xtyzuvYZUV]prv[1-9A-HJ-NP-Za-km-z]{100,112}$/.test(t)) return 'extended private key';
  // SeedQR standard format: the BIP39 word indices as 4 decimal digits each (12 or 24 words).
  if (/^(\d{48}|\d{96})$/.test(t)) return 'SeedQR';
  if (isWif(t)) return 'WIF private key';
  if (looksLikeSskr(t)) return 'SSKR share';
  const words = t.split(/\s+/).length;
  if (words >= 12 && words <= 24) {
    if (succeeds(() => parseMnemonic(t))) return 'BIP39 mnemonic';
  }
  if (words >= 20 && succeeds(() => decodeShare(t))) return 'coldkit share';
  if (words >= 20 && succeeds(() => decodeSlip39Share(t))) return 'SLIP-39 share';
  return undefined;
}

/** WIF: Base58Check of 0x80 (mainnet) or 0xef (test networks) ‖ 32-byte key ‖ optional 0x01 (compressed). */
function isWif(t: string): boolean {
  if (!/^[59KLc][1-9A-HJ-NP-Za-km-z]{50,51}$/.test(t)) return false;
  try {
    const b = base58check.decode(t);
    return (b[0] === 0x80 || b[0] === 0xef) && (b.length === 33 || (b.length === 34 && b[33] === 1));
  } catch {
    return false;
  }
}

function succeeds(f: () => unknown): boolean {
  try {
    f();
    return true;
  } catch {
    return false;
  }
}
