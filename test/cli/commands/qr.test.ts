/**
 * Black-box tests of `coldkit qr encode|decode` and --from-qr / --qr-png through the built bin:
 * real PNG/GIF/HTML files, real pixels, digests compared across the gap.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tmpDir } from '../../helpers/cli.js';
import { buildPsbt, SAMPLE_MNEMONIC } from '../../helpers/build-psbt.js';
import { Xoshiro256 } from '../../../src/core/transport/xoshiro.js';

let dir: string;
let psbt1: string;
let psbt8: string;
let psbt3: string;
const digestOf = (stderr: string): string => /digest: ([a-z]+ [a-z]+ [a-z]+ [a-z]+)/.exec(stderr)?.[1] ?? 'none';

beforeAll(() => {
  dir = tmpDir('coldkit-qr-cli-');
  psbt1 = path.join(dir, 'u1.psbt');
  psbt8 = path.join(dir, 'u8.psbt');
  fs.writeFileSync(psbt1, buildPsbt({ kind: 'wpkh', inputs: 1 }));
  fs.writeFileSync(psbt8, buildPsbt({ kind: 'wpkh', inputs: 8 }));
  psbt3 = path.join(dir, 'u3.psbt');
  fs.writeFileSync(psbt3, buildPsbt({ kind: 'wpkh', inputs: 3 }));
  fs.writeFileSync(path.join(dir, 'm.txt'), SAMPLE_MNEMONIC + '\n');
});

describe('qr encode → files → qr decode', () => {
  it('PSBT as UR: numbered PNGs, GIF and HTML; decode --dir gives the same bytes and digest', async () => {
    const enc = await runCli(['qr', 'encode', psbt8, '--png', path.join(dir, 'ur'), '--gif', path.join(dir, 'ur.gif'), '--html', path.join(dir, 'ur.html'), '--json']);
    expect(enc.code, enc.stderr).toBe(0);
    const j = enc.json();
    expect(j.format).toBe('ur');
    expect(j.label).toBe('UR:CRYPTO-PSBT');
    expect(j.frames).toBe(3 * j.parts);
    expect(j.texts[0]).toMatch(new RegExp(`^UR:CRYPTO-PSBT/1-${j.parts}/`));
    const pngs = fs.readdirSync(path.join(dir, 'ur'));
    expect(pngs.length).toBe(j.frames);
    expect(pngs[0]).toBe('frame-0001.png');

    const gif = fs.readFileSync(path.join(dir, 'ur.gif'));
    expect(gif.subarray(0, 6).toString()).toBe('GIF89a');
    expect(gif.includes('NETSCAPE2.0')).toBe(true);

    const html = fs.readFileSync(path.join(dir, 'ur.html'), 'utf8');
    expect(html).toContain(`default-src 'none'`);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html.match(/data:image\/png;base64,/g)!.length).toBe(j.frames);
    expect(html).toContain(j.digest);
    expect(html).toMatch(/id="prev"[\s\S]*id="play"[\s\S]*id="next"/);

    const out = path.join(dir, 'back.psbt');
    const dec = await runCli(['qr', 'decode', '--dir', path.join(dir, 'ur'), '--out', out]);
    expect(dec.code, dec.stderr).toBe(0);
    expect(fs.readFileSync(out).equals(fs.readFileSync(psbt8))).toBe(true);
    expect(digestOf(dec.stderr)).toBe(j.digest);
    expect(dec.stderr).toMatch(/parts \d+\/\d+/);
  });

  it('any order, 30% dropped, a duplicate and a frame of another payload: decoded with notes', async () => {
    const src = path.join(dir, 'ur');
    const files = fs.readdirSync(src).map((f) => path.join(src, f));
    const rng = new Xoshiro256('cli-drop');
    const order = files.map((f) => ({ f, k: rng.nextDouble() })).sort((a, b) => a.k - b.k).map((x) => x.f);
    const kept = order.slice(0, Math.ceil(order.length * 0.7));
    const other = path.join(dir, 'other');
    expect((await runCli(['qr', 'encode', psbt1, '--png', other])).code).toBe(0);
    const dec = await runCli(['qr', 'decode', ...kept, kept[0]!, path.join(other, 'frame-0001.png')]);
    expect(dec.code, dec.stderr).toBe(0);
    expect(Buffer.from(dec.stdout.trim(), 'base64').equals(fs.readFileSync(psbt8))).toBe(true);
    expect(dec.stderr).toMatch(/ignored 1 duplicate/);
    expect(dec.stderr).toMatch(/ignored 1 frame of another payload/);
  });

  it('BBQr: fixed version, --max-version respected; a missing part is named (exit 2)', async () => {
    const enc = await runCli(['qr', 'encode', psbt8, '--format', 'bbqr', '--max-version', '15', '--png', path.join(dir, 'bb'), '--json']);
    expect(enc.code, enc.stderr).toBe(0);
    const j = enc.json();
    expect(j.label).toBe('BBQr Z/P');
    expect(j.version).toBeLessThanOrEqual(15);
    fs.rmSync(path.join(dir, 'bb', 'frame-0002.png'));
    const h = await runCli(['qr', 'encode', psbt1, '--format', 'bbqr', '--bbqr-encoding', 'H', '--json']);
    expect(h.json().label).toBe('BBQr H/P');
    expect(h.json().texts[0]).toMatch(/^B\$HP010070736274FF/);
    const dec = await runCli(['qr', 'decode', '--dir', path.join(dir, 'bb')]);
    expect(dec.code).toBe(2);
    expect(dec.stderr).toMatch(/missing parts? 2 of/);
  });

  it('a PNG with a damaged QR is skipped with a note, never decoded into a wrong payload', async () => {
    const d = path.join(dir, 'bad');
    expect((await runCli(['qr', 'encode', psbt1, '--format', 'plain', '--png', d])).code).toBe(0);
    const f = path.join(d, 'frame-0001.png');
    const { decodePng } = await import('../../../src/cli/qr/read-image.js');
    const { encodePng1Bit } = await import('../../../src/cli/qr/png-1bit.js');
    const img = await decodePng(new Uint8Array(fs.readFileSync(f)), f);
    // Black out a band across the middle third of the symbol.
    for (let y = Math.floor(img.height * 0.35); y < img.height * 0.65; y++) for (let x = 0; x < img.width * 4; x++) img.data[y * img.width * 4 + x] = 0;
    fs.writeFileSync(f, encodePng1Bit(img));
    const dec = await runCli(['qr', 'decode', f]);
    expect(dec.code).toBe(2);
    expect(dec.stdout).toBe('');
    expect(dec.stderr).toMatch(/no readable QR code|no QR code found/);
  });

  it('text from stdin as a still QR on the terminal (stderr), plain format', async () => {
    const r = await runCli(['qr', 'encode', '-', '--terminal'], { stdin: 'hello from the cold side' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/█/);
    expect(r.stdout).toMatch(/plain text: 1 frame/);
  });

  it('without an output the frame texts go to stdout', async () => {
    const r = await runCli(['qr', 'encode', psbt1, '--format', 'ur', '--fragment', '100']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines) expect(l).toMatch(/^UR:CRYPTO-PSBT\/\d+-\d+\/[A-Z]+$/);
  });

  it('usage errors: no source, two sources, an EIP-4527 payload as BBQr, video without ffmpeg', async () => {
    expect((await runCli(['qr', 'decode'])).code).toBe(2);
    expect((await runCli(['qr', 'decode', 'x.png', '--dir', dir])).code).toBe(2);
    const bad = await runCli(['qr', 'encode', psbt1, '--format', 'plain', '--max-version', '3']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/do not fit one QR at version ≤ 3/);
    fs.writeFileSync(path.join(dir, 'v.mp4'), 'not a video');
    const v = await runCli(['qr', 'decode', '--video', path.join(dir, 'v.mp4')]);
    if (v.stderr.includes('needs ffmpeg')) expect(v.code).toBe(1);
    else expect(v.code).toBe(2); // ffmpeg present: it refuses the fake file
  });
});

describe('terminal animation and journal', () => {
  it.skipIf(spawnSync('script', ['--version']).status !== 0)('on a terminal, a multipart series is redrawn in place until --seconds', async () => {
    const cmd = `node ${JSON.stringify(path.join(ROOT, 'bin/coldkit'))} qr encode ${JSON.stringify(psbt8)} --terminal --fps 10 --seconds 2`;
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { encoding: 'utf8', env: { ...process.env, COLDKIT_JOURNAL: path.join(dir, 'term.jsonl') }, timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const redraws = r.stdout.match(/\x1b\[\d+A\x1b\[J/g) ?? [];
    expect(redraws.length).toBeGreaterThanOrEqual(3);
    expect(r.stdout).toContain('\x1b[?25h'); // cursor shown again
  });

  it('encode and decode are journaled with kind, format and digest', async () => {
    const journal = path.join(dir, 'qr-journal.jsonl');
    const env = { COLDKIT_JOURNAL: journal };
    const enc = await runCli(['qr', 'encode', psbt1, '--png', path.join(dir, 'j')], { env });
    expect(enc.code, enc.stderr).toBe(0);
    expect((await runCli(['qr', 'decode', '--dir', path.join(dir, 'j')], { env })).code).toBe(0);
    const entries = fs.readFileSync(journal, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(entries.map((e) => e.op)).toEqual(['qr.encode', 'qr.decode']);
    expect(entries[0].data).toMatchObject({ kind: 'psbt', format: 'ur', digest: digestOf(enc.stderr), outputs: ['png'] });
    expect(entries[1].data).toMatchObject({ kind: 'psbt', format: 'ur', digest: digestOf(enc.stderr) });
  });

  it('an image without a QR code: exit 2, nothing on stdout', async () => {
    const { encodePng1Bit } = await import('../../../src/cli/qr/png-1bit.js');
    const blank = path.join(dir, 'blank.png');
    fs.writeFileSync(blank, encodePng1Bit({ width: 64, height: 64, data: new Uint8Array(64 * 64 * 4).fill(255) }));
    const r = await runCli(['qr', 'decode', blank]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/1 of 1 images? held no readable QR code[\s\S]*no QR code found/);
  });
});

describe('EIP-4527 and video', () => {
  it('an eth-sign-request (Keystone vector) crosses as UR frames and comes back as the same ur: text', async () => {
    const fx = JSON.parse(fs.readFileSync(path.join(ROOT, 'fixtures/ur/eip4527-keystone.json'), 'utf8'));
    const ur: string = fx.signRequests[0].ur;
    const f = path.join(dir, 'req.ur');
    fs.writeFileSync(f, ur + '\n');
    const enc = await runCli(['qr', 'encode', f, '--density', 'low', '--png', path.join(dir, 'eth'), '--json']);
    expect(enc.code, enc.stderr).toBe(0);
    expect(enc.json().label).toBe('UR:ETH-SIGN-REQUEST');
    expect(enc.json().parts).toBeGreaterThan(1);
    const dec = await runCli(['qr', 'decode', '--dir', path.join(dir, 'eth'), '--expect', 'eth-sign-request']);
    expect(dec.code, dec.stderr).toBe(0);
    expect(dec.stdout.trim()).toBe(ur);
    expect(digestOf(dec.stderr)).toBe(enc.json().digest);
    const wrong = await runCli(['qr', 'decode', '--dir', path.join(dir, 'eth'), '--expect', 'psbt']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/carry a eth-sign-request, not a psbt/);
  });

  it.skipIf(spawnSync('ffmpeg', ['-version']).status !== 0)('--video: an animation filmed as a video decodes, and our GIF reads back (ffmpeg installed)', async () => {
    const frames = path.join(dir, 'vid');
    expect((await runCli(['qr', 'encode', psbt8, '--png', frames])).code).toBe(0);
    const video = path.join(dir, 'qr.mp4');
    const r = spawnSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-framerate', '5', '-i', path.join(frames, 'frame-%04d.png'), '-c:v', 'libx264', '-crf', '20', '-pix_fmt', 'yuv420p', video]);
    expect(r.status, String(r.stderr)).toBe(0);
    const dec = await runCli(['qr', 'decode', '--video', video, '--sample-fps', '5', '--out', path.join(dir, 'vid.psbt')]);
    expect(dec.code, dec.stderr).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'vid.psbt')).equals(fs.readFileSync(psbt8))).toBe(true);
    // Our own animated GIF reads back too (given as an image argument, through ffmpeg).
    const gif = path.join(dir, 'own.gif');
    expect((await runCli(['qr', 'encode', psbt1, '--gif', gif, '--fragment', '120'])).code).toBe(0);
    const g = await runCli(['qr', 'decode', gif, '--out', path.join(dir, 'gif.psbt')]);
    expect(g.code, g.stderr).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'gif.psbt')).equals(fs.readFileSync(psbt1))).toBe(true);
  });
});

describe('--from-qr and --qr-png across the gap', () => {
  it('psbt sign --from-qr reads UR frames, signs, and emits the signed PSBT as UR frames; decoded back equals --out', async () => {
    const inDir = path.join(dir, 'sign-in');
    const enc = await runCli(['qr', 'encode', psbt3, '--png', inDir]);
    expect(enc.code, enc.stderr).toBe(0);
    const outDir = path.join(dir, 'sign-out');
    const signed = path.join(dir, 'signed.psbt');
    const s = await runCli(['--network', 'testnet', 'psbt', 'sign', '--from-qr', inDir, '--mnemonic-file', path.join(dir, 'm.txt'), '--yes', '--out', signed, '--qr-png', outDir]);
    expect(s.code, s.stderr).toBe(0);
    expect(s.stderr).toMatch(new RegExp(`QR in: ur:crypto-psbt.*digest: ${digestOf(enc.stderr)}`));
    expect(s.stderr).toMatch(/QR out: UR:CRYPTO-PSBT/);
    const back = path.join(dir, 'signed-back.psbt');
    const dec = await runCli(['qr', 'decode', '--dir', outDir, '--out', back, '--expect', 'psbt']);
    expect(dec.code, dec.stderr).toBe(0);
    expect(fs.readFileSync(back).equals(fs.readFileSync(signed))).toBe(true);
    expect(digestOf(dec.stderr)).toBe(/QR out: .*digest: ([a-z]+ [a-z]+ [a-z]+ [a-z]+)/.exec(s.stderr)![1]);

    // The finalized transaction crosses back too; its QR digest is finalize's "transaction digest".
    const fin = await runCli(['--network', 'testnet', 'psbt', 'finalize', signed, '--qr-png', path.join(dir, 'fin')]);
    expect(fin.code, fin.stderr).toBe(0);
    const txDigest = /transaction digest: ([a-z]+ [a-z]+ [a-z]+ [a-z]+)/.exec(fin.stderr + fin.stdout)![1];
    const tx = await runCli(['qr', 'decode', '--dir', path.join(dir, 'fin'), '--expect', 'tx']);
    expect(tx.code, tx.stderr).toBe(0);
    expect(digestOf(tx.stderr)).toBe(txDigest);
    expect(tx.stdout.trim()).toBe(fin.stdout.trim());
  });

  it('a PSBT that came as one plain QR and outgrows it once signed goes back as UR, with a note', async () => {
    const b64 = fs.readFileSync(psbt8).toString('base64');
    expect(b64.length).toBeLessThanOrEqual(2953); // fits one plain QR (v40, ECC L)
    const inDir = path.join(dir, 'psign-in');
    expect((await runCli(['qr', 'encode', psbt8, '--format', 'plain', '--png', inDir])).code).toBe(0);
    const s = await runCli(['--network', 'testnet', 'psbt', 'sign', '--from-qr', inDir, '--mnemonic-file', path.join(dir, 'm.txt'), '--yes', '--qr-png', path.join(dir, 'psign-out')]);
    expect(s.code, s.stderr).toBe(0);
    expect(s.stderr).toMatch(/QR in: plain base64 PSBT/);
    expect(s.stderr).toMatch(/no longer fits one plain QR[\s\S]*QR out: UR:CRYPTO-PSBT/);
  });

  it('a BBQr-borne PSBT goes back as BBQr', async () => {
    const inDir = path.join(dir, 'bsign-in');
    expect((await runCli(['qr', 'encode', psbt1, '--format', 'bbqr', '--png', inDir])).code).toBe(0);
    const s = await runCli(['--network', 'testnet', 'psbt', 'sign', '--from-qr', inDir, '--mnemonic-file', path.join(dir, 'm.txt'), '--yes', '--qr-png', path.join(dir, 'bsign-out')]);
    expect(s.code, s.stderr).toBe(0);
    expect(s.stderr).toMatch(/QR out: BBQr Z\/P/);
  });
});
