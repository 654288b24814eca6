/**
 * Bytewords (BCR-2020-012): each byte is one of 256 four-letter words. The minimal style keeps
 * the first and last letter (2 characters a byte) and is what UR bodies use. Every encoding
 * ends with the 4-byte big-endian CRC-32 of the body ("four-word ... checksum in network order").
 */
import { InputError } from '../errors.js';
import { crc32, crc32Bytes } from './crc32.js';

const ALL =
  'ableacidalsoapexaquaarchatomauntawayaxisbackbaldbarnbeltbetabiasbluebodybragbrewbulbbuzzcalmcashcatschefcityclawcodecolacookcostcruxcurlcuspcyandarkdatadaysdelidicedietdoordowndrawdropdrumdulldutyeacheasyechoedgeepicevenexamexiteyesfactfairfernfigsfilmfishfizzflapflewfluxfoxyfreefrogfuelfundgalagamegeargemsgiftgirlglowgoodgraygrimgurugushgyrohalfhanghardhawkheathelphighhillholyhopehornhutsicedideaidleinchinkyintoirisironitemjadejazzjoinjoltjowljudojugsjumpjunkjurykeepkenokeptkeyskickkilnkingkitekiwiknoblamblavalazyleaflegsliarlimplionlistlogoloudloveluaulucklungmainmanymathmazememomenumeowmildmintmissmonknailnavyneednewsnextnoonnotenumbobeyoboeomitonyxopenovalowlspaidpartpeckplaypluspoempoolposepuffpumapurrquadquizraceramprealredorichroadrockroofrubyruinrunsrustsafesagascarsetssilkskewslotsoapsolosongstubsurfswantacotasktaxitenttiedtimetinytoiltombtoystriptunatwinuglyundouniturgeuservastveryvetovialvibeviewvisavoidvowswallwandwarmwaspwavewaxywebswhatwhenwhizwolfworkyankyawnyellyogayurtzapszerozestzinczonezoom';

/** The 256 bytewords in byte order. */
export const BYTEWORDS: readonly string[] = Array.from({ length: 256 }, (_, i) => ALL.slice(4 * i, 4 * i + 4));

/** Lookup tables: 4-letter word → byte and minimal 2-letter form → byte (a 26×26 grid). */
const WORD_INDEX = new Map(BYTEWORDS.map((w, i) => [w, i]));
const MINIMAL_INDEX = new Int16Array(26 * 26).fill(-1);
BYTEWORDS.forEach((w, i) => {
  MINIMAL_INDEX[(w.charCodeAt(0) - 97) * 26 + (w.charCodeAt(3) - 97)] = i;
});

export type BytewordsStyle = 'standard' | 'uri' | 'minimal';

/** Encode bytes (plus their CRC-32) as bytewords in the given style (lower case). */
export function encodeBytewords(data: Uint8Array, style: BytewordsStyle = 'minimal'): string {
  const all = new Uint8Array(data.length + 4);
  all.set(data);
  all.set(crc32Bytes(data), data.length);
  const words = Array.from(all, (b) => BYTEWORDS[b]!);
  if (style === 'minimal') return words.map((w) => w[0]! + w[3]!).join('');
  return words.join(style === 'uri' ? '-' : ' ');
}

/**
 * Decode bytewords (case-insensitive) in the given style and verify the trailing CRC-32.
 * Throws InputError naming `field` on a bad word or a checksum mismatch.
 */
export function decodeBytewords(text: string, style: BytewordsStyle = 'minimal', field = 'bytewords'): Uint8Array {
  const s = text.toLowerCase();
  let bytes: number[];
  if (style === 'minimal') {
    if (s.length % 2 !== 0) throw new InputError('odd number of letters in minimal bytewords', field);
    bytes = [];
    for (let i = 0; i < s.length; i += 2) {
      const a = s.charCodeAt(i) - 97;
      const b = s.charCodeAt(i + 1) - 97;
      const v = a >= 0 && a < 26 && b >= 0 && b < 26 ? MINIMAL_INDEX[a * 26 + b]! : -1;
      // The letters are not echoed: the body may be a secret (ur:sskr).
      if (v < 0) throw new InputError(`the letters at position ${i} are not a minimal byteword`, field);
      bytes.push(v);
    }
  } else {
    const words = s.split(style === 'uri' ? '-' : ' ');
    bytes = words.map((w, i) => {
      const v = WORD_INDEX.get(w);
      if (v === undefined) throw new InputError(`word ${i + 1} is not a byteword`, field);
      return v;
    });
  }
  if (bytes.length < 4) throw new InputError('too short to hold its 4-byte checksum', field);
  const all = Uint8Array.from(bytes);
  const body = all.subarray(0, all.length - 4);
  const want = crc32(body);
  const got = ((all[all.length - 4]! << 24) | (all[all.length - 3]! << 16) | (all[all.length - 2]! << 8) | all[all.length - 1]!) >>> 0;
  if (want !== got) throw new InputError('checksum mismatch (the QR text is damaged or incomplete)', field);
  return body.slice();
}
