/**
 * The signing key for the eth sign commands: the seed read through src/cli/seed-input.ts (BIP39 or SLIP-39), the path
 * from --path / --index or the sign request. The private key never leaves this process.
 */
import { InputError } from '../../core/errors.js';
import { deriveEthKey, ethPath, normalizePath, type EthKey } from '../../core/eth/key.js';
import type { Context } from '../command.js';
import { readSeed } from '../seed-input.js';
import type { AnySeedInputOptions } from '../options/sets.js';

export interface SignerOptions extends AnySeedInputOptions {
  path?: string;
  index?: string;
}

/** Decide the path: --path or --index, else the request's path, else account 0. Conflicts are errors. */
export function resolvePath(opts: SignerOptions, requestPath?: string): string {
  if (opts.path && opts.index !== undefined) throw new InputError('give --path or --index, not both', '--index');
  let p: string | undefined;
  if (opts.path) p = normalizePath(opts.path);
  else if (opts.index !== undefined) {
    if (!/^\d+$/.test(opts.index.trim())) throw new InputError('must be a whole number', '--index');
    p = ethPath(Number(opts.index));
  }
  if (p && requestPath && normalizePath(requestPath, 'request path') !== p) {
    throw new InputError(`the sign request asks for ${requestPath}, not ${p}; drop the flag to use the request's path`, opts.path ? '--path' : '--index');
  }
  return p ?? (requestPath ? normalizePath(requestPath, 'request path') : ethPath(0));
}

/** Read the seed and derive the key at `path`; the seed is wiped once the key is derived. */
export async function loadSigner(opts: SignerOptions, ctx: Context, path: string): Promise<EthKey> {
  const { seed } = await readSeed(opts, ctx);
  try {
    return deriveEthKey(seed, path);
  } finally {
    seed.fill(0);
  }
}
