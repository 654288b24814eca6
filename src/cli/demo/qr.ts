/**
 * Demo steps of the QR area: the unsigned PSBT left by the PSBT demo crosses the air gap as PNG
 * frames and an offline HTML page (UR:CRYPTO-PSBT, fountain-coded), the offline laptop signs it
 * straight from the frames and answers with QR frames of its own, and the online side reads them
 * back. Both sides print the same 4-word digest. A BBQr GIF shows the Coldcard-Q form.
 */
import type { DemoRunner } from './runner.js';

/** Run the QR steps (needs unsigned.psbt from the PSBT demo). */
export async function steps(d: DemoRunner): Promise<void> {
  d.section('QR transport: the PSBT crosses the air gap as QR frames');
  await d.run(
    'Show the unsigned PSBT as animated QR (online machine)',
    'UR:CRYPTO-PSBT in upper case (QR alphanumeric mode), 200-byte fragments, plain parts first then fountain parts so a camera that misses frames still completes. Every frame is read back from its own pixels before it is written. The HTML page is one offline file (no network, inline script) with pause, step and a frame counter; read the digest aloud.',
    ['qr', 'encode', 'unsigned.psbt', '--png', 'qr-unsigned', '--html', 'unsigned-qr.html'],
  );
  await d.run(
    'Sign it straight from the QR frames (offline laptop)',
    'The frames are read in any order; the PSBT is checked before review. The digest printed on reading must match the one the online machine showed. The signed PSBT goes back in the format it came in (UR), as PNG frames and a page.',
    ['--network', 'testnet', 'psbt', 'sign', '--from-qr', 'qr-unsigned', '--mnemonic-file', 'sample-mnemonic.txt', '--yes', '--out', 'signed-via-qr.psbt', '--qr-png', 'qr-signed', '--qr-html', 'signed-qr.html'],
  );
  await d.run(
    'Read the signed PSBT back from its frames (online machine)',
    'Same digest as the signer printed; the PSBT must parse before it is written.',
    ['qr', 'decode', '--dir', 'qr-signed', '--expect', 'psbt', '--out', 'signed-from-qr.psbt'],
  );
  await d.run(
    'The same PSBT as BBQr for a Coldcard Q (looping GIF)',
    'BBQr Z (zlib + Base32), one fixed QR version across the series, capped at version 20.',
    ['qr', 'encode', 'unsigned.psbt', '--format', 'bbqr', '--gif', 'unsigned-bbqr.gif'],
  );
}
