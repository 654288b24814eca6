/**
 * What the air-gap transport offers and what it picks by default, as plain constants: the
 * payload kinds (rows of src/core/transport/payload-kinds.ts), the `qr encode --type` names, the
 * transport formats, frame densities, QR error-correction levels, and the defaults every caller
 * uses. The option tables (src/cli/commands/qr.ts, src/cli/options/sets.ts) take their choices
 * and defaults from here, and the transport modules their types, so a name is written once.
 * Light on purpose: importing it loads no transport code (`coldkit --help` stays bare).
 */

/** Payload kinds that can cross the gap; each is a row of PAYLOAD_KINDS. */
export const PAYLOAD_KIND_NAMES = ['seedqr', 'psbt', 'tx', 'account', 'output', 'eth-sign-request', 'eth-signature', 'text', 'bytes'] as const;
export type PayloadKind = (typeof PAYLOAD_KIND_NAMES)[number];

/** `qr encode --type` names: the kinds a file can be encoded as (each a row's `fileType`). */
export const ENCODE_TYPES = ['psbt', 'tx', 'account', 'eth-request', 'text'] as const;
export type EncodeType = (typeof ENCODE_TYPES)[number];

/** Transport formats: UR (fountain-coded multipart), BBQr, one plain QR. */
export const TRANSPORT_FORMATS = ['ur', 'bbqr', 'plain'] as const;
export type TransportFormat = (typeof TRANSPORT_FORMATS)[number];

/** `--format`/`--qr-format` choices: a transport, or `auto` (the kind's own choice). */
export const FORMAT_CHOICES = ['auto', ...TRANSPORT_FORMATS] as const;

/** Frame densities (UR fragment size, BBQr version cap). */
export const DENSITIES = ['low', 'normal', 'high'] as const;
export type Density = (typeof DENSITIES)[number];

/** QR error-correction levels (ISO/IEC 18004: L 7 %, M 15 %, Q 25 %, H 30 %). */
export const ECC_LEVELS = ['L', 'M', 'Q', 'H'] as const;
export type Ecc = (typeof ECC_LEVELS)[number];

/** Frame density: UR 200-byte fragments (MetaMask, Nunchuk, NGRAVE), BBQr version cap 20. */
export const DEFAULT_DENSITY: Density = 'normal';

/** QR error correction L: what every surveyed wallet displays. */
export const DEFAULT_ECC: Ecc = 'L';

/** Animation speed of a multi-frame QR, in frames per second. */
export const DEFAULT_FPS = 5;
