/**
 * UR text as a file holds it: one single-part `ur:TYPE/…` line, or the parts of a multi-part UR
 * one a line (`ur:TYPE/n-m/…`, fountain parts included), as `qr encode` prints them and as
 * wallets save an animated QR. Blank lines and surrounding space are ignored; every line must be
 * a part of the same UR.
 */
import { InputError } from '../../errors.js';
import { UrDecoder } from './multipart.js';
import type { Ur } from './ur.js';

/** True when text (its first non-blank characters) starts like a UR. */
export function looksLikeUrText(text: string): boolean {
  return /^\s*ur:/i.test(text);
}

/** Decode UR text (one UR, single- or multi-part) to its type and CBOR. */
export function decodeUrText(text: string, field = 'file'): Ur {
  const lines = text.split(/\s+/).filter(Boolean);
  if (!lines.length) throw new InputError('holds no UR text', field);
  const d = new UrDecoder();
  for (const [i, line] of lines.entries()) {
    if (!/^ur:/i.test(line)) throw new InputError(`line ${i + 1} is not a UR part (every line must start with "ur:")`, field);
    if (d.receive(line) === 'foreign') throw new InputError(`line ${i + 1} is a part of another UR than the lines before it (ur:${d.urType}); keep one UR a file`, field);
  }
  const ur = d.result;
  if (ur) return ur;
  const p = d.progress();
  const missing = d.missing();
  throw new InputError(`the ${lines.length} UR parts make ${p.have} of the ${p.need} fragments of one ur:${d.urType}; still missing fragment${missing.length === 1 ? '' : 's'} ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''} (save every frame the QR shows, fountain parts too)`, field);
}
