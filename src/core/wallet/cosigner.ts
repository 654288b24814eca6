/**
 * Vault cosigners: one key of a multisig vault, as each offline laptop exports it and as
 * `wallet create` reads it back. A cosigner is a master fingerprint, a BIP48 account path
 * (`m/48'/coin'/account'/script_type'`, script_type 2' = P2WSH, 1' = P2SH-P2WSH) and the xpub at
 * that path. Exported as coldkit JSON (`coldkit/cosigner`), as a descriptor key expression
 * `[fp/48h/0h/0h/2h]xpub`, and as the "generic JSON" Coldcard writes for a multisig key
 * (`xfp`, `p2wsh_deriv`, `p2wsh`, … and the `bip48_2` / `bip48_1` sections Sparrow reads).
 * Read from any of those; errors name the file and what is missing.
 */
import type { HDKey } from '@scure/bip32';
import { InputError } from '../errors.js';
import { withChecksum } from '../hd/checksum.js';
import { formatOrigin, formatPath, HARDENED, parsePath } from '../hd/path.js';
import { normalizeExtendedPublic, withVersion } from '../hd/slip132.js';
import type { BtcNetwork } from '../network.js';
import { template, TEMPLATES, type ScriptTemplate, type TemplateName } from './template.js';

/** One cosigner of a vault. */
export interface Cosigner {
  /** A name for people ("laptop A", the file it came from). */
  label: string;
  /** Master fingerprint, 8 lowercase hex. */
  fingerprint: string;
  /** Path from the master to the xpub. */
  path: number[];
  /** Plain xpub/tpub (SLIP-132 forms normalised). */
  xpub: string;
  mainnet: boolean;
  /** The vault template the key's path or version bytes name, when they name one. */
  hint?: TemplateName;
}

/** The cosigner export document (`account export --script wsh-multi|sh-wsh-multi`). */
export interface CosignerExport {
  kind: 'coldkit/cosigner';
  version: 1;
  network: string;
  script: TemplateName;
  fingerprint: string;
  path: string;
  xpub: string;
  /** SLIP-132 Zpub/Vpub (P2WSH) or Ypub/Upub (P2SH-P2WSH): Electrum's form (none for a taproot vault key). */
  slip132?: string;
  /** Descriptor key expression `[fp/path]xpub` (BIP380 key origin). */
  key: string;
}

/** BIP48 account path: m/48'/coin'/account'/script_type'. */
export function bip48Path(t: ScriptTemplate, net: BtcNetwork, account: number): number[] {
  if (t.bip48 === undefined) throw new RangeError(`template ${t.name} is not a BIP48 vault template`);
  return [48 + HARDENED, net.coinType + HARDENED, account + HARDENED, t.bip48 + HARDENED];
}

/** The `[fp/path]xpub` key expression. */
export function keyExpression(fingerprint: string, path: readonly number[], xpub: string): string {
  return `[${fingerprint}${path.length ? '/' + formatOrigin([...path]) : ''}]${xpub}`;
}

/** The cosigner export of an account-level key (public is enough). */
export function exportCosigner(node: HDKey, fingerprint: string, path: number[], net: BtcNetwork, script: TemplateName): CosignerExport {
  const t = template(script);
  const xpub = node.publicExtendedKey;
  return {
    kind: 'coldkit/cosigner',
    version: 1,
    network: net.name,
    script,
    fingerprint,
    path: formatPath(path),
    xpub,
    ...(t.slip132 ? { slip132: withVersion(xpub, t.slip132[net.name === 'mainnet' ? 0 : 1]) } : {}),
    key: keyExpression(fingerprint, path, xpub),
  };
}

/**
 * The cosigner as BCR-2020-015's BIP48 account entry, `wsh(cosigner(KEY))` or
 * `sh(wsh(cosigner(KEY)))`, written as a decoded crypto-account gives it back (hardened steps
 * `'`, BIP380 checksum) so sender and receiver show the same digest.
 */
export function cosignerEntry(c: Pick<CosignerExport, 'script' | 'key'>): string {
  const key = c.key.replace(/^\[[^\]]*\]/, (origin) => origin.replace(/h/g, "'"));
  return withChecksum(c.script === 'sh-wsh-multi' ? `sh(wsh(cosigner(${key})))` : `wsh(cosigner(${key}))`);
}

/**
 * The generic JSON Coldcard writes for multisig ("Export XPUB" of its multisig menu): `xfp`, and
 * per script type `<type>_deriv` / `<type>` (`p2wsh`, `p2sh_p2wsh`); Sparrow also reads the
 * `bip48_2` / `bip48_1` sections of Coldcard's wallet-wide generic export.
 */
export function coldcardCosigner(c: CosignerExport): Record<string, unknown> {
  const t = template(c.script);
  const key = t.name === 'wsh-multi' ? 'p2wsh' : 'p2sh_p2wsh';
  const deriv = c.path.replace(/h/g, "'");
  return {
    xfp: c.fingerprint.toUpperCase(),
    account: Number(c.path.split('/')[3]!.replace('h', '')),
    chain: c.network === 'mainnet' ? 'BTC' : 'XTN',
    [`${key}_deriv`]: deriv,
    [key]: c.slip132,
    [t.foreign.section]: { name: t.foreign.name, xfp: c.fingerprint.toUpperCase(), deriv, xpub: c.xpub, _pub: c.slip132 },
  };
}

/** The vault template a BIP48 path names (its fourth level), if any. */
function hintOfPath(path: readonly number[]): TemplateName | undefined {
  if (path.length !== 4 || path[0] !== 48 + HARDENED) return undefined;
  return TEMPLATES.find((t) => t.bip48 !== undefined && t.bip48 + HARDENED === path[3])?.name;
}

function fromParts(label: string, fp: unknown, path: unknown, xpub: unknown, field: string): Cosigner {
  if (typeof fp !== 'string' || !/^[0-9a-fA-F]{8}$/.test(fp)) throw new InputError('has no master fingerprint (8 hex): a signer finds its key by fingerprint and path', field);
  if (typeof path !== 'string' || !path) throw new InputError('has no derivation path: a signer finds its key by fingerprint and path', field);
  if (typeof xpub !== 'string') throw new InputError('has no extended public key', field);
  const indices = parsePath(path.startsWith('m') ? path : `m/${path}`, `${field} path`);
  const norm = normalizeExtendedPublic(xpub, field);
  const hint = hintOfPath(indices) ?? (norm.script === 'wsh-multi' || norm.script === 'sh-wsh-multi' ? norm.script : undefined);
  return { label, fingerprint: fp.toLowerCase(), path: indices, xpub: norm.xpub, mainnet: norm.mainnet, ...(hint ? { hint } : {}) };
}

/** Parse `[fp/path]xpub` (any trailing `/<0;1>/*` or `/0/*` ignored). */
function fromKeyExpression(label: string, text: string, field: string): Cosigner {
  const m = /^\[([^/\]]*)((?:\/[^\]]*)?)\]([1-9A-HJ-NP-Za-km-z]+)(?:\/.*)?$/.exec(text.trim());
  if (!m) {
    if (/^[xtyzuvXTYZUV]pub/.test(text.trim())) throw new InputError('is a bare extended key without its origin [fingerprint/path]: a signer could not find its key; export it with its origin', field);
    throw new InputError('is not a cosigner export (coldkit/cosigner JSON, Coldcard generic JSON, or a [fingerprint/path]xpub key expression)', field);
  }
  return fromParts(label, m[1], `m${m[2]}`, m[3], field);
}

/**
 * Read one cosigner from a file's text: coldkit cosigner JSON, Coldcard's generic multisig JSON
 * (for the template `want`, or the only one it has), or a key expression `[fp/path]xpub`.
 */
export function parseCosigner(text: string, label: string, want: TemplateName | undefined, field: string): Cosigner {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) {
    const lines = trimmed.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    if (lines.length !== 1) throw new InputError(`holds ${lines.length} lines; a cosigner file holds one [fingerprint/path]xpub key expression`, field);
    return fromKeyExpression(label, lines[0]!, field);
  }
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(trimmed) as Record<string, unknown>;
  } catch {
    throw new InputError('is not valid JSON', field);
  }
  if (doc['kind'] === 'coldkit/cosigner') return fromParts(label, doc['fingerprint'], doc['path'], doc['xpub'], field);
  if (doc['kind'] === 'coldkit/account') throw new InputError(`is a single-key account export (${String(doc['script'])}); export the cosigner key with \`account export --script wsh-multi\``, field);
  if (typeof doc['xfp'] === 'string') {
    const forms: [TemplateName, string, string][] = [
      ['wsh-multi', 'p2wsh', 'bip48_2'],
      ['sh-wsh-multi', 'p2sh_p2wsh', 'bip48_1'],
    ];
    const have = forms.filter(([, k, sec]) => typeof doc[k] === 'string' || typeof doc[sec] === 'object');
    const pick = want ? have.find(([t]) => t === want) : have.length === 1 ? have[0] : undefined;
    if (!pick) {
      throw new InputError(have.length ? `holds ${have.map(([t]) => t).join(' and ')} keys; ${want ? `no ${want} key` : 'say which with --script'}` : 'is Coldcard JSON without a p2wsh or p2sh_p2wsh multisig key', field);
    }
    const [, k, sec] = pick;
    const section = doc[sec] as Record<string, unknown> | undefined;
    return fromParts(label, section?.['xfp'] ?? doc['xfp'], section?.['deriv'] ?? doc[`${k}_deriv`], section?.['xpub'] ?? section?.['_pub'] ?? doc[k], field);
  }
  throw new InputError('is JSON but not a cosigner export (coldkit/cosigner, or Coldcard generic JSON with xfp)', field);
}
