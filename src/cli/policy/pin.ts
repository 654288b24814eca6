/**
 * Where the laptop pin lives (core: src/core/policy/pin.ts): `/etc/coldkit/policy-pin.json`, a
 * root-owned file outside any journal, or `$COLDKIT_POLICY_PIN` (tests, non-root installs).
 * Written by `policy adopt --pin-laptop`; read by every signer's policy gate. Removing it is the
 * only way to unpin, and needs the rights the file has.
 */
import * as fs from 'node:fs';
import { InputError, RuntimeFailure } from '../../core/errors.js';
import { parsePin, type LaptopPin } from '../../core/policy/pin.js';
import { writeFileAtomic } from '../io.js';
import { DEFAULT_PIN_PATH, pinPath } from './pin-path.js';

export { DEFAULT_PIN_PATH, pinPath };

/** The laptop pin, or undefined when the laptop is not pinned. An unreadable pin refuses (never ignored). */
export function readPin(env: Record<string, string | undefined>): LaptopPin | undefined {
  const file = pinPath(env);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new RuntimeFailure(`cannot read the laptop's policy pin ${file} (${(e as NodeJS.ErrnoException).code}); signing is not possible until it can be read`);
  }
  return parsePin(bytes, `policy pin ${file}`);
}

/** Write the pin (a new file only: an existing pin is never replaced here). */
export function writePin(env: Record<string, string | undefined>, pin: LaptopPin): string {
  const file = pinPath(env);
  if (fs.existsSync(file)) throw new InputError(`this laptop is already pinned (${file}); remove the pin file first to pin another journal`, '--pin-laptop');
  try {
    writeFileAtomic(file, JSON.stringify(pin, null, 2) + '\n', { mode: 0o644 });
  } catch (e) {
    throw new RuntimeFailure(`cannot write the policy pin ${file} (${(e as NodeJS.ErrnoException).code ?? String(e)}); run as root, or set COLDKIT_POLICY_PIN`);
  }
  return file;
}
