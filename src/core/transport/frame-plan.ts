/**
 * From a payload to the texts of its QR frames, in one of three transports:
 *
 * - UR (BCR-2020-005): upper-case `UR:<TYPE>/…` for QR alphanumeric mode; multipart
 *   `UR:<TYPE>/<n>-<m>/…` with the `m` plain fragments first, then endless fountain parts
 *   (BCR-2024-001) as Sparrow, Keystone and SeedSigner do.
 * - BBQr (coinkite BBQr.md): H/2/Z parts, one fixed QR version for the whole series, capped.
 * - plain: a single QR of base64 PSBT, hex transaction, text.
 *
 * Every frame of a series is drawn at the same QR version (`version`), so the animation does
 * not jump. Pure: zlib is passed in.
 */
import { InputError } from '../errors.js';
import { splitBbqr, type BbqrEncoding, type Zlib } from './bbqr/bbqr.js';
import { alnumVersionFor, byteVersionFor, type Ecc } from './qr-capacity.js';
import { payloadSpec, type PayloadKind } from './payload-kinds.js';
import { payloadToUr } from './payload-ur.js';
import { UrEncoder } from './ur/multipart.js';
import { DEFAULT_DENSITY, DEFAULT_ECC, type Density, type TransportFormat } from './choices.js';

export type { Density, TransportFormat };

/** UR max fragment bytes per density: Sparrow "Low" 80 B; MetaMask/Nunchuk/NGRAVE 200 B; Sparrow/Keystone 400 B. */
export const UR_FRAGMENT: Record<Density, number> = { low: 80, normal: 200, high: 400 };
/** BBQr version cap per density ("avoid very high versions", BBQr.md); normal = the default cap 20. */
export const BBQR_MAX_VERSION: Record<Density, number> = { low: 12, normal: 20, high: 25 };
/** Largest version a plain frame uses when the format is chosen automatically. */
export const AUTO_PLAIN_MAX_VERSION = 20;

export interface PlanOptions {
  format?: 'auto' | TransportFormat;
  density?: Density;
  /** UR maximum fragment length in bytes (overrides density). */
  fragment?: number;
  /** Highest QR version a frame may use. */
  maxVersion?: number;
  ecc?: Ecc;
  /** UR type to emit for this kind (e.g. crypto-output instead of crypto-account, psbt instead of crypto-psbt). */
  urType?: string;
  bbqrEncoding?: BbqrEncoding;
  zlib?: Zlib;
}

export interface FramePlan {
  format: TransportFormat;
  /** Human label: "UR:CRYPTO-PSBT", "BBQr Z/P", "plain base64". */
  label: string;
  /** The fixed sequence: UR plain fragments, BBQr parts, or the single plain frame. */
  frames: string[];
  /** For multipart UR: the next fountain part (endless). */
  next?: () => string;
  /** QR mode of every frame. */
  mode: 'alphanumeric' | 'byte';
  /** QR version every frame of the series is drawn at. */
  version: number;
  ecc: Ecc;
}

function planPlain(kind: PayloadKind, bytes: Uint8Array, maxVersion: number, ecc: Ecc): FramePlan {
  const p = payloadSpec(kind).plain(bytes);
  if (!p) throw new InputError(`a ${kind} travels as UR (EIP-4527); use --format ur`, '--format');
  const len = new TextEncoder().encode(p.text).length;
  const version = byteVersionFor(len, ecc);
  if (version === undefined || version > maxVersion) {
    throw new InputError(`${len} bytes do not fit one QR at version ≤ ${maxVersion} (ECC ${ecc}); use --format ur or bbqr, or raise --max-version`, '--format');
  }
  return { format: 'plain', label: p.label, frames: [p.text], mode: 'byte', version, ecc };
}

function planBbqr(kind: PayloadKind, bytes: Uint8Array, opts: PlanOptions, maxVersion: number, ecc: Ecc): FramePlan {
  const spec = payloadSpec(kind);
  const fileType = spec.bbqrType(bytes);
  if (!fileType) throw new InputError(`a ${kind} travels as UR (EIP-4527); BBQr has no file type for it`, '--format');
  const raw = spec.transport(bytes);
  const encoding = opts.bbqrEncoding ?? (opts.zlib ? 'Z' : '2');
  const s = splitBbqr(raw, fileType, { encoding, maxVersion, minVersion: Math.min(5, maxVersion), ecc, zlib: opts.zlib });
  return { format: 'bbqr', label: `BBQr ${s.encoding}/${fileType}`, frames: s.parts, mode: 'alphanumeric', version: s.version, ecc };
}

/** Longest text among the first `n` parts of a fresh encoder. */
function longestPart(make: () => UrEncoder, n: number): number {
  const e = make();
  let max = 0;
  for (let i = 0; i < n; i++) max = Math.max(max, e.nextPart().length);
  return max;
}

function planUr(kind: PayloadKind, bytes: Uint8Array, opts: PlanOptions, ecc: Ecc): FramePlan {
  const ur = payloadToUr(kind, bytes, opts.urType);
  let fragment = opts.fragment ?? UR_FRAGMENT[opts.density ?? DEFAULT_DENSITY];
  if (fragment < 10) throw new InputError('--fragment must be at least 10 bytes', '--fragment');
  const maxVersion = opts.maxVersion ?? 40;
  for (;;) {
    const make = () => new UrEncoder(ur, fragment);
    const first = make();
    const seqLen = first.seqLen;
    // Headroom for the growing part number of later fountain parts (3 more digits, 2 more CBOR bytes).
    const longest = longestPart(make, seqLen === 1 ? 1 : seqLen * 2) + (seqLen === 1 ? 0 : 8);
    const version = alnumVersionFor(longest, ecc);
    if (version !== undefined && version <= maxVersion) {
      const frames = Array.from({ length: seqLen }, () => first.nextPart().toUpperCase());
      const plan: FramePlan = { format: 'ur', label: `UR:${ur.type.toUpperCase()}`, frames, mode: 'alphanumeric', version, ecc };
      if (seqLen > 1) plan.next = () => first.nextPart().toUpperCase();
      return plan;
    }
    if (fragment <= 10) throw new InputError(`no UR fragment fits QR version ${maxVersion} at ECC ${ecc}; raise --max-version`, '--max-version');
    fragment = Math.max(10, Math.floor(fragment * 0.85));
  }
}

/** Choose the transport (auto: the kind's choice — UR, or plain when it fits one QR, else BBQr). */
export function chooseFormat(kind: PayloadKind, bytes: Uint8Array, opts: PlanOptions): TransportFormat {
  if (opts.format && opts.format !== 'auto') return opts.format;
  const spec = payloadSpec(kind);
  if (spec.auto === 'ur') return 'ur';
  const p = spec.plain(bytes)!;
  const v = byteVersionFor(new TextEncoder().encode(p.text).length, opts.ecc ?? DEFAULT_ECC);
  return v !== undefined && v <= (opts.maxVersion ?? AUTO_PLAIN_MAX_VERSION) ? 'plain' : 'bbqr';
}

/** Plan the frames of a payload. */
export function planFrames(kind: PayloadKind, bytes: Uint8Array, opts: PlanOptions = {}): FramePlan {
  if (bytes.length === 0) throw new InputError('nothing to encode (empty payload)', 'payload');
  const ecc = opts.ecc ?? DEFAULT_ECC;
  const format = chooseFormat(kind, bytes, opts);
  if (format === 'plain') return planPlain(kind, bytes, opts.maxVersion ?? 40, ecc);
  if (format === 'bbqr') return planBbqr(kind, bytes, opts, opts.maxVersion ?? BBQR_MAX_VERSION[opts.density ?? DEFAULT_DENSITY], ecc);
  return planUr(kind, bytes, opts, ecc);
}
