/**
 * The `coldkit qr` group: encode any payload as QR frames (UR, BBQr, plain) for the terminal, PNG
 * frames, a GIF or an offline HTML page; decode frames from images, folders or video.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { lazyAction } from '../command.js';
import { summary } from './groups.js';
import { intArg } from '../options.js';

function fpsArg(v: string): number {
  const n = Number(v);
  if (!/^\d+(\.\d+)?$/.test(v.trim()) || !(n > 0 && n <= 30)) throw new InvalidArgumentError(`--fps must be a number above 0 and at most 30, got "${v}"`);
  return n;
}

/** Register `coldkit qr …`. */
export function register(program: Command): void {
  const qr = program.command('qr').description(summary('qr'));

  qr.command('encode')
    .description('show or write a payload (PSBT, transaction, account, eth-sign-request, text) as QR frames')
    .argument('[file]', 'payload file, or - for stdin')
    .addOption(new Option('--format <format>', 'transport format').choices(['auto', 'ur', 'bbqr', 'plain']).default('auto'))
    .addOption(new Option('--type <type>', 'payload type (default: guessed from the content)').choices(['psbt', 'tx', 'account', 'eth-request', 'text']))
    .addOption(new Option('--ur-type <type>', 'UR type to emit for this payload').choices(['crypto-psbt', 'psbt', 'bytes', 'crypto-account', 'crypto-output']))
    .addOption(new Option('--bbqr-encoding <enc>', 'BBQr encoding: Z zlib+Base32 (default), 2 Base32, H hex').choices(['Z', '2', 'H']))
    .addOption(new Option('--density <density>', 'frame density: UR 80/200/400-byte fragments, BBQr version cap 12/20/25').choices(['low', 'normal', 'high']).default('normal'))
    .option('--fragment <bytes>', 'UR maximum fragment length in bytes (instead of --density)', intArg('--fragment', 10, 10000))
    .option('--max-version <n>', 'highest QR version of any frame (BBQr default 20)', intArg('--max-version', 1, 40))
    .addOption(new Option('--ecc <level>', 'QR error correction level').choices(['L', 'M', 'Q', 'H']).default('L'))
    .option('--frames <n>', 'frames in PNG/GIF/HTML outputs (multipart UR: default three times the fragment count, the rest fountain parts)', intArg('--frames', 1, 2000))
    .option('--terminal', 'show the QR on stderr (animated in place on a terminal; Ctrl-C stops)')
    .option('--fps <n>', 'frames per second for --terminal, --gif and --html', fpsArg, 5)
    .option('--seconds <n>', 'stop the terminal animation after N seconds', intArg('--seconds', 1, 86400))
    .option('--png <dir>', 'write numbered PNG frames (frame-0001.png …) into DIR')
    .option('--gif <file>', 'write one looping animated GIF')
    .option('--html <file>', 'write one self-contained offline HTML page cycling the frames')
    .option('--scale <px>', 'pixels per QR module in images (default: about 600 px wide)', intArg('--scale', 1, 40))
    .option('--reveal', 'print the QR texts although the payload is a secret (a share, mnemonic, SeedQR, xprv or WIF key)')
    .action(lazyAction(() => import('../actions/qr-encode.js')));

  qr.command('decode')
    .description('read QR frames (any order) from images, a folder or a video and write the payload')
    .argument('[images...]', 'PNG images of QR frames')
    .option('--dir <dir>', 'a folder of PNG frames')
    .option('--video <file>', 'a video of the animated QR (needs ffmpeg)')
    .option('--sample-fps <n>', 'frames per second taken from --video', fpsArg, 10)
    .addOption(new Option('--expect <kind>', 'refuse any other payload kind').choices(['psbt', 'tx', 'account', 'output', 'eth-sign-request', 'eth-signature', 'text', 'bytes']))
    .option('--out <file>', 'write the payload to FILE (PSBT binary; others as text) instead of stdout; mode 0600 when it is a secret')
    .option('--reveal', 'print the payload although it is a secret (a share, mnemonic, SeedQR, xprv or WIF key)')
    .action(lazyAction(() => import('../actions/qr-decode.js')));
}
