/**
 * `coldkit shares drill`: the recovery drill. Combine the shares in memory, derive the master
 * fingerprint and first BIP84 address, compare them with the public wallet card (or
 * --expect-fingerprint) and print MATCH or MISMATCH with which shares were used — never a word.
 * A share set that fails its integrity check is a FAILED drill: journaled, exit 3, like MISMATCH.
 */
import { InputError } from '../../core/errors.js';
import { network } from '../../core/network.js';
import { parseWalletCard, walletCard, walletCardOfSeed, type WalletCard } from '../../core/hd/wallet-card.js';
import type { Recovered, SchemeId } from '../../core/shares/scheme.js';
import { ShareVerificationError } from '../../core/shares/errors.js';
import { recoveredMnemonic } from '../../core/shares/schemes.js';
import { sanitize } from '../../core/text.js';
import type { Action } from '../command.js';
import { journalPath } from '../journal-file.js';
import { recordedShareSet } from '../shares/recorded-set.js';
import { readInputText } from '../io.js';
import { btcNetwork } from '../network-option.js';
import { readPassphrase } from '../secrets.js';
import { checkStdinUse, readShares } from '../shares/read-shares.js';
import type { sharesDrill } from '../commands/shares.js';

/** What a drill compares against (read from a wallet card, or just a fingerprint). */
interface Expected {
  fingerprint: string;
  firstAddress?: string;
  network?: string;
  passphrase?: boolean;
  setWords?: string;
  holders?: string[];
}

interface Result {
  result: 'MATCH' | 'MISMATCH' | 'FAILED';
  reason?: string;
  format?: SchemeId;
  setWords?: string;
  setId?: string;
  shares: string[];
  holders: string[];
  sources: string[];
  fingerprint?: string;
  expectedFingerprint: string;
  firstAddress?: string;
  firstAddressMatches?: boolean;
  cardSetWords?: string;
  /** The set was retired in this journal (reissued or retired): its shares should be destroyed. */
  retired?: { seq: number; ts: string; reason: string; supersededBy: string | null };
}

/** What the drill compares with, from a wallet card (every field checked by core). */
function expectedFromCard(card: WalletCard): Expected {
  return {
    fingerprint: card.fingerprint,
    firstAddress: card.bip84.firstAddress,
    network: card.network,
    passphrase: card.passphrase,
    setWords: card.shares?.setWords,
    holders: card.shares?.holders,
  };
}

const action: Action<typeof sharesDrill> = async (opts, ctx) => {
  if (!opts.card && !opts.expectFingerprint) throw new InputError('a drill needs something to compare with: --card wallet-card.json or --expect-fingerprint HEX', '--card');
  if (opts.card && opts.expectFingerprint) throw new InputError('give --card or --expect-fingerprint, not both', '--expect-fingerprint');
  if (opts.expectFingerprint && !/^[0-9a-fA-F]{8}$/.test(opts.expectFingerprint)) throw new InputError('must be 8 hex characters', '--expect-fingerprint');
  const expected: Expected = opts.card ? expectedFromCard(parseWalletCard(await readInputText(opts.card, '--card'), opts.card, '--card')) : { fingerprint: opts.expectFingerprint!.toLowerCase() };
  if (expected.passphrase && !opts.passphrase && !opts.passphraseFile) {
    throw new InputError('the wallet card says this wallet uses a BIP39 passphrase: add --passphrase (hidden prompt) or --passphrase-file', '--passphrase');
  }
  checkStdinUse(opts, ctx);
  const net = expected.network ? network(expected.network, '--card') : btcNetwork(ctx);
  const read = await readShares(opts, ctx, 'drill');
  const sources = read.shares.map((s) => s.label);
  const base = { expectedFingerprint: expected.fingerprint, sources, cardSetWords: expected.setWords };
  let result: Result;
  try {
    let got: Recovered;
    let card: WalletCard;
    if (read.scheme.id === 'slip39') {
      // SLIP-39: the passphrase decrypts the master secret, which is the BIP32 seed itself.
      const passphrase = await readPassphrase(opts, ctx);
      got = await read.scheme.combine(read.shares, { passphrase });
      card = walletCardOfSeed(got.secret, passphrase.length > 0, net);
      got.secret.fill(0);
    } else {
      got = await read.scheme.combine(read.shares);
      const phrase = recoveredMnemonic(got);
      ctx.addSecret(phrase);
      card = walletCard(phrase, await readPassphrase(opts, ctx), net);
    }
    const fpOk = card.fingerprint === expected.fingerprint;
    const addrOk = expected.firstAddress === undefined ? undefined : card.bip84.firstAddress === expected.firstAddress;
    const sameSet = expected.setWords === got.setWords;
    const holders = got.scheme === 'v1' && sameSet && expected.holders ? got.used.map((k) => expected.holders![Number(k) - 1] ?? `share ${k}`) : [];
    result = {
      ...base,
      result: fpOk && addrOk !== false ? 'MATCH' : 'MISMATCH',
      format: got.scheme,
      setWords: got.setWords,
      setId: got.setId,
      shares: got.used,
      holders,
      fingerprint: card.fingerprint,
      firstAddress: card.bip84.firstAddress,
      ...(addrOk !== undefined ? { firstAddressMatches: addrOk } : {}),
    };
    const record = recordedShareSet(journalPath(ctx.globals.journal, ctx.env), got.setId, got.setWords);
    if (record?.retired) result.retired = { seq: record.retired.seq, ts: record.retired.ts, reason: record.retired.reason, supersededBy: record.retired.supersededBy };
  } catch (e) {
    if (!(e instanceof ShareVerificationError)) throw e;
    result = { ...base, result: 'FAILED', reason: e.message, shares: [], holders: [] };
  }
  return {
    result,
    exitCode: result.result === 'MATCH' ? 0 : 3,
    journal: [
      {
        op: 'shares.drill',
        data: {
          result: result.result,
          format: result.format ?? read.scheme.id,
          setId: result.setId ?? null,
          setWords: result.setWords ?? null,
          shares: result.shares,
          holders: result.holders,
          sources,
          fingerprint: result.fingerprint ?? null,
          expectedFingerprint: expected.fingerprint,
          ...(opts.card ? { card: opts.card } : {}),
          ...(result.reason ? { reason: result.reason } : {}),
          ...(result.retired ? { retiredSet: { seq: result.retired.seq, supersededBy: result.retired.supersededBy } } : {}),
        },
      },
    ],
    human: (r: Result) => {
      const out: string[] = [];
      if (r.result === 'FAILED') {
        out.push(`FAILED — the shares did not rebuild a verified secret: ${r.reason}`);
      } else {
        out.push(
          `${r.result} — rebuilt fingerprint ${r.fingerprint}, expected ${r.expectedFingerprint}${r.firstAddressMatches === undefined ? '' : r.firstAddressMatches ? '; first address matches' : '; first address DIFFERS'}.`,
          `Shares used: ${r.format === 'v1' ? r.shares.map((k, i) => `share ${k}${r.holders[i] ? ` (${r.holders[i]})` : ''}`).join(', ') : r.shares.join('; ')} of set "${r.setWords}". No words were shown.`,
        );
        if (r.cardSetWords && r.setWords && r.cardSetWords !== r.setWords) {
          out.push(`Note: the card lists share set "${r.cardSetWords}", these shares are set "${r.setWords}" (a re-split? destroy superseded shares).`);
        }
        if (r.retired) {
          out.push(`RETIRED SET — set "${r.setWords}" was retired at journal #${r.retired.seq} (${r.retired.ts.slice(0, 10)}, ${sanitize(r.retired.reason)}${r.retired.supersededBy ? `; superseded by set ${sanitize(r.retired.supersededBy)}` : ''}): these shares should have been destroyed; drill the set in force.`);
        }
        if (r.result === 'MISMATCH') out.push('These shares rebuild ANOTHER wallet than the card: do not rely on them; check the passphrase and that the card belongs to this set.');
      }
      return out.join('\n');
    },
  };
};
export default action;
