/**
 * Share cards: the QR in the written PNG and in the SVG card decodes back, through real pixels,
 * to the share text. PNG: pngjs → jsQR (independent of the CLI's ZXing-first reader). SVG: the
 * qrcode path nested in the card is rasterised here (8 px a module) and decoded with jsQR.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { walletCard } from '../../../src/core/hd/wallet-card.js';
import { network } from '../../../src/core/network.js';
import { splitEntropy } from '../../../src/core/shares/split.js';
import { parseSskrText, sskrSplit, sskrToBytewords, sskrToUr } from '../../../src/core/shares/sskr.js';
import { decodeShare } from '../../../src/core/shares/v1.js';
import { mnemonicFromEntropy } from '../../../src/core/bip39/mnemonic.js';
import { type CardSet, type CardShare, writeCards } from '../../../src/cli/shares/cards.js';
import { expectAllWords, expectNoWords } from '../../helpers/leaks.js';
import { seededRandom } from '../../helpers/seeded-bytes.js';

const decode = (jsQR as unknown as { default?: typeof jsQR }).default ?? jsQR;

function pngText(file: string): string | undefined {
  const png = PNG.sync.read(fs.readFileSync(file));
  return decode(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

/** Rasterise the nested qrcode SVG (`M x y` / `m dx dy` moves, `h n` runs of dark modules) and decode it. */
function svgText(svg: string): string | undefined {
  const inner = /<svg x="\d+" y="\d+" width="\d+" height="\d+" [^>]*viewBox="0 0 (\d+) \1"[^>]*>(.*?)<\/svg>/s.exec(svg);
  if (!inner) throw new Error('no nested QR svg in the card');
  const size = Number(inner[1]);
  const d = /<path stroke="#000000" d="([^"]+)"/.exec(inner[2]!)![1]!;
  const dark = new Uint8Array(size * size);
  let x = 0;
  let y = 0;
  for (const [, cmd, a, b] of d.matchAll(/([MmHh])(-?[\d.]+)(?:[ ,](-?[\d.]+))?/g)) {
    const n = Number(a);
    if (cmd === 'M') [x, y] = [n, Number(b)];
    else if (cmd === 'm') [x, y] = [x + n, y + Number(b)];
    else {
      for (let i = 0; i < n; i++) dark[Math.floor(y) * size + x + i] = 1;
      x += n;
    }
  }
  const px = 8;
  const w = size * px;
  const rgba = new Uint8ClampedArray(w * w * 4).fill(255);
  for (let r = 0; r < w; r++) for (let c = 0; c < w; c++) if (dark[Math.floor(r / px) * size + Math.floor(c / px)]) rgba.fill(0, (r * w + c) * 4, (r * w + c) * 4 + 3);
  return decode(rgba, w, w)?.data;
}

async function cardsFor(format: 'v1' | 'sskr', len: number, t: number, n: number) {
  const random = seededRandom(`cards-${format}-${len}`);
  const entropy = random(len);
  const card = walletCard(mnemonicFromEntropy(entropy), '', network('testnet'));
  let shares: CardShare[];
  let setWords: string;
  if (format === 'v1') {
    const set = await splitEntropy(entropy, t, n, random);
    setWords = set.setWords;
    shares = set.texts.map((text, i) => ({ ordinal: i + 1, count: n, threshold: t, holder: `holder <${i}>`, text, qrText: text.toUpperCase() }));
  } else {
    const raw = await sskrSplit(entropy, t, n, random);
    setWords = 'sskr';
    shares = raw.map((s, i) => ({ ordinal: i + 1, count: n, threshold: t, text: sskrToBytewords(s), qrText: sskrToUr(s).toUpperCase() }));
  }
  const set: CardSet = { format, setWords, setId: '0000', threshold: t, count: n, created: '2026-11-26', holders: shares.map((s) => s.holder ?? '') };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coldkit-cards-'));
  const files = await writeCards(path.join(dir, 'cards'), shares, set, card);
  return { dir: path.join(dir, 'cards'), files, shares };
}

describe.each([
  ['v1', 16, 2, 3],
  ['v1', 32, 3, 5],
  ['sskr', 32, 2, 3],
] as const)('%s cards (%i-byte seed, %i-of-%i)', (format, len, t, n) => {
  it('every PNG QR and every SVG card QR decodes from pixels back to the share', async () => {
    const { dir, shares } = await cardsFor(format, len, t, n);
    for (const s of shares) {
      const fromPng = pngText(path.join(dir, `share-${s.ordinal}-qr.png`));
      const fromSvg = svgText(fs.readFileSync(path.join(dir, `share-${s.ordinal}.svg`), 'utf8'));
      expect(fromPng).toBe(s.qrText);
      expect(fromSvg).toBe(s.qrText);
      if (format === 'v1') expect(decodeShare(fromPng!)).toEqual(decodeShare(s.text));
      else expect(parseSskrText(fromPng!, 'qr').share).toEqual(parseSskrText(s.text, 'text').share);
    }
  });
  it('cards carry the words, k of n, T and the format pointer; share files are 0600; the wallet card holds no share word', async () => {
    const { dir, shares, files } = await cardsFor(format, len, t, n);
    expect(files).toHaveLength(3 * n + 2);
    const wallet = fs.readFileSync(path.join(dir, 'wallet-card.json'), 'utf8');
    const walletHtml = fs.readFileSync(path.join(dir, 'wallet-card.html'), 'utf8');
    for (const s of shares) {
      for (const ext of ['.html', '.svg', '-qr.png']) expect(fs.statSync(path.join(dir, `share-${s.ordinal}${ext}`)).mode & 0o777).toBe(0o600);
      const html = fs.readFileSync(path.join(dir, `share-${s.ordinal}.html`), 'utf8');
      expect(html).toContain(`Share ${s.ordinal} of ${n} — any ${t} rebuild the seed`);
      expect(html).toContain(format === 'v1' ? 'docs/formats/shares-v1.md' : 'BCR-2020-011');
      expect(html).not.toMatch(/<script|src=|href=/);
      if (s.holder) expect(html).toContain('holder &#60;'); // names are escaped
      const words = s.text.split(' ');
      words.forEach((w, i) => expect(html).toContain(`${i + 1}. ${w}`));
      expectAllWords(html, s.text);
      expectNoWords(wallet, s.text, 3, 'wallet-card.json');
      expectNoWords(walletHtml, s.text, 3, 'wallet-card.html');
    }
    expect(JSON.parse(wallet).shares.threshold).toBe(t);
  });
});

describe('writeCards failing part-way', () => {
  it('removes the cards it already wrote, so no partial set of shares stays on disk', async () => {
    const random = seededRandom('cards-partial');
    const entropy = random(16);
    const card = walletCard(mnemonicFromEntropy(entropy), '', network('testnet'));
    const split = await splitEntropy(entropy, 2, 3, random);
    const shares: CardShare[] = split.texts.map((text, i) => ({ ordinal: i + 1, count: 3, threshold: 2, text, qrText: text.toUpperCase() }));
    // Share 2's QR text cannot fit any QR code: qrcode throws after share 1's three files are written.
    shares[1] = { ...shares[1]!, qrText: 'A'.repeat(5000) };
    const set: CardSet = { format: 'v1', setWords: split.setWords, setId: '0000', threshold: 2, count: 3, created: '2026-11-26' };
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'coldkit-cards-')), 'cards');
    await expect(writeCards(dir, shares, set, card)).rejects.toThrow();
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
