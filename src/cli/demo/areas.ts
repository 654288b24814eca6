/**
 * The area demos run after the seed steps (./seed.ts), in ceremony order: shares, QR-carried PSBT
 * signing, the multisig vault, Ethereum, Safe multisig, proving and deriving (messages, BIP85, SLIP-39). Each area owns
 * its file in this folder.
 */
import type { DemoRunner } from './runner.js';

type AreaLoader = () => Promise<{ steps: (d: DemoRunner) => Promise<void> }>;

/** Hand each area's loader to the demo. */
export function registerAreas(add: (load: AreaLoader) => void): void {
  add(() => import('./shares.js'));
  add(() => import('./psbt.js'));
  add(() => import('./qr.js'));
  add(() => import('./vault.js'));
  add(() => import('./eth.js'));
  add(() => import('./safe.js'));
  add(() => import('./policy.js'));
  add(() => import('./prove.js'));
}
