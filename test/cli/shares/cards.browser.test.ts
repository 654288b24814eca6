/**
 * The printable cards as a browser draws them: headless Chromium renders share-1.html and
 * share-1.svg to a screenshot, and jsQR must read the share back from those pixels. Skipped where
 * no Chromium is installed (cards.test.ts still decodes the PNG and a rasterised SVG).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { mnemonicFromEntropy } from '../../../src/core/bip39/mnemonic.js';
import { network } from '../../../src/core/network.js';
import { walletCard } from '../../../src/core/hd/wallet-card.js';
import { splitEntropy } from '../../../src/core/shares/split.js';
import { writeCards } from '../../../src/cli/shares/cards.js';
import { tmpDir } from '../../helpers/cli.js';
import { seededRandom } from '../../helpers/seeded-bytes.js';

const browser = ['chromium', 'chromium-browser', 'google-chrome'].find((b) => spawnSync(b, ['--version']).status === 0);
const decode = (jsQR as unknown as { default?: typeof jsQR }).default ?? jsQR;

describe('share cards rendered by a browser', () => {
  it.skipIf(!browser)('the QR on the HTML and the SVG card reads back from the screenshot', async () => {
    const random = seededRandom('render');
    const entropy = random(32);
    const set = await splitEntropy(entropy, 2, 3, random);
    const dir = path.join(tmpDir('coldkit-render-'), 'cards');
    const text = set.texts[0]!;
    await writeCards(
      dir,
      set.texts.map((t, i) => ({ ordinal: i + 1, count: 3, threshold: 2, text: t, qrText: t.toUpperCase() })),
      { format: 'v1', setWords: set.setWords, setId: '0', threshold: 2, count: 3, created: '2026-11-26' },
      walletCard(mnemonicFromEntropy(entropy), '', network('testnet')),
    );
    for (const page of ['share-1.html', 'share-1.svg']) {
      const shot = path.join(dir, `${page}.png`);
      const r = spawnSync(browser!, ['--headless', '--no-sandbox', '--disable-gpu', `--screenshot=${shot}`, '--window-size=1000,800', `file://${path.join(dir, page)}`], { timeout: 30_000 });
      expect(fs.existsSync(shot), String(r.stderr)).toBe(true);
      const png = PNG.sync.read(fs.readFileSync(shot));
      expect(decode(new Uint8ClampedArray(png.data), png.width, png.height)?.data, page).toBe(text.toUpperCase());
    }
  });
});
