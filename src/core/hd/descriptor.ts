/**
 * Single-key output descriptors (BIP380–386) for watch-only use:
 * `wpkh([fp/84h/0h/0h]xpub…/0/*)`, `sh(wpkh(…))`, `pkh(…)`, `tr(…)`, with the BIP389 multipath
 * form `/<0;1>/*`. Parsing checks the checksum, the key, and that derivation after the xpub is
 * unhardened (an xpub cannot derive hardened children).
 */
import { InputError } from '../errors.js';
import { verifyChecksum, withChecksum } from './checksum.js';
import { formatOrigin, parsePath, HARDENED } from './path.js';
import { normalizeExtendedPublic } from './slip132.js';
import { DESCRIPTOR_WRAP, type ScriptType } from './script-type.js';

/** A parsed single-key ranged descriptor. */
export interface Descriptor {
  script: ScriptType;
  /** Master fingerprint from the key origin (8 hex), if given. */
  fingerprint?: string;
  /** Key-origin path indices (from the master to the xpub), if given. */
  originPath?: number[];
  /** The account xpub/tpub (normalised from SLIP-132 forms). */
  xpub: string;
  /** True when the xpub's version bytes are mainnet's. */
  mainnet: boolean;
  /** Steps after the xpub before the wildcard, per branch: receive [0], change [1]; multipath gives both. */
  branches: number[];
  /** Fixed steps between the xpub and the branch (usually none). */
  prefix: number[];
  /** The checksum given with the text, if any. */
  checksum?: string;
}

/** Build the descriptor text for one branch (or the multipath form when `branch` is "multi"). */
export function formatDescriptor(d: Omit<Descriptor, 'branches' | 'mainnet'>, branch: number | 'multi', checksum = true): string {
  const [open, close] = DESCRIPTOR_WRAP[d.script];
  const origin = d.fingerprint && d.originPath ? `[${d.fingerprint}${d.originPath.length ? '/' + formatOrigin(d.originPath) : ''}]` : '';
  const pre = d.prefix.map((i) => `/${i}`).join('');
  const br = branch === 'multi' ? '/<0;1>' : `/${branch}`;
  const body = `${open}${origin}${d.xpub}${pre}${br}/*${close}`;
  return checksum ? withChecksum(body) : body;
}

/** Parse a descriptor string; errors name the part that is wrong. */
export function parseDescriptor(text: string, field = '--descriptor'): Descriptor {
  const { body, checksum } = verifyChecksum(text, field);
  let script: ScriptType | undefined;
  let inner = '';
  for (const [s, [open, close]] of Object.entries(DESCRIPTOR_WRAP) as [ScriptType, [string, string]][]) {
    if (body.startsWith(open) && body.endsWith(close) && (s !== 'wpkh' || !body.startsWith('sh('))) {
      const candidate = body.slice(open.length, body.length - close.length);
      if (!candidate.includes('(')) {
        script = s;
        inner = candidate;
        break;
      }
    }
  }
  if (!script) {
    throw new InputError('only single-key wpkh(…), sh(wpkh(…)), pkh(…) and tr(KEY) descriptors are supported', field);
  }
  let fingerprint: string | undefined;
  let originPath: number[] | undefined;
  const m = /^\[([^\]]*)\](.*)$/.exec(inner);
  if (m) {
    const [fp, ...rest] = m[1]!.split('/');
    if (!/^[0-9a-fA-F]{8}$/.test(fp!)) throw new InputError(`key origin fingerprint "${fp}" must be 8 hex characters`, field);
    fingerprint = fp!.toLowerCase();
    // BIP380 key origin: "/NUM or /NUMh path elements" (' also accepted); its test vectors list "0H" as invalid.
    const bad = rest.find((p) => /H$/.test(p));
    if (bad !== undefined) throw new InputError(`key origin step "${bad}": the hardened marker is h or ' (BIP380), not H`, field);
    originPath = rest.length ? parsePath('m/' + rest.join('/'), `${field} key origin`) : [];
    inner = m[2]!;
  } else if (inner.startsWith('[')) {
    throw new InputError('key origin "[" is not closed with "]"', field);
  }
  const parts = inner.split('/');
  const key = parts[0]!;
  const steps = parts.slice(1);
  if (!/^[a-km-zA-HJ-NP-Z1-9]{100,120}$/.test(key)) {
    throw new InputError(`key "${key.slice(0, 16)}…" is not an extended public key (xpub/tpub/ypub/zpub/upub/vpub)`, field);
  }
  if (/^[xtyzuv]prv/.test(key)) throw new InputError('a private extended key is not accepted here: give the xpub', field);
  const norm = normalizeExtendedPublic(key, field);
  if (steps.length < 1 || steps[steps.length - 1] !== '*') {
    throw new InputError('the key must end in a ranged path such as /0/* or /<0;1>/*', field);
  }
  const mid = steps.slice(0, -1);
  if (mid.length === 0) throw new InputError('give the branch before the wildcard: /0/* (receive), /1/* (change) or /<0;1>/*', field);
  const last = mid[mid.length - 1]!;
  const prefix = mid.slice(0, -1).map((p) => unhardened(p, field));
  let branches: number[];
  const multi = /^<(\d+);(\d+)>$/.exec(last);
  if (multi) {
    branches = [unhardened(multi[1]!, field), unhardened(multi[2]!, field)];
    // BIP389: "Duplicate NUMs within a tuple are not allowed."
    if (branches[0] === branches[1]) throw new InputError(`multipath step "${last}" repeats index ${branches[0]}; BIP389 does not allow duplicates`, field);
  }
  else branches = [unhardened(last, field)];
  return { script, fingerprint, originPath, xpub: norm.xpub, mainnet: norm.mainnet, branches, prefix, checksum };
}

function unhardened(p: string, field: string): number {
  if (/['hH]$/.test(p)) throw new InputError(`step "${p}" after the xpub is hardened; an xpub can only derive unhardened children`, field);
  if (!/^\d+$/.test(p) || Number(p) >= HARDENED) throw new InputError(`step "${p}" after the key is not an unhardened index`, field);
  return Number(p);
}
