/**
 * The `coldkit qr` group: encode any payload as QR frames (UR, BBQr, plain) for the terminal, PNG
 * frames, a GIF or an offline HTML page; decode frames from images, folders or video.
 */
import { DEFAULT_DENSITY, DEFAULT_ECC, DEFAULT_FPS, DENSITIES, ECC_LEVELS, ENCODE_TYPES, FORMAT_CHOICES, PAYLOAD_KIND_NAMES } from '../../core/transport/choices.js';
import { command } from '../options/spec.js';
import { int, rate } from '../options/parsers.js';

const ANIMATED = ['terminal', 'gif', 'html'];
const IMAGES = ['png', 'gif', 'html'];

export const qrEncode = command({
  name: 'qr encode',
  description: 'show or write a payload (PSBT, transaction, account, eth-sign-request, text) as QR frames',
  args: [{ name: '[file]', help: 'payload file, or - for stdin', doc: 'the payload (`-` = stdin).' }],
  options: {
    format: {
      flag: '--format <format>',
      help: 'transport format',
      doc: '`auto`: UR for PSBTs, accounts and EIP-4527; plain for transactions and text that fit one QR up to version 20 (or `--max-version`), else BBQr. `ur`, `bbqr`, `plain` force one (EIP-4527 payloads are UR only).',
      choices: FORMAT_CHOICES,
      default: 'auto',
    },
    type: {
      flag: '--type <type>',
      help: 'payload type (default: guessed from the content)',
      doc: 'what the file is; default guessed: PSBT (binary, base64 `cHNidP8…` or hex `70736274ff…`, parsed before use), `tx` (hex, or binary), `account` (the JSON `coldkit account export --out` writes, descriptor lines with key origin, or an Ethereum account — `eth-account.json` or one `[fingerprint/path]xpub` line — sent as `crypto-hdkey`, what MetaMask\'s QR hardware wallets read), `eth-request` (a `ur:eth-sign-request/…` text — single or all parts —, hex or binary CBOR, decoded before use), `text` (anything else, sent as is).',
      choices: ENCODE_TYPES,
    },
    urType: {
      flag: '--ur-type <type>',
      help: 'UR type to emit for this payload',
      doc: 'UR type to emit: PSBTs `crypto-psbt` (default; every wallet reads it, SeedSigner 0.8 and BlueWallet do not read v2 `psbt`), `psbt`, `bytes`; accounts `crypto-account` (default) or `crypto-output` (one descriptor); a bare account key is always `crypto-hdkey`.',
      choices: ['crypto-psbt', 'psbt', 'bytes', 'crypto-account', 'crypto-output'],
      only: { format: ['auto', 'ur'] },
    },
    bbqrEncoding: {
      flag: '--bbqr-encoding <enc>',
      help: 'BBQr encoding: Z zlib+Base32 (default), 2 Base32, H hex',
      doc: 'BBQr encoding: `Z` (default: raw DEFLATE, 1 KiB window, then Base32; falls back to `2` when it does not shrink), `2` (Base32), `H` (hex).',
      choices: ['Z', '2', 'H'],
      only: { format: ['auto', 'bbqr'] },
    },
    density: {
      flag: '--density <density>',
      help: 'frame density: UR 80/200/400-byte fragments, BBQr version cap 12/20/25',
      doc: 'UR maximum fragment: `low` 80 B (≈ v6–8, Sparrow "Low", small screens/cameras), `normal` 200 B (≈ v9–11, MetaMask/Nunchuk/NGRAVE), `high` 400 B (≈ v13–17, Sparrow/Keystone default). BBQr version cap: low 12, normal 20, high 25.',
      choices: DENSITIES,
      default: DEFAULT_DENSITY,
    },
    fragment: {
      flag: '--fragment <bytes>',
      help: 'UR maximum fragment length in bytes (instead of --density)',
      doc: 'UR maximum fragment length instead of `--density`. As BCR-2024-001 prescribes, the encoder picks the fewest fragments of equal length ≤ BYTES.',
      parse: int(10, 10000),
      conflicts: ['density'],
      only: { format: ['auto', 'ur'] },
    },
    maxVersion: {
      flag: '--max-version <n>',
      help: 'highest QR version of any frame (BBQr default 20)',
      doc: 'highest QR version of any frame. UR shrinks its fragment until every frame — including later fountain parts with longer part numbers — fits; BBQr picks the fewest parts at one fixed version ≤ N (default 20); plain refuses a payload that does not fit (exit 2).',
      parse: int(1, 40),
    },
    ecc: { flag: '--ecc <level>', help: 'QR error correction level', doc: 'QR error correction (`L` is what every surveyed wallet displays).', choices: ECC_LEVELS, default: DEFAULT_ECC },
    frames: {
      flag: '--frames <n>',
      help: 'frames in PNG/GIF/HTML outputs (multipart UR: default three times the fragment count, the rest fountain parts)',
      doc: 'frames in PNG/GIF/HTML outputs. Multipart UR default: 3 × the fragment count — the plain fragments then fountain parts, so a camera that misses 30% of the frames still completes (tested). Other formats have a fixed count.',
      parse: int(1, 2000),
    },
    terminal: {
      flag: '--terminal',
      help: 'show the QR on stderr (animated in place on a terminal; Ctrl-C stops)',
      doc: 'the QR on stderr with half-block characters (dark on light). One frame: printed once. Several, on a terminal: redrawn in place at `--fps` until Ctrl-C or `--seconds`; multipart UR keeps producing fresh fountain parts (each verified before it is drawn). Not a terminal: the frames are printed once, one after another.',
    },
    fps: { flag: '--fps <n>', help: 'frames per second for --terminal, --gif and --html', parse: rate(30), default: DEFAULT_FPS, needs: ANIMATED },
    seconds: { flag: '--seconds <n>', help: 'stop the terminal animation after N seconds', parse: int(1, 86400), needs: ['terminal'] },
    png: {
      flag: '--png <dir>',
      help: 'write numbered PNG frames (frame-0001.png …) into DIR',
      doc: 'numbered frames `frame-0001.png …` (1-bit PNG, ~600 px; `--scale` pixels per module). DIR is created; a DIR that already holds `frame-NNNN.png` is refused (exit 2) so stale frames are never mixed in.',
    },
    gif: { flag: '--gif <file>', help: 'write one looping animated GIF', doc: 'one looping animated GIF at `--fps`.' },
    html: {
      flag: '--html <file>',
      help: 'write one self-contained offline HTML page cycling the frames',
      doc: "one self-contained offline page: frames inline as `data:` PNGs, inline script, a Content-Security-Policy `default-src 'none'` so the page cannot load anything; pause/play (space), step ◀ ▶ (arrow keys), slower/faster (− +), frame counter, digest.",
    },
    scale: { flag: '--scale <px>', help: 'pixels per QR module in images (default: about 600 px wide)', parse: int(1, 40), needs: IMAGES },
    reveal: { flag: '--reveal', help: 'print the QR texts although the payload is a secret (a share, mnemonic, SeedQR, xprv or WIF key)' },
  },
  helpAfter: '\nWithout --terminal, --png, --gif or --html the frame texts are printed on stdout, one per line.',
});

export const qrDecode = command({
  name: 'qr decode',
  description: 'read QR frames (any order) from images, a folder or a video and write the payload',
  args: [
    {
      name: '[images...]',
      help: 'PNG images of QR frames',
      doc: 'PNG files (a folder argument is read as its `.png` files in name order); video files (`.mp4 .m4v .mov .webm .mkv .avi`) and animated `.gif` are read through ffmpeg like `--video`.',
    },
  ],
  options: {
    dir: { flag: '--dir <dir>', help: 'a folder of PNG frames', doc: 'every `.png` in DIR.' },
    video: {
      flag: '--video <file>',
      help: 'a video of the animated QR (needs ffmpeg)',
      doc: 'a video of the animated code: frames are taken at `--sample-fps` with **ffmpeg**, which must be installed (`apt-get install ffmpeg`); without it exit 1 with that message.',
    },
    sampleFps: { flag: '--sample-fps <n>', help: 'frames per second taken from --video', parse: rate(30), default: 10 },
    expect: {
      flag: '--expect <kind>',
      help: 'refuse any other payload kind',
      doc: 'refuse any other payload kind (exit 2).',
      choices: PAYLOAD_KIND_NAMES,
    },
    out: {
      flag: '--out <file>',
      help: 'write the payload to FILE (PSBT binary; others as text) instead of stdout; mode 0600 when it is a secret',
      doc: 'write the payload to FILE (refused if it exists): its bytes exactly (PSBT binary, transaction hex text, descriptor text, text, raw bytes), EIP-4527 payloads as their `ur:` text line. Without it the text form goes to stdout. A secret (see `--reveal`) is written mode 0600.',
    },
    reveal: {
      flag: '--reveal',
      help: 'print the payload although it is a secret (a share, mnemonic, SeedQR, xprv or WIF key)',
      doc: 'print the payload even when it is a secret: a coldkit or SSKR share, a BIP39 mnemonic, a SeedQR (48 or 96 digits), an extended private key (xprv/tprv…) or a WIF private key. Without it such a payload is never printed (human or `--json`): use `--out FILE`.',
    },
  },
});

export const COMMANDS = [qrEncode, qrDecode];
