/**
 * Recognise decoded text that is a secret, so a transport command (`qr decode`, `qr encode`)
 * treats it as one: an extended private key (BIP32 xprv/tprv and their SLIP-132 forms), a SeedQR
 * (standard: 4 digits a word), a WIF private key, a BIP39 mnemonic, a share of any scheme in the
 * registry (core/shares/schemes.ts: coldkit v1, SSKR), or a SLIP-39 share. The payload table
 * (core/transport/payload-kinds.ts) asks this for the kinds whose content is free text.
 */
import { base58check } from './hd/base58.js';
import { recogniseShare } from './shares/schemes.js';
import { decodeSlip39Share } from './shares/slip39-share.js';
import { parseMnemonic } from './bip39/mnemonic.js';

/** The secrets recognised, in order: each names what it is, or undefined. */
const SECRETS: ReadonlyArray<(t: string) => string | undefined> = [
  // BIP32 serialisation: 78 bytes base58check → 111 characters; private versions xprv/tprv (+ SLIP-132 y/z/u/v/Y/Z/U/V).
  (t) => (/^[xtyzuvYZUV]prv[1-9A-HJ-NP-Za-km-z]{100,112}$/.test(t) ? 'extended private key' : undefined),
  // SeedQR standard format: the BIP39 word indices as 4 decimal digits each (12 or 24 words).
  (t) => (/^(\d{48}|\d{96})$/.test(t) ? 'SeedQR' : undefined),
  (t) => (isWif(t) ? 'WIF private key' : undefined),
  (t) => {
    const words = t.split(/\s+/).length;
    return words >= 12 && words <= 24 && succeeds(() => parseMnemonic(t)) ? 'BIP39 mnemonic' : undefined;
  },
  (t) => recogniseShare(t)?.secretName,
  // SLIP-39 is read by its own commands, not yet a scheme of the registry; its shares are secrets all the same.
  (t) => (t.split(/\s+/).length >= 20 && succeeds(() => decodeSlip39Share(t)) ? 'SLIP-39 share' : undefined),
];

/** What kind of secret `text` is, or undefined when it is none of the known kinds. */
export function secretKind(text: string): string | undefined {
  const t = text.trim();
  if (t.length === 0) return undefined;
  for (const recognise of SECRETS) {
    const name = recognise(t);
    if (name) return name;
  }
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
