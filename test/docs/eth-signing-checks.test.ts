/**
 * docs/ceremonies/eth-signing.md lists every check the Ethereum signers make: every finding code of
 * the Ethereum signer (src/core/eth/findings.ts CODE), of the Safe module (SAFE_CODES and the
 * warnings it raises) and `retired-key` appears in its tables, with the override the CLI offers
 * (`--allow-<code>`) when the CLI offers one.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODE } from '../../src/core/eth/findings.js';
import { SAFE_CODES } from '../../src/core/eth/safe/findings.js';
import { OVERRIDES } from '../../src/cli/overrides.js';

const root = path.resolve(__dirname, '../..');
const doc = fs.readFileSync(path.join(root, 'docs/ceremonies/eth-signing.md'), 'utf8');
const safeSrc = fs.readFileSync(path.join(root, 'src/core/eth/safe/findings.ts'), 'utf8');
const safeWarnings = [...safeSrc.matchAll(/(?:warning|refusal|hardRefusal|note)\('(safe-[a-z-]+)'/g)].map((m) => m[1]!);
const codes = [...new Set([...Object.values(CODE), ...Object.values(SAFE_CODES), ...safeWarnings, 'retired-key'])];

describe('eth-signing.md lists every Ethereum check', () => {
  it.each(codes)('%s has a row, with its override when it has one', (code) => {
    const row = doc.split('\n').find((l) => l.startsWith(`| \`${code}\` |`));
    expect(row, `no row for ${code}`).toBeDefined();
    if (code in OVERRIDES) expect(row).toContain(`--allow-${code}`);
  });
});
