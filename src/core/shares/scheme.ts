/**
 * A share scheme: one way of splitting a wallet's secret into shares and rebuilding it. coldkit
 * writes and reads its own v1 format (docs/formats/shares-v1.md) and SSKR (BCR-2020-011), which
 * both split the BIP39 entropy. SLIP-39 (./slip39.ts) fits the same interface: its groups and
 * member thresholds are ShareFacts.group / member*, its words are typed through WordEntry over
 * the same list, combine takes its passphrase and gives a BIP32 seed (`secretIs: 'bip32-seed'`).
 * The CLI sees shares only through this interface: it reads text, asks the registry
 * (./schemes.ts) which scheme the text is in, and splits, combines and describes through that
 * scheme. Everything here is pure: randomness is passed in.
 */
import type { RandomBytes } from './shamir.js';

/** The schemes coldkit knows (`--format`, wallet cards and the journal name them). */
export const SCHEME_IDS = ['v1', 'sskr', 'slip39'] as const;
export type SchemeId = (typeof SCHEME_IDS)[number];

/** The scheme a split uses unless told otherwise (`--format` default): coldkit v1. */
export const DEFAULT_SCHEME_ID: SchemeId = 'v1';

/** Public facts of one share: what verify prints and the journal keeps. No secret. */
export interface ShareFacts {
  scheme: SchemeId;
  /** The set identifier as 4 hex digits (v1 set id, SSKR identifier). */
  setId: string;
  /** Words the same on every share of the set (public). */
  setWords: string;
  /** Its group among the set's groups (1-based), groups needed, groups in the set. One-group schemes: 1, 1, 1. */
  group: { index: number; threshold: number; count: number };
  /** Its number within its group (1-based; v1: k of "share k of n"). */
  member: number;
  /** Members of its group needed to rebuild the group's secret (v1: T). */
  memberThreshold: number;
  /** Members in its group when the share records it (v1: N; SSKR does not record it). */
  memberCount?: number;
  /** Bytes of the secret (BIP39 entropy) the set rebuilds. */
  secretBytes: number;
  /** Words (or Bytewords) in the share's text. */
  words: number;
}

/** A share as read, with where it came from ("share-file a.txt", "stdin line 2"). */
export interface Labelled<S> {
  label: string;
  share: S;
}

/** What a rebuilt secret is: BIP39 entropy (words follow from it) or a BIP32 seed (SLIP-39's master secret). */
export type RecoveredSecret = 'bip39-entropy' | 'bip32-seed';

/** A rebuilt secret and the public facts of the shares used. */
export interface Recovered {
  /** The secret (the caller wipes it). */
  secret: Uint8Array;
  secretIs: RecoveredSecret;
  scheme: SchemeId;
  setId: string;
  setWords: string;
  /** Members needed (v1: T; SSKR: the first share's member threshold). */
  threshold: number;
  /** Shares in the set, when the scheme records it (v1). */
  count?: number;
  /** The shares given, all checked: v1 share numbers ("1", "3"), SSKR "group 1 member 2". */
  used: string[];
}

/** A fresh split, proven before it is returned: every share read back and every T-subset recombined. */
export interface SplitSet {
  scheme: SchemeId;
  setId: string;
  setWords: string;
  threshold: number;
  count: number;
  /** Per share, in order: the text a holder writes down and the text its QR code carries (upper case). Secret. */
  shares: Array<{ text: string; qrText: string }>;
  /** T-subsets recombined and checked. */
  subsetsChecked: number;
}

/**
 * What a word-entry prompt asks after each answer: the share is whole (`done`), a full-length share
 * of this scheme one word off (`typo`: report it now, even while another scheme sharing the word
 * list could still take more words), wrong (`stop`), or still being typed (`more`).
 */
export type EntryStatus = 'done' | 'typo' | 'stop' | 'more';

/** Typing a share word by word (schemes written in the SLIP-39 word list). */
export interface WordEntry {
  /** The most words a share of this scheme has. */
  readonly maxWords: number;
  /** After the word indices typed so far (`pasted`: the last answer was a whole line of words). */
  status(indices: readonly number[], pasted: boolean): EntryStatus;
  /** A line about the first three words (the set), shown while the rest is typed; undefined if they say nothing. */
  describeStart(indices: readonly number[]): string | undefined;
}

/** One share scheme. `S` is its decoded share. */
export interface ShareScheme<S = unknown> {
  readonly id: SchemeId;
  /** Its name in sentences: "coldkit v1", "SSKR". */
  readonly title: string;
  /** What a share of it is called when found in a QR or a file: "coldkit share". */
  readonly secretName: string;
  /** Typed word by word (with completion), or pasted as one line. */
  readonly wordEntry?: WordEntry;
  /** True when `text` is written in this scheme's form (the form only: a damaged share may still pass). */
  recognise(text: string): boolean;
  /** Decode one share; a ShareInputError names `field` and what is wrong, never a share word. */
  parse(text: string, field: string): S;
  /** The share's public facts. */
  describe(share: S): ShareFacts;
  /** Check T-of-N before any work; errors name the field of the wrong number. */
  checkParams(threshold: number, count: number, fields: ThresholdFields): void;
  /** Split `entropy` T-of-N with randomness from `random`, and prove the set before returning it. */
  split(entropy: Uint8Array, threshold: number, count: number, random: RandomBytes, opts?: SplitOptions): Promise<SplitSet>;
  /**
   * Rebuild the secret with every check the scheme has; each failure has its own error code.
   * `passphrase` is for schemes that encrypt the secret (SLIP-39); v1 and SSKR carry the BIP39
   * entropy itself, and a BIP39 passphrase applies after, to the words.
   */
  combine(shares: readonly Labelled<S>[], opts?: { passphrase?: string }): Promise<Recovered>;
  /** Where a re-typed share differs from the one shown ("word 5 differs…"), or undefined when it is the same share. */
  difference(shown: string, typed: string, field: string): string | undefined;
}

/** The fields a T-of-N check names on error (the CLI passes its flags). */
export interface ThresholdFields {
  threshold: string;
  count: string;
}

/** A 16-bit set identifier as the 4 hex digits printed and journaled. */
export function hexSetId(id: number): string {
  return id.toString(16).padStart(4, '0');
}

/** Scheme-specific split choices (ignored by schemes that have no such choice). */
export interface SplitOptions {
  /** SLIP-39: the ext bit (1: the identifier is not mixed into the encryption, so groups can be added later). */
  extendable?: boolean;
}
