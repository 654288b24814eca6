/**
 * Single-key script types and their BIP44-family purposes: pkh (BIP44), sh-wpkh (BIP49),
 * wpkh (BIP84), tr (BIP86 key-path only).
 */
import { InputError } from '../errors.js';

export type ScriptType = 'pkh' | 'sh-wpkh' | 'wpkh' | 'tr';
export const SCRIPT_TYPES: readonly ScriptType[] = ['wpkh', 'sh-wpkh', 'pkh', 'tr'];

/** BIP44/49/84/86 purpose for each script type. */
export const PURPOSE: Record<ScriptType, number> = { pkh: 44, 'sh-wpkh': 49, wpkh: 84, tr: 86 };

/** Descriptor wrapper names (BIP381/382/386): open and close text around the key expression. */
export const DESCRIPTOR_WRAP: Record<ScriptType, [string, string]> = {
  pkh: ['pkh(', ')'],
  'sh-wpkh': ['sh(wpkh(', '))'],
  wpkh: ['wpkh(', ')'],
  tr: ['tr(', ')'],
};

/** Validate a --script value. */
export function scriptType(text: string | undefined, field = '--script'): ScriptType {
  const s = (text ?? 'wpkh') as ScriptType;
  if (!SCRIPT_TYPES.includes(s)) throw new InputError(`"${text}" is not a script type; use one of ${SCRIPT_TYPES.join(', ')}`, field);
  return s;
}
