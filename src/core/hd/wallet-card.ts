/**
 * The public wallet card (docs/formats/wallet-card.md): what a custody team files to recognise a
 * seed later without holding it — master fingerprint, BIP84 account xpub, first receive address,
 * and whether a BIP39 passphrase is in use (never its value); with shares, the set's public facts.
 * Drills compare against it. This module makes a card and reads one back, checking every field.
 */
import { InputError } from '../errors.js';
import { NETWORK_NAMES, network, type BtcNetwork } from '../network.js';
import { SCHEME_IDS, type SchemeId } from '../shares/scheme.js';
import { sanitize } from '../text.js';
import { accountPath, exportAccount } from '../wallet/account.js';
import { parseDescriptor, type Descriptor } from '../wallet/descriptor.js';
import { Wallet } from '../wallet/wallet.js';
import { base58check } from './base58.js';
import { masterFingerprint, masterKey, seedFromMnemonic } from './keys.js';
import { formatPath, parsePath, HARDENED } from './path.js';
import { normalizeExtendedPublic } from './slip132.js';

/** The share set a card was written with (`shares split --out`, `seed new --split --out`). */
export interface WalletCardShares {
  format: SchemeId;
  setWords: string;
  /** 4 hex digits. */
  setId: string;
  threshold: number;
  count: number;
  /** Day of the split, YYYY-MM-DD. */
  created: string;
  /** Holder of each share, in share order. */
  holders?: string[];
}

/** The wallet card document (written with `--card FILE` and into a share-card folder). */
export interface WalletCard {
  kind: 'coldkit/wallet-card';
  version: 1;
  network: string;
  fingerprint: string;
  passphrase: boolean;
  /** With a passphrase: the fingerprint of the same words without it, to tell the two wallets apart. */
  fingerprintWithoutPassphrase?: string;
  bip84: { path: string; xpub: string; zpub?: string; descriptor: string; firstAddress: string };
  shares?: WalletCardShares;
}

/** Make the wallet card for a checked mnemonic phrase and optional passphrase. */
export function walletCard(phrase: string, passphrase: string, net: BtcNetwork): WalletCard {
  const card = walletCardOfSeed(seedFromMnemonic(phrase, passphrase), passphrase.length > 0, net);
  if (passphrase.length > 0) card.fingerprintWithoutPassphrase = masterFingerprint(masterKey(seedFromMnemonic(phrase, ''), net));
  return card;
}

/** Make the wallet card of a BIP32 seed (SLIP-39's master secret); `passphrase` says whether one was used to get it. */
export function walletCardOfSeed(seed: Uint8Array, passphrase: boolean, net: BtcNetwork): WalletCard {
  const root = masterKey(seed, net);
  const acc = exportAccount(root, net, 'wpkh', accountPath('wpkh', net, 0), 1);
  const card: WalletCard = {
    kind: 'coldkit/wallet-card',
    version: 1,
    network: net.name,
    fingerprint: masterFingerprint(root),
    passphrase,
    bip84: { path: acc.path, xpub: acc.xpub, zpub: acc.slip132, descriptor: acc.descriptors.receive, firstAddress: acc.addresses[0]!.address },
  };
  root.wipePrivateData();
  return card;
}

const FINGERPRINT = /^[0-9a-f]{8}$/;
const TOP = ['kind', 'version', 'network', 'fingerprint', 'passphrase', 'fingerprintWithoutPassphrase', 'bip84', 'shares'];
const BIP84 = ['path', 'xpub', 'zpub', 'descriptor', 'firstAddress'];
const SHARES = ['format', 'setWords', 'setId', 'threshold', 'count', 'created', 'holders'];
/** Longest holder name a split accepts. */
const MAX_HOLDER = 40;

type Doc = Record<string, unknown>;
const isDoc = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Read a wallet card: JSON text → the card, every field checked — kind and version, network,
 * fingerprints, the BIP84 path (purpose 84, the network's coin type, hardened), the xpub (a valid
 * key of the network, at the path's depth), its SLIP-132 form, the descriptor (checksum, origin
 * and key the same as the card's), the first address (re-derived from the xpub), and the share
 * set. Every problem is reported at once, each naming its field; `name` is the file's name and
 * `field` the flag it came with.
 */
export function parseWalletCard(text: string, name: string, field: string): WalletCard {
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch {
    throw new InputError(`"${sanitize(name)}" is not JSON; give the wallet-card.json written by seed new/check --card or shares split --out`, field);
  }
  if (!isDoc(j) || j.kind !== 'coldkit/wallet-card') {
    throw new InputError(`"${sanitize(name)}" is not a coldkit wallet card (kind coldkit/wallet-card with a fingerprint)`, field);
  }
  const problems: string[] = [];
  const bad: Bad = (path, why) => problems.push(`${path}: ${why}`);
  unknownFields(j, TOP, '', bad);
  if (j.version !== 1) bad('version', `must be 1, the card version this coldkit reads (${describe(j.version)})`);
  const net = NETWORK_NAMES.includes(j.network as never) ? network(j.network as string) : undefined;
  if (!net) bad('network', `must be one of ${NETWORK_NAMES.join(', ')} (${describe(j.network)})`);
  const fpOk = typeof j.fingerprint === 'string' && FINGERPRINT.test(j.fingerprint);
  if (!fpOk) bad('fingerprint', 'must be 8 lower-case hex characters (the master fingerprint)');
  if (typeof j.passphrase !== 'boolean') bad('passphrase', 'must be true or false');
  if (j.fingerprintWithoutPassphrase !== undefined) {
    if (typeof j.fingerprintWithoutPassphrase !== 'string' || !FINGERPRINT.test(j.fingerprintWithoutPassphrase)) bad('fingerprintWithoutPassphrase', 'must be 8 lower-case hex characters');
    else if (j.passphrase === false) bad('fingerprintWithoutPassphrase', 'is given but passphrase is false');
  }
  if (!isDoc(j.bip84)) bad('bip84', 'must be an object with path, xpub, descriptor and firstAddress');
  else checkBip84(j.bip84, net, fpOk ? (j.fingerprint as string) : undefined, bad);
  if (j.shares !== undefined) {
    if (!isDoc(j.shares)) bad('shares', 'must be an object (the share set)');
    else checkShares(j.shares, bad);
  }
  if (problems.length) throw new InputError(`"${sanitize(name)}" is not a valid wallet card: ${problems.join('; ')}`, field);
  return j as unknown as WalletCard;
}

type Bad = (path: string, why: string) => void;

/** Run a check whose InputError names its field (the path in the card); the error becomes a problem. */
function attempt<T>(bad: Bad, run: () => T): T | undefined {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    if (e.field) bad(e.field, e.message.slice(e.field.length + 2));
    else bad('card', e.message);
    return undefined;
  }
}

function checkBip84(b: Doc, net: BtcNetwork | undefined, fingerprint: string | undefined, bad: Bad): void {
  unknownFields(b, BIP84, 'bip84.', bad);
  let path: number[] | undefined;
  if (typeof b.path !== 'string') bad('bip84.path', 'must be a path such as m/84h/0h/0h');
  else {
    path = attempt(bad, () => parsePath(b.path as string, 'bip84.path'));
    const coin = net?.coinType;
    if (path && !(path.length === 3 && path[0] === 84 + HARDENED && (coin === undefined || path[1] === coin + HARDENED) && path[2]! >= HARDENED)) {
      bad('bip84.path', `${sanitize(b.path)} is not a BIP84 account path m/84h/${coin ?? '<coin>'}h/<account>h`);
      path = undefined;
    }
  }
  let xpub: string | undefined;
  if (typeof b.xpub !== 'string') bad('bip84.xpub', 'must be the account xpub');
  else {
    const given = b.xpub;
    const k = attempt(bad, () => normalizeExtendedPublic(given, 'bip84.xpub'));
    // The raw depth byte of the BIP32 serialisation (version 4 bytes, then depth).
    const depth = k ? base58check.decode(k.xpub)[4] : undefined;
    if (k && k.xpub !== given) bad('bip84.xpub', 'must be in the plain xpub/tpub form (the SLIP-132 form goes in bip84.zpub)');
    else if (k && net && k.mainnet !== (net.name === 'mainnet')) bad('bip84.xpub', `is a ${k.mainnet ? 'mainnet' : 'test-network'} key but the card is for ${net.name}`);
    else if (k && path && depth !== path.length) bad('bip84.xpub', `is at depth ${depth}, not at the ${path.length} steps of bip84.path`);
    else if (k) xpub = given;
  }
  if (b.zpub !== undefined) {
    const z = typeof b.zpub === 'string' ? attempt(bad, () => normalizeExtendedPublic(b.zpub as string, 'bip84.zpub')) : undefined;
    if (typeof b.zpub !== 'string') bad('bip84.zpub', 'must be the SLIP-132 form of the xpub');
    else if (z && z.script !== 'wpkh') bad('bip84.zpub', 'is not a zpub/vpub (the SLIP-132 form of a P2WPKH account)');
    else if (z && xpub && z.xpub !== xpub) bad('bip84.zpub', 'is not the same key as bip84.xpub');
  }
  if (typeof b.descriptor !== 'string') bad('bip84.descriptor', 'must be the receive descriptor wpkh([fingerprint/path]xpub/0/*)#checksum');
  else {
    const d = attempt(bad, () => parseDescriptor(b.descriptor as string, 'bip84.descriptor'));
    const k = d?.keys[0];
    if (d && k) {
      if (d.checksum === undefined) bad('bip84.descriptor', 'has no #checksum');
      if (d.script !== 'wpkh' || d.keys.length !== 1 || k.prefix.length || d.branches.length !== 1 || d.branches[0] !== 0) bad('bip84.descriptor', 'is not the receive descriptor wpkh(…/0/*)');
      if (fingerprint && k.fingerprint !== fingerprint) bad('bip84.descriptor', 'names another master fingerprint than the card');
      if (path && (!k.originPath || formatPath(k.originPath) !== formatPath(path))) bad('bip84.descriptor', 'has another key origin path than bip84.path');
      if (xpub && k.xpub !== xpub) bad('bip84.descriptor', 'has another key than bip84.xpub');
    }
  }
  if (typeof b.firstAddress !== 'string') bad('bip84.firstAddress', 'must be the first receive address');
  else if (xpub && net) {
    // BIP84: the first receive address is the P2WPKH of the account key's …/0/0.
    const receive: Descriptor = { script: 'wpkh', keys: [{ xpub, prefix: [] }], threshold: 1, mainnet: net.name === 'mainnet', branches: [0] };
    if (new Wallet(receive, net, 'bip84.xpub').addresses(0, 0, 1)[0]!.address !== b.firstAddress) bad('bip84.firstAddress', 'is not the first receive address of bip84.xpub (…/0/0)');
  }
}

function checkShares(s: Doc, bad: Bad): void {
  unknownFields(s, SHARES, 'shares.', bad);
  if (!SCHEME_IDS.includes(s.format as never)) bad('shares.format', `must be one of ${SCHEME_IDS.join(', ')} (${describe(s.format)})`);
  if (typeof s.setWords !== 'string' || !/^[a-z]+( [a-z]+){1,2}$/.test(s.setWords)) bad('shares.setWords', 'must be the set words (2 or 3 lower-case words)');
  if (typeof s.setId !== 'string' || !/^[0-9a-f]{4}$/.test(s.setId)) bad('shares.setId', 'must be 4 lower-case hex characters');
  const t = s.threshold;
  const n = s.count;
  const tOk = Number.isInteger(t) && (t as number) >= 1 && (t as number) <= 16;
  if (!tOk) bad('shares.threshold', 'must be a whole number from 1 to 16');
  if (!Number.isInteger(n) || (n as number) < 1 || (n as number) > 16) bad('shares.count', 'must be a whole number from 1 to 16');
  else if (tOk && (n as number) < (t as number)) bad('shares.count', `${n} is below the threshold ${t}`);
  if (typeof s.created !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s.created) || Number.isNaN(Date.parse(s.created))) bad('shares.created', 'must be a date YYYY-MM-DD');
  if (s.holders !== undefined) {
    if (!Array.isArray(s.holders)) bad('shares.holders', 'must be a list of names, one per share');
    else {
      if (Number.isInteger(n) && s.holders.length !== n) bad('shares.holders', `names ${s.holders.length} holders for ${n} shares`);
      s.holders.forEach((h, i) => {
        if (typeof h !== 'string' || h.length === 0 || h.length > MAX_HOLDER || sanitize(h) !== h) bad(`shares.holders[${i}]`, `must be a name of 1 to ${MAX_HOLDER} printable characters`);
      });
    }
  }
}

function unknownFields(doc: Doc, known: readonly string[], prefix: string, bad: Bad): void {
  for (const k of Object.keys(doc)) if (!known.includes(k)) bad(`${prefix}${sanitize(k)}`, 'is not a field of a version 1 wallet card');
}

/** What a field holds, for a message: "missing" or "is 2" (short, control characters removed). */
function describe(v: unknown): string {
  if (v === undefined) return 'missing';
  const s = JSON.stringify(v);
  return `is ${sanitize(s.length > 40 ? s.slice(0, 40) + '…' : s)}`;
}
