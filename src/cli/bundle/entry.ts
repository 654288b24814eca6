#!/usr/bin/env node
/**
 * The release bundle's entry module (coldkit.mjs): what bin/coldkit is to a checkout. It refuses
 * a Node.js older than the bundle supports, marks the bundle's folder (so the program finds its
 * WebAssembly files and SHA256SUMS there), then starts the CLI.
 */
import { markBundle } from '../installation.js';

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(`coldkit: needs Node.js 20.19 or later; this is ${process.version}\n`);
  process.exit(1);
}
markBundle(new URL('.', import.meta.url));
const { main } = await import('../main.js');
await main(process.argv);
