/**
 * The laptop pin: the policy lives in a journal, so a signing run given another journal would not
 * be under it. A pin (written by `policy adopt --pin-laptop`, kept by the CLI in a root-owned
 * file) names the one journal signing may use on this laptop and the policy adopted when it was
 * pinned. Under a pin every signing run must use that journal, and the policy in force there must
 * descend from the pinned one through verified adoptions — so deleting the journal, or replacing
 * it with one where someone adopted a policy of their own, does not lift the rules either.
 */
import { InputError } from '../errors.js';
import { hardRefusal, RANK, type Finding } from '../findings/finding.js';

/** A laptop pin (the file's JSON). */
export interface LaptopPin {
  version: 1;
  /** Absolute path of the journal signing must use. */
  journal: string;
  /** The policy adopted when the laptop was pinned. */
  root: { name: string; sha256: string };
  /** ISO time of pinning. */
  pinnedAt: string;
}

/** Read a pin file's bytes; every problem names the field. */
export function parsePin(bytes: Uint8Array, field = 'policy pin'): LaptopPin {
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new InputError('is not valid JSON', field);
  }
  const o = (typeof doc === 'object' && doc !== null ? doc : {}) as Record<string, unknown>;
  const root = (typeof o.root === 'object' && o.root !== null ? o.root : {}) as Record<string, unknown>;
  if (o.version !== 1) throw new InputError('version must be 1', field);
  if (typeof o.journal !== 'string' || !o.journal.startsWith('/')) throw new InputError('journal must be an absolute path', field);
  if (typeof root.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(root.sha256)) throw new InputError('root.sha256 must be 64 lower-case hex digits', field);
  if (typeof root.name !== 'string') throw new InputError('root.name must be a string', field);
  if (typeof o.pinnedAt !== 'string') throw new InputError('pinnedAt must be a time', field);
  return { version: 1, journal: o.journal, root: { name: root.name, sha256: root.sha256 }, pinnedAt: o.pinnedAt };
}

/**
 * What the pin says of a signing run using `journal` (absolute), whose verified adoption chain is
 * `chain` (undefined: no policy adopted there). Empty when the run may go on to the policy.
 */
export function pinFindings(pin: LaptopPin, o: { journal: string; chain: readonly string[] | undefined }): Finding[] {
  const what = `this laptop is pinned to journal ${pin.journal} under policy "${pin.root.name}" (sha256:${pin.root.sha256.slice(0, 16)}…, pinned ${pin.pinnedAt})`;
  if (o.journal !== pin.journal) return [hardRefusal('policy-pin-journal', RANK.policy, `${what}; this run uses journal ${o.journal}: sign with --journal ${pin.journal}`, 'policy:pin')];
  if (!o.chain) return [hardRefusal('policy-pin-missing', RANK.policy, `${what}, but that journal holds no adopted policy (deleted or replaced?); restore it from its backup and verify it against the paper anchor`, 'policy:pin')];
  if (!o.chain.includes(pin.root.sha256)) {
    return [hardRefusal('policy-pin-chain', RANK.policy, `${what}, but the policy in force there does not descend from it (adopted: ${o.chain.map((h) => h.slice(0, 16) + '…').join(' → ')}); the journal was replaced`, 'policy:pin')];
  }
  return [];
}
