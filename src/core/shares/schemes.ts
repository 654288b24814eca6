/**
 * The share schemes coldkit knows, and which one a share's text is in. Detection goes by form:
 * SSKR text (`ur:sskr/…`, Bytewords of a tagged share) is unmistakable; words of the SLIP-39 list
 * with a valid SLIP-39 checksum ("shamir"/"shamir_extendable") are SLIP-39; other words of the list
 * are coldkit v1, the default, whose decoder says precisely what is wrong with a damaged share
 * (and recognises a SLIP-39 share as not its own). A set is read in one scheme: shares of two
 * schemes are refused, as is a share of another scheme than the one asked for.
 */
import { mnemonicFromEntropy } from '../bip39/mnemonic.js';
import { InputError } from '../errors.js';
import { sanitize } from '../text.js';
import { ShareInputError } from './errors.js';
import { DEFAULT_SCHEME_ID, SCHEME_IDS, type Labelled, type Recovered, type ShareScheme } from './scheme.js';
import { SLIP39_SCHEME } from './slip39-scheme.js';
import { SSKR_SCHEME } from './sskr-scheme.js';
import { V1_SCHEME } from './v1-scheme.js';

/** Every scheme, in detection order (the default last). */
export const SHARE_SCHEMES: readonly ShareScheme[] = [SSKR_SCHEME, SLIP39_SCHEME, V1_SCHEME];

/** The scheme a split uses unless told otherwise. */
export const DEFAULT_SCHEME: ShareScheme = SHARE_SCHEMES.find((s) => s.id === DEFAULT_SCHEME_ID)!;

/** The scheme named `id` (case-insensitive); InputError naming `field` otherwise. */
export function schemeById(id: string, field: string): ShareScheme {
  const v = id.toLowerCase();
  const s = SHARE_SCHEMES.find((x) => x.id === v);
  if (!s) throw new InputError(`"${sanitize(v)}" is not a share format; use ${DEFAULT_SCHEME.id} (default) or ${SCHEME_IDS.filter((i) => i !== DEFAULT_SCHEME.id).join(' or ')}`, field);
  return s;
}

/** The scheme a share's text is in, when its form says so (no fallback): for recognising secrets. */
export function recogniseShare(text: string): ShareScheme | undefined {
  return SHARE_SCHEMES.find((s) => s.recognise(text));
}

/** The scheme to read a share's text with: the one its form names, else the default. */
export function schemeOf(text: string): ShareScheme {
  return recogniseShare(text) ?? DEFAULT_SCHEME;
}

/**
 * Parse one share. With `expected`, a share in another scheme's form is refused as such
 * ('wrong-scheme'), before its content is looked at.
 */
export function parseShare(text: string, field: string, expected?: ShareScheme): { scheme: ShareScheme; share: unknown } {
  const scheme = schemeOf(text);
  if (expected && scheme !== expected) {
    throw new ShareInputError('wrong-scheme', `is a share of the ${scheme.title} scheme, not ${expected.title}; shares of one split have one format`, field);
  }
  return { scheme, share: scheme.parse(text, field) };
}

/** One share as text with a label naming its source ("share-file alice.txt", "stdin line 2"). */
export interface ShareText {
  label: string;
  text: string;
}

/** Shares of one set, decoded, with their scheme. */
export interface ParsedSet {
  scheme: ShareScheme;
  shares: Labelled<unknown>[];
}

/**
 * Decode the shares of one set: all must be in one scheme (`expected`, when given). Every
 * unreadable share is reported at once (with the first one's error code).
 */
export function parseShareSet(texts: readonly ShareText[], expected?: ShareScheme): ParsedSet {
  if (texts.length === 0) throw new ShareInputError('empty', 'no shares given', 'shares');
  const schemes = texts.map((t) => schemeOf(t.text));
  const first = schemes[0]!;
  const odd = schemes.findIndex((s) => s !== first);
  if (odd >= 0) {
    throw new InputError(`mixes ${first.title} and ${schemes[odd]!.title} shares (${texts[0]!.label} is ${first.title}); shares of one split have one format`, texts[odd]!.label);
  }
  const errors: ShareInputError[] = [];
  const shares: Labelled<unknown>[] = [];
  for (const t of texts) {
    try {
      shares.push({ label: t.label, share: parseShare(t.text, t.label, expected).share });
    } catch (e) {
      if (!(e instanceof ShareInputError)) throw e;
      errors.push(e);
    }
  }
  if (errors.length === 1) throw errors[0]!;
  if (errors.length > 1) {
    throw new ShareInputError(errors[0]!.code, `${errors.length} shares cannot be read: ${errors.map((e) => e.message).join('; ')}`);
  }
  return { scheme: first, shares };
}

/**
 * The BIP39 words of a rebuilt secret; the secret bytes are wiped. Shares that hold a BIP32 seed
 * (SLIP-39) have no words: refused, naming the scheme.
 */
export function recoveredMnemonic(r: Recovered): string {
  try {
    if (r.secretIs !== 'bip39-entropy') throw new InputError(`these ${r.scheme} shares hold a BIP32 seed, not BIP39 words`, 'shares');
    return mnemonicFromEntropy(r.secret);
  } finally {
    r.secret.fill(0);
  }
}
