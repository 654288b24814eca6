/**
 * Printable share cards (`--out DIR`): per share an HTML page and an SVG card (words, QR, set
 * words, holder, "share k of n, any T rebuild", a one-line pointer to the format) and the QR alone
 * as PNG; plus the public wallet card (JSON and HTML) with the set's public facts. QR codes come
 * from the qrcode package at ECC level M; the QR text is the share in upper case (v1 words, or the
 * `ur:sskr` string), so it is encoded in the compact alphanumeric mode. Share files are mode 0600.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../../core/errors.js';
import type { WalletCard, WalletCardShares } from '../../core/hd/wallet-card.js';
import { writeFileAtomic } from '../io.js';
import { cjsExports } from '../cjs.js';

/** One share as printed on its card. */
export interface CardShare {
  ordinal: number;
  count: number;
  threshold: number;
  holder?: string;
  /** Human-readable share text (lower-case words). */
  text: string;
  /** What the QR code carries (upper case). */
  qrText: string;
}

/** The set's public facts, printed on every card and in the wallet card. */
export type CardSet = WalletCardShares;

/** The public wallet card written beside the share cards (the card plus the set). */
export type SharedWalletCard = WalletCard & { shares: CardSet };

const FORMAT_LINE: Record<CardSet['format'], string> = {
  v1: 'coldkit share format v1 (docs/formats/shares-v1.md): SLIP-39 word list, RS1024 checksum "coldkit-shares-v1". NOT a BIP39 phrase, NOT a SLIP-39 share.',
  slip39: 'SLIP-39 share (SatoshiLabs SLIP-0039): recover on a Trezor or Keystone ("recover wallet", SLIP-39 / Shamir backup), or with coldkit shares combine.',
  sskr: 'SSKR share (Blockchain Commons BCR-2020-011), tag 40309 / ur:sskr. Recover with coldkit shares combine or seedtool --in sskr.',
};

/** Refuse an --out directory that holds files already (cards are never overwritten). */
export function prepareOutDir(dir: string): void {
  if (fs.existsSync(dir)) {
    if (!fs.statSync(dir).isDirectory()) throw new InputError(`"${dir}" exists and is not a directory`, '--out');
    if (fs.readdirSync(dir).length > 0) throw new InputError(`"${dir}" is not empty; share cards go into a new or empty directory`, '--out');
  }
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function title(s: CardShare): string {
  return `Share ${s.ordinal} of ${s.count} — any ${s.threshold} rebuild the seed`;
}

function wordGrid(words: string[], columns: number): string[][] {
  const rows = Math.ceil(words.length / columns);
  return Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => c * rows + r).filter((i) => i < words.length).map((i) => `${i + 1}. ${words[i]}`));
}

/** The share card as a standalone SVG (the QR is qrcode's own SVG, nested). */
export function cardSvg(share: CardShare, set: CardSet, qrSvg: string): string {
  const words = share.text.split(' ');
  const cols = words.length > 36 ? 4 : 3;
  const grid = wordGrid(words, cols);
  const lineH = 22;
  const height = Math.max(96 + 300 + 70, 130 + grid.length * lineH + 60); // below the QR and the word grid
  const inner = qrSvg.replace('<svg ', '<svg x="24" y="96" width="300" height="300" ');
  const text = (x: number, y: number, s: string, extra = '') => `<text x="${x}" y="${y}"${extra}>${esc(s)}</text>`;
  const rows = grid.map((row, r) => row.map((cell, c) => text(350 + c * (cols === 4 ? 150 : 190), 110 + r * lineH, cell, ' font-family="monospace" font-size="16"')).join('')).join('\n');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="960" height="${height}" viewBox="0 0 960 ${height}">`,
    `<rect width="960" height="${height}" fill="#ffffff"/>`,
    text(24, 40, `${title(share)}${share.holder ? ` — holder: ${share.holder}` : ''}`, ' font-family="sans-serif" font-size="22" font-weight="bold"'),
    text(24, 70, `Set words: ${set.setWords}   (same on every share of this set)   created ${set.created}`, ' font-family="sans-serif" font-size="15"'),
    inner,
    rows,
    text(24, height - 40, FORMAT_LINE[set.format], ' font-family="sans-serif" font-size="12"'),
    text(24, height - 20, 'SECRET: anyone holding enough shares controls the funds. Keep this card apart from the others.', ' font-family="sans-serif" font-size="12"'),
    '</svg>',
    '',
  ].join('\n');
}

/** The share card as a printable HTML page. */
export function cardHtml(share: CardShare, set: CardSet, qrSvg: string): string {
  const words = share.text.split(' ');
  const grid = wordGrid(words, words.length > 36 ? 4 : 3);
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${esc(title(share))}</title>
<style>
body{font-family:sans-serif;margin:2em;color:#000;background:#fff}
.qr{width:300px;height:300px;float:left;margin-right:2em}
table{font-family:monospace;font-size:16px;border-collapse:collapse}td{padding:3px 18px 3px 0}
.fine{clear:both;font-size:12px;padding-top:2em}
@media print{body{margin:1cm}}
</style></head><body>
<h1>${esc(title(share))}</h1>
${share.holder ? `<p>Holder: <b>${esc(share.holder)}</b></p>` : ''}
<p>Set words: <b>${esc(set.setWords)}</b> (the same on every share of this set) · created ${esc(set.created)}</p>
<div class="qr">${qrSvg}</div>
<table>${grid.map((row) => `<tr>${row.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('\n')}</table>
<p class="fine">${esc(FORMAT_LINE[set.format])}<br>SECRET: anyone holding enough shares controls the funds. Keep this card apart from the others.</p>
</body></html>
`;
}

/** The public wallet card as printable HTML (no secret). */
export function walletCardHtml(card: SharedWalletCard): string {
  const rows: [string, string][] = [
    ['network', card.network],
    ['master fingerprint', card.fingerprint],
    ['passphrase', card.passphrase ? 'yes (not recorded)' : 'no'],
    ['BIP84 account', card.bip84.path],
    ['account xpub', card.bip84.xpub],
    ['first address', card.bip84.firstAddress],
    ['share set', `${card.shares.setWords} — any ${card.shares.threshold} of ${card.shares.count} (${card.shares.format})`],
    ['holders', (card.shares.holders ?? []).map((h, i) => `${i + 1}: ${h}`).join(', ') || '—'],
    ['created', card.shares.created],
  ];
  return `<!doctype html><html><head><meta charset="utf-8"><title>Wallet card ${esc(card.fingerprint)}</title>
<style>body{font-family:sans-serif;margin:2em}td{padding:4px 16px 4px 0;font-family:monospace;word-break:break-all}</style></head><body>
<h1>Wallet card (public) — ${esc(card.fingerprint)}</h1>
<table>${rows.map(([k, v]) => `<tr><th align="left">${esc(k)}</th><td>${esc(v)}</td></tr>`).join('\n')}</table>
<p>Keep this card apart from the shares. A recovery drill (coldkit shares drill --card wallet-card.json) compares rebuilt shares against it and prints only MATCH or MISMATCH.</p>
</body></html>
`;
}

/** Write every card and the wallet card into `dir`; returns the files written. */
export async function writeCards(dir: string, shares: CardShare[], set: CardSet, card: WalletCard): Promise<string[]> {
  const QR = cjsExports<typeof import('qrcode')>(await import('qrcode'));
  const files: string[] = [];
  const put = (name: string, data: string | Uint8Array, mode: number) => {
    const f = path.join(dir, name);
    writeFileAtomic(f, data, { mode });
    files.push(f);
  };
  try {
    for (const s of shares) {
      const qrSvg = await QR.toString(s.qrText, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
      const png = await QR.toBuffer(s.qrText, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 6 });
      put(`share-${s.ordinal}.html`, cardHtml(s, set, qrSvg), 0o600);
      put(`share-${s.ordinal}.svg`, cardSvg(s, set, qrSvg), 0o600);
      put(`share-${s.ordinal}-qr.png`, new Uint8Array(png), 0o600);
    }
    const shared: SharedWalletCard = { ...card, shares: set };
    put('wallet-card.json', JSON.stringify(shared, null, 2) + '\n', 0o644);
    put('wallet-card.html', walletCardHtml(shared), 0o644);
  } catch (e) {
    // No partial set: cards of a split that failed must not outlive it (they hold shares).
    for (const f of files) fs.rmSync(f, { force: true });
    throw e;
  }
  return files;
}
