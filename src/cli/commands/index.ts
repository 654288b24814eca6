/**
 * Every command group, registered on the root program. Group files import only commander and
 * the light framework; their actions are loaded lazily.
 */
import type { Command } from 'commander';
import { register as seed } from './seed.js';
import { register as account } from './account.js';
import { register as derive } from './derive.js';
import { register as address } from './address.js';
import { register as journal } from './journal.js';
import { register as shares } from './shares.js';
import { register as psbt } from './psbt.js';
import { register as qr } from './qr.js';
import { register as eth } from './eth.js';
import { register as demo } from './demo.js';

/** Register all command groups in help order. */
export function registerAll(program: Command): void {
  for (const r of [seed, shares, account, derive, address, psbt, eth, qr, journal, demo]) r(program);
}
