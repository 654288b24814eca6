/**
 * The `account` and `output` payloads: descriptor text (one per line) or one `[fingerprint/path]xpub`
 * key line, and the URs that carry them — `crypto-account`, `crypto-output`, `crypto-hdkey` (v1,
 * emitted) and `account-descriptor`, `output-descriptor`, `hdkey` (BCR-2020-006 v2, read).
 *
 * The text is the form a file of that kind holds, so a QR-read account and a file give the same
 * 4-word digest: a standard single-key account read from a UR is written back in coldkit's
 * `…/<0;1>/*)#checksum` multipath form.
 */
import { InputError } from '../../errors.js';
import { parseDescriptor, formatDescriptor, type KeyExpression } from '../../wallet/descriptor.js';
import { template, TEMPLATES } from '../../wallet/template.js';
import { readAccountFile } from '../../wallet/account.js';
import { cosignerEntry } from '../../wallet/cosigner.js';
import { verifyChecksum, withChecksum } from '../../hd/checksum.js';
import { decodeCbor, encodeCbor, type CborMap } from '../cbor.js';
import { decodeCryptoAccount, decodeCryptoOutputBytes, encodeCryptoAccount, encodeCryptoOutputBytes, cosignerOutput, singleKeyOutput, vaultOutput, type SingleScript } from './account.js';
import { decodeDescriptorV2, decodeAccountDescriptorV2 } from './output-descriptor.js';
import { hdkeyFromCbor, hdkeyToCbor, hdkeyToXpub, parseXpub, type HdKey } from './hdkey.js';
import { outputToDescriptor, scriptChain, type OutputExpr } from './output.js';
import { formatPath, parsePath } from './keypath.js';
import type { Ur } from './ur.js';

const utf8 = new TextEncoder();
const fromUtf8 = (b: Uint8Array, field: string): string => {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    throw new InputError('payload is not UTF-8 text', field);
  }
};

/** Descriptor text lines of an account/output payload (blank lines and comments dropped). */
export function descriptorLines(bytes: Uint8Array, field = 'account'): string[] {
  return fromUtf8(bytes, field)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/** `wsh(cosigner(KEY))` / `sh(wsh(cosigner(KEY)))`: a vault cosigner's BIP48 entry (BCR-2020-015), KEY = `[fp/path]xpub`. */
const KEY = "\\[[0-9a-fA-F]{8}(?:\\/[0-9]+['h]?)*\\][1-9A-HJ-NP-Za-km-z]+";
const COSIGNER_LINES = { 'wsh-multi': new RegExp(`^wsh\\(cosigner\\((${KEY})\\)\\)$`), 'sh-wsh-multi': new RegExp(`^sh\\(wsh\\(cosigner\\((${KEY})\\)\\)\\)$`) } as const;

/** The key expression and script of a cosigner line, or undefined when the line is not one. */
export function parseCosignerLine(text: string, field = 'descriptor'): { script: 'wsh-multi' | 'sh-wsh-multi'; key: string } | undefined {
  if (!/^(sh\(wsh|wsh)\(cosigner\(/.test(text.trim())) return undefined;
  const { body } = verifyChecksum(text, field);
  for (const [script, re] of Object.entries(COSIGNER_LINES) as ['wsh-multi' | 'sh-wsh-multi', RegExp][]) {
    const m = re.exec(body);
    if (m) return { script, key: m[1]! };
  }
  throw new InputError('a cosigner entry is wsh(cosigner([fp/path]xpub)) or sh(wsh(cosigner([fp/path]xpub)))', field);
}

/**
 * A descriptor line as a crypto-output expression: a single-key account (the account key,
 * receivers derive 0/* and 1/*), a vault cosigner entry `wsh(cosigner(KEY))`, or a vault
 * `wsh(sortedmulti(k,…))` / `sh(wsh(sortedmulti(k,…)))` with the standard `/<0;1>/*` keys.
 */
export function descriptorToOutput(text: string, field = 'descriptor'): OutputExpr {
  const c = parseCosignerLine(text, field);
  if (c) {
    const k = parseKeyExpr(c.key, field);
    return cosignerOutput(c.script === 'wsh-multi' ? ['wsh'] : ['sh', 'wsh'], k.fingerprint, k.path, k.xpub);
  }
  const d = parseDescriptor(text, field);
  if (d.keys.some((k) => !k.fingerprint || !k.originPath)) throw new InputError('the descriptor needs a key origin [fingerprint/path] for a QR account export', field);
  if (d.keys.some((k) => k.prefix.length) || !(d.branches.length === 2 && d.branches[0] === 0 && d.branches[1] === 1)) {
    throw new InputError('only the standard /<0;1>/* account form can be exported over QR', field);
  }
  const t = template(d.script);
  if (t.keys !== 'one') {
    const keys = d.keys.map((k) => ({ fingerprint: parseInt(k.fingerprint!, 16), originPath: k.originPath!, xpub: k.xpub }));
    return vaultOutput(t.functions.slice(0, -1) as ('sh' | 'wsh')[], d.threshold, keys);
  }
  const k = d.keys[0]!;
  return singleKeyOutput(d.script as SingleScript, parseInt(k.fingerprint!, 16), k.originPath!, k.xpub);
}

function parseKeyExpr(text: string, field: string): { fingerprint: number; path: number[]; xpub: string } {
  const m = /^\[([0-9a-fA-F]{8})((?:\/[0-9]+['h]?)*)\](\S+)$/.exec(text.trim());
  if (!m) throw new InputError('expected [fingerprint/path]xpub', field);
  const path = parsePath('m' + m[2]!, field).map((c) => ('index' in c ? c.index + (c.hardened ? 0x80000000 : 0) : 0) >>> 0);
  return { fingerprint: parseInt(m[1]!, 16), path, xpub: m[3]! };
}

/** A bare key expression `[fingerprint/path]xpub` (an account key without a script, e.g. Ethereum's m/44'/60'/0'). */
const KEY_EXPR = /^\[[0-9a-fA-F]{8}(\/[0-9]+['h]?)*\][xt]pub[1-9A-HJ-NP-Za-km-z]{100,112}$/;

/** A key expression as a crypto-hdkey map: key, chain code, origin (with source fingerprint), parent fingerprint. */
export function keyExprToHdkey(text: string, field = 'account key'): CborMap {
  const m = /^\[([0-9a-fA-F]{8})((?:\/[0-9]+['h]?)*)\](\S+)$/.exec(text.trim());
  if (!m) throw new InputError('expected [fingerprint/path]xpub', field);
  const x = parseXpub(m[3]!, field);
  const comps = parsePath('m' + m[2]!, field);
  if (x.depth !== comps.length) throw new InputError(`xpub depth ${x.depth} does not match the ${comps.length}-step origin path`, field);
  const hd: HdKey = { keyData: x.keyData, chainCode: x.chainCode, origin: { components: comps, sourceFingerprint: parseInt(m[1]!, 16) }, parentFingerprint: x.parentFingerprint };
  if (!x.mainnet) hd.useInfo = { type: 0, network: 1 };
  return hdkeyToCbor(hd);
}

/** Descriptor text of a decoded expression: coldkit's multipath form for standard single-key accounts. */
export function outputToText(e: OutputExpr): string {
  const chain = scriptChain(e).join('/');
  const script = TEMPLATES.find((t) => t.functions.join('/') === chain)?.name;
  let inner: OutputExpr = e;
  while ('inner' in inner) inner = inner.inner;
  if (script && 'keys' in inner && inner.keys.every((k) => 'hd' in k && !k.hd.children && isAccountKey(k.hd))) {
    const keys = inner.keys.map((k) => accountKey((k as { hd: HdKey }).hd));
    return formatDescriptor({ script, keys, threshold: inner.threshold }, 'multi');
  }
  if (script && 'key' in inner && 'hd' in inner.key) {
    const hd = inner.key.hd;
    if (!hd.children && isAccountKey(hd)) return formatDescriptor({ script, keys: [accountKey(hd)] }, 'multi');
  }
  return withChecksum(outputToDescriptor(e));
}

/** An account key: origin with source fingerprint and plain (non-wildcard) steps. */
function isAccountKey(hd: HdKey): boolean {
  const o = hd.origin;
  return o?.sourceFingerprint !== undefined && o.components.every((c) => 'index' in c);
}

function accountKey(hd: HdKey): KeyExpression {
  const o = hd.origin!;
  return {
    fingerprint: o.sourceFingerprint!.toString(16).padStart(8, '0'),
    originPath: o.components.map((c) => ('index' in c ? c.index + (c.hardened ? 0x80000000 : 0) : 0) >>> 0),
    xpub: hdkeyToXpub(hd),
    prefix: [],
  };
}

function masterFingerprint(e: OutputExpr): number {
  let cur: OutputExpr = e;
  while ('inner' in cur) cur = cur.inner;
  return 'key' in cur && 'hd' in cur.key ? (cur.key.hd.origin?.sourceFingerprint ?? 0) : 0;
}

/**
 * The UR of an account (several descriptors: crypto-account) or output (one: crypto-output)
 * payload; a bare key line is always a crypto-hdkey. `urType` picks crypto-account or crypto-output.
 */
export function accountToUr(kind: 'account' | 'output', bytes: Uint8Array, urType?: string): Ur {
  const lines = descriptorLines(bytes);
  if (lines.length === 1 && KEY_EXPR.test(lines[0]!)) {
    if (urType !== undefined && urType !== 'crypto-hdkey') throw new InputError('a bare account key is sent as crypto-hdkey', '--ur-type');
    return { type: 'crypto-hdkey', cbor: encodeCbor(keyExprToHdkey(lines[0]!)) };
  }
  const exprs = lines.map((l, i) => descriptorToOutput(l, `descriptor ${i + 1}`));
  if (exprs.length === 0) throw new InputError('no descriptor in the account payload', 'account');
  const type = urType ?? (kind === 'output' && exprs.length === 1 ? 'crypto-output' : 'crypto-account');
  if (type === 'crypto-output') {
    if (exprs.length !== 1) throw new InputError('crypto-output carries one descriptor; use crypto-account for several', '--ur-type');
    return { type, cbor: encodeCryptoOutputBytes(exprs[0]!) };
  }
  if (type !== 'crypto-account') throw new InputError(`accounts are sent as crypto-account or crypto-output, not ${type}`, '--ur-type');
  const fps = new Set(exprs.map(masterFingerprint));
  if (fps.size !== 1) throw new InputError('all descriptors of a crypto-account must come from one seed (same fingerprint)', 'account');
  return { type, cbor: encodeCryptoAccount({ masterFingerprint: [...fps][0]!, outputs: exprs }) };
}

function lines(items: string[]): Uint8Array {
  if (items.length === 0) throw new InputError('the account carries no descriptor', 'account');
  return utf8.encode(items.join('\n'));
}

/** Account text of a `crypto-hdkey` / `hdkey`: `[fingerprint/path]xpub`. */
function hdkeyText(cbor: Uint8Array, field: string): Uint8Array {
  const k = hdkeyFromCbor(decodeCbor(cbor, field), field);
  const o = k.origin;
  const origin = o && o.sourceFingerprint !== undefined ? `[${o.sourceFingerprint.toString(16).padStart(8, '0')}${o.components.length ? '/' + formatPath(o.components, false) : ''}]` : '';
  return lines([`${origin}${hdkeyToXpub(k)}`]);
}

/** Readers of the account UR types: untagged CBOR → account text. */
export const ACCOUNT_UR_READERS: Readonly<Record<string, (cbor: Uint8Array, field: string) => Uint8Array>> = {
  'crypto-account': (cbor) => lines(decodeCryptoAccount(cbor).outputs.map(outputToText)),
  'account-descriptor': (cbor) => lines(decodeAccountDescriptorV2(cbor)),
  'crypto-hdkey': hdkeyText,
  hdkey: hdkeyText,
};

/** Readers of the output UR types: untagged CBOR → descriptor text. */
export const OUTPUT_UR_READERS: Readonly<Record<string, (cbor: Uint8Array, field: string) => Uint8Array>> = {
  'crypto-output': (cbor) => lines([outputToText(decodeCryptoOutputBytes(cbor))]),
  'output-descriptor': (cbor) => lines([decodeDescriptorV2(cbor)]),
};

/**
 * Account payload text from a file for `qr encode`: the JSON written by `coldkit account export
 * --out` (Bitcoin: its multipath descriptor; Ethereum: its `[fingerprint/m/44'/60'/0']xpub` key,
 * which MetaMask's QR wallets read as crypto-hdkey), or descriptor lines, each checked.
 */
export function accountTextFromFile(b: Uint8Array): string {
  const t = new TextDecoder('utf-8', { fatal: false }).decode(b).trim();
  if (t.startsWith('{')) {
    let doc: unknown;
    try {
      doc = JSON.parse(t);
    } catch {
      throw new InputError('not JSON; expected the file written by `coldkit account export --out` or descriptor lines', 'file');
    }
    const eth = doc as { kind?: string; fingerprint?: string; path?: string; xpub?: string; script?: string; key?: string };
    if (eth?.kind === 'coldkit/cosigner' && eth.key) return cosignerEntry({ script: eth.script === 'sh-wsh-multi' ? 'sh-wsh-multi' : 'wsh-multi', key: eth.key });
    if (eth?.kind === 'coldkit/eth-account' && eth.fingerprint && eth.path && eth.xpub) {
      return `[${eth.fingerprint}/${eth.path.replace(/^m\//, '').replace(/h/g, "'")}]${eth.xpub}`;
    }
    return readAccountFile(doc, 'file').descriptor;
  }
  const ls = descriptorLines(b, 'file');
  if (ls.length === 1 && ls[0]!.startsWith('[')) return ls[0]!;
  ls.forEach((l, i) => descriptorToOutput(l, `descriptor ${i + 1}`));
  return ls.join('\n');
}
