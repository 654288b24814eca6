/**
 * What one `wallet create --cosigner` input (a file, a UR text or a scanned QR) holds: one
 * cosigner, or a whole vault whose cosigners it expands to (so a vault can be re-created and
 * compared from another wallet's export). Accepted:
 * - one cosigner: coldkit cosigner JSON, Coldcard generic JSON, a `[fp/path]xpub` key line, a
 *   BCR-2020-015 BIP48 entry `wsh(cosigner(KEY))` / `sh(wsh(cosigner(KEY)))`, or account text
 *   with several entries (a decoded `crypto-account`), of which the vault's script type is taken;
 * - a vault: coldkit vault.json, a `wsh(sortedmulti(…))` descriptor (a decoded `crypto-output`),
 *   Electrum multisig wallet, Coldcard multisig text, BIP129 BSMS record, Caravan wallet JSON;
 * - a UR string (`ur:crypto-account/…`, `ur:crypto-output/…`, `ur:crypto-hdkey/…`, v2 names too).
 */
import { InputError } from '../errors.js';
import { anchorInJson, type PayloadAnchor } from '../journal/payload-anchor.js';
import { urToPayload } from '../transport/payload-ur.js';
import { parseCosignerLine } from '../transport/ur/account-text.js';
import { decodeUrSingle } from '../transport/ur/ur.js';
import { keyExpression, parseCosigner, type Cosigner } from './cosigner.js';
import { readVaultText, type ForeignVault } from './vault-formats.js';
import type { TemplateName } from './template.js';

/** The cosigners an input holds, and the vault it came from when it was a whole vault. */
export interface CosignerSource {
  cosigners: Cosigner[];
  vault?: Pick<ForeignVault, 'format' | 'name'> & { threshold: number; script: TemplateName };
  /** The exporting laptop's journal head, when the input is coldkit cosigner JSON that carries one (payload-anchor.ts). */
  anchor?: PayloadAnchor;
}

const VAULT_JSON = /"kind"\s*:\s*"coldkit\/vault"|"wallet_type"\s*:\s*"\d+of\d+"|"extendedPublicKeys"/;

/**
 * Read the cosigners of one input. `label` names them (a vault's own labels win when it has
 * them); `want` is the vault's template (picks the entry of a multi-entry account).
 */
export function readCosignerSource(text: string, label: string, want: TemplateName, field: string): CosignerSource {
  const t = text.replace(/^\uFEFF/, '').trim();
  const lines = t.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  if (lines.length === 1 && /^ur:/i.test(lines[0]!)) {
    const p = urToPayload(decodeUrSingle(lines[0]!));
    if (p.kind !== 'account' && p.kind !== 'output') throw new InputError(`holds a UR of kind ${p.kind}, not a cosigner or vault export`, field);
    return readCosignerSource(new TextDecoder().decode(p.bytes), label, want, field);
  }
  const isVault = t.startsWith('{') ? VAULT_JSON.test(t) : t.startsWith('BSMS ') || /^\s*policy\s*:/im.test(t) || (lines.length >= 1 && /^(sh\()?wsh\(sortedmulti\(/.test(lines[0]!));
  if (isVault) return fromVault(readVaultText(t, field), label);
  const entries = lines.map((l) => ({ line: l, entry: parseCosignerLine(l, field) }));
  if (!t.startsWith('{') && entries.some((e) => e.entry)) {
    const pick = entries.filter((e) => e.entry?.script === want);
    if (pick.length !== 1) {
      const have = entries.flatMap((e) => (e.entry ? [e.entry.script] : []));
      throw new InputError(`holds ${pick.length ? 'several' : 'no'} ${want} cosigner entr${pick.length ? 'ies' : 'y'} (it has ${have.join(', ')}); give the export of the vault's script type`, field);
    }
    const c = parseCosigner(pick[0]!.entry!.key, label, want, field);
    return { cosigners: [{ ...c, hint: want }] };
  }
  if (!t.startsWith('{') && lines.length > 1 && lines.some((l) => /^(sh\(wpkh|wpkh|pkh|tr)\(/.test(l))) {
    throw new InputError(`is a single-key account (no ${want === 'wsh-multi' ? 'wsh(cosigner(…))' : 'sh(wsh(cosigner(…)))'} entry); export the cosigner key with \`account export --script ${want}\``, field);
  }
  const cosigner = parseCosigner(t, label, want, field);
  // Only coldkit's own JSON carries the signer's head; foreign formats simply have none.
  const doc = t.startsWith('{') ? (JSON.parse(t) as { kind?: unknown }) : undefined;
  const anchor = doc?.kind === 'coldkit/cosigner' ? anchorInJson(doc, `${field} journalAnchor`) : undefined;
  return { cosigners: [cosigner], ...(anchor ? { anchor } : {}) };
}

function fromVault(v: ForeignVault, label: string): CosignerSource {
  const d = v.descriptor;
  const cosigners = d.keys.map((k, i) => {
    const name = v.labels?.[i] ?? `${label} key ${i + 1}`;
    if (!k.fingerprint || !k.originPath) throw new InputError(`key ${i + 1} has no origin [fingerprint/path]: a signer could not find its key`, label);
    return parseCosigner(keyExpression(k.fingerprint, k.originPath, k.xpub), name, d.script, `${label} key ${i + 1}`);
  });
  return { cosigners, vault: { format: v.format, ...(v.name ? { name: v.name } : {}), threshold: d.threshold, script: d.script } };
}
