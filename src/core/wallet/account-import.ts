/**
 * Choosing the account to import from another wallet's watch-only export: the descriptor lines
 * of a `crypto-account` / `account-descriptor` (one per script type), a `crypto-output` /
 * `output-descriptor` (one), a bare `[fingerprint/path]xpub` key (`crypto-hdkey`, or a line of a
 * text file), or a descriptor typed by hand. Only single-key accounts coldkit can sign for are
 * accepted (BIP44 pkh, BIP49 sh(wpkh), BIP84 wpkh, BIP86 tr), with a key origin and no steps
 * between the account key and the receive/change branch.
 */
import { InputError } from '../errors.js';
import { parseDescriptor, type Descriptor } from './descriptor.js';
import { template, templateOfPurpose, type ScriptTemplate, type TemplateName } from './template.js';

/** Pick the one account descriptor among `lines` (optionally of script type `script`). */
export function chooseAccountDescriptor(lines: readonly string[], script: TemplateName | undefined, field: string): Descriptor {
  if (lines.length === 0) throw new InputError('no account descriptor or key found', field);
  const problems: string[] = [];
  const found: Descriptor[] = [];
  for (const [i, line] of lines.entries()) {
    try {
      const d = parseDescriptor(isBareKey(line) ? wrapBareKey(line, script, field) : line, field);
      if (template(d.script).keys === 'many') throw new InputError('is a vault (multisig) descriptor, not one account: give it to `wallet create --cosigner` or use it as a vault file', field);
      found.push(d);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      problems.push(`line ${i + 1}: ${e.message}`);
    }
  }
  const matching = script ? found.filter((d) => d.script === script) : found;
  if (matching.length === 0) {
    const have = found.map((d) => d.script).join(', ');
    throw new InputError(
      script && found.length ? `no ${script} account here (this export has: ${have}); pick one with --script` : `no usable account descriptor: ${problems.join('; ')}`,
      field,
    );
  }
  if (matching.length > 1) {
    throw new InputError(`this export holds ${matching.length} accounts (${matching.map((d) => d.script).join(', ')}); choose one with --script`, '--script');
  }
  const d = matching[0]!;
  const k = d.keys[0]!;
  if (!k.fingerprint || !k.originPath) throw new InputError('the account has no key origin [fingerprint/path]; a signer could not find its keys', field);
  if (k.prefix.length) throw new InputError('steps between the account key and the branch are not supported; export the account-level key', field);
  if (!(d.branches.length === 2 ? d.branches[0] === 0 && d.branches[1] === 1 : d.branches[0] === 0)) {
    throw new InputError('expected the account form …/<0;1>/* (or …/0/*), receive branch 0 and change branch 1', field);
  }
  return d;
}

/** A key expression without a script wrapper: `[d34db33f/84h/0h/0h]xpub…` or a bare xpub. */
function isBareKey(line: string): boolean {
  return !line.includes('(');
}

/**
 * Wrap a bare account key in its script: --script when given, else the script its origin's BIP43
 * purpose names (44 → pkh, 49 → sh(wpkh), 84 → wpkh, 86 → tr).
 */
function wrapBareKey(line: string, script: TemplateName | undefined, field: string): string {
  const purpose = /^\[[0-9a-fA-F]{8}\/(\d+)['h]/.exec(line)?.[1];
  const byPurpose = purpose !== undefined && purpose !== '48' ? templateOfPurpose(Number(purpose)) : undefined;
  const chosen: ScriptTemplate | undefined = script ? template(script) : byPurpose;
  if (!chosen) throw new InputError('a bare key does not say its script type; give --script wpkh|sh-wpkh|pkh|tr', '--script');
  const key = /\/(<0;1>|0)\/\*$/.test(line) ? line : `${line}/<0;1>/*`;
  return chosen.functions.reduceRight((acc, fn) => `${fn}(${acc})`, key);
}
