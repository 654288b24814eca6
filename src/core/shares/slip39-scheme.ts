/**
 * SLIP-39 (./slip39.ts) behind the share-scheme interface, so `shares verify|combine|drill` read
 * Trezor and Keystone shares and `seed new --split --format slip39` makes a new SLIP-39 wallet.
 * Unlike v1 and SSKR, what SLIP-39 shares rebuild is the wallet's BIP32 seed itself (the master
 * secret, decrypted with the SLIP-39 passphrase: "The master secret is used as the BIP-32
 * seed"), so a rebuilt set has no BIP39 words (`secretIs: 'bip32-seed'`), and an existing BIP39
 * wallet cannot become SLIP-39 shares of the same wallet: its BIP32 seed is PBKDF2 of its words,
 * 512 bits that no Trezor accepts as a master secret (128 or 256 bits). coldkit splits into one
 * group (T-of-N, passphrase empty, iteration exponent 1, ext = 0 so older recovery tools read it);
 * it combines any group layout.
 */
import { ShareInputError } from './errors.js';
import { rs1024Verify } from './rs1024.js';
import { hexSetId, type ShareScheme, type WordEntry } from './scheme.js';
import { slip39Combine } from './slip39.js';
import { SLIP39_MIN_WORDS, type Slip39Share, decodeSlip39Share, slip39Customisation, slip39SetWords, slip39WordCount } from './slip39-share.js';
import { proveSlip39Split, slip39Split } from './slip39-split.js';
import { indicesToWords, shareTokens, wordIndexOf } from './words.js';

/** The master-secret sizes a SLIP-39 wallet is made with here (Trezor's): 128 and 256 bits. */
export const SLIP39_SECRET_BYTES: readonly number[] = [16, 32];
const MAX_WORDS = slip39WordCount(32);

/** True when the word indices carry a valid SLIP-39 checksum for their ext flag. */
function checksumOk(indices: readonly number[]): boolean {
  if (indices.length < SLIP39_MIN_WORDS) return false;
  return rs1024Verify(indices, slip39Customisation(((indices[1]! >> 4) & 1) === 1));
}

const wordEntry: WordEntry = {
  maxWords: MAX_WORDS,
  status(indices, pasted) {
    if (checksumOk(indices)) return 'done';
    return pasted || indices.length >= MAX_WORDS ? 'stop' : 'more';
  },
  describeStart: (indices) => (indices.length >= 2 ? `SLIP-39 set "${indicesToWords(indices.slice(0, 2))}"` : undefined),
};

function indicesOf(text: string): number[] | undefined {
  const out: number[] = [];
  for (const t of shareTokens(text)) {
    const i = wordIndexOf(t);
    if (i === undefined) return undefined;
    out.push(i);
  }
  return out;
}

/** The SLIP-39 scheme. */
export const SLIP39_SCHEME: ShareScheme<Slip39Share> = {
  id: 'slip39',
  title: 'SLIP-39',
  secretName: 'SLIP-39 share',
  wordEntry,
  recognise(text) {
    const indices = indicesOf(text);
    return indices !== undefined && checksumOk(indices);
  },
  parse: (text, field) => decodeSlip39Share(text, field),
  describe: (s) => ({
    scheme: 'slip39',
    setId: hexSetId(s.identifier),
    setWords: slip39SetWords(s),
    group: { index: s.groupIndex + 1, threshold: s.groupThreshold, count: s.groupCount },
    member: s.memberIndex + 1,
    memberThreshold: s.memberThreshold,
    secretBytes: s.value.length,
    words: slip39WordCount(s.value.length),
  }),
  checkParams(threshold, count, fields) {
    if (!(threshold >= 2 && threshold <= count && count <= 16)) {
      throw new ShareInputError('bad-params', `SLIP-39 shares here need 2 ≤ T ≤ N ≤ 16, got ${threshold}-of-${count}`, fields.threshold);
    }
  },
  async split(secret, threshold, count, random, opts) {
    if (!SLIP39_SECRET_BYTES.includes(secret.length)) {
      throw new ShareInputError('bad-params', `a SLIP-39 wallet's master secret is 128 or 256 bits (12 or 24 words' worth), not ${secret.length * 8}`, 'secret');
    }
    // ext = 0 by default, though SLIP-39 says new shares SHOULD set 1: the shares are an exit
    // path, and recovery tools that predate the flag (Electrum 4.3, older Trezor firmware) read
    // only ext = 0. `seed new --slip39-extendable` asks for 1.
    const set = await slip39Split({ masterSecret: secret, groupThreshold: 1, groups: [{ threshold, count }], extendable: opts?.extendable ?? false, random });
    const subsetsChecked = await proveSlip39Split(set, secret);
    const texts = set.groups[0]!.shares;
    return {
      scheme: 'slip39',
      setId: hexSetId(set.identifier),
      setWords: set.setWords,
      threshold,
      count,
      shares: texts.map((text) => ({ text, qrText: text.toUpperCase() })),
      subsetsChecked,
    };
  },
  async combine(shares, opts) {
    const { masterSecret, info } = await slip39Combine(shares, opts?.passphrase ?? '');
    const single = info.groupCount === 1;
    return {
      secret: masterSecret,
      secretIs: 'bip32-seed',
      scheme: 'slip39',
      setId: hexSetId(info.identifier),
      setWords: info.setWords,
      threshold: single ? info.groups[0]!.threshold : info.groupThreshold,
      used: info.groups.flatMap((g) => g.members.map((m) => (single ? `member ${m}` : `group ${g.group} member ${m}`))),
    };
  },
  difference(shown, typed, field) {
    const a = shareTokens(shown);
    const b = shareTokens(typed);
    decodeSlip39Share(typed, field);
    if (a.length !== b.length) return `the share has ${b.length} words, the one shown ${a.length}`;
    const i = a.findIndex((w, k) => wordIndexOf(w) !== wordIndexOf(b[k]!));
    return i < 0 ? undefined : `word ${i + 1} differs from the share shown`;
  },
};
