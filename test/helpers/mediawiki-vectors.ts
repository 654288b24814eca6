/**
 * Reads the "Test Vectors" sections of BIP174/370/371, stored verbatim in fixtures/, into
 * cases: the description after "* Case:" and the base64 PSBT from the "Base64 String: <pre>" line.
 * Sections are the spec's own: "The following are invalid PSBTs:", "The following are valid
 * PSBTs:" and (BIP174) "Fails Signer checks".
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface MediawikiCase {
  section: 'invalid' | 'valid' | 'fails-signer-checks' | 'locktime-undeterminable';
  /** BIP370: the nLockTime the case must compute to, when the spec gives one. */
  lockTime?: number;
  name: string;
  base64: string;
  hex: string;
}

/** Path of a fixture relative to the repository root. */
export function fixturePath(rel: string): string {
  return fileURLToPath(new URL(`../../fixtures/${rel}`, import.meta.url));
}

/** Parse the case lists of one stored mediawiki vector section. */
export function mediawikiCases(rel: string): MediawikiCase[] {
  const lines = readFileSync(fixturePath(rel), 'utf8').split('\n');
  const out: MediawikiCase[] = [];
  let section: MediawikiCase['section'] | undefined;
  let name: string | undefined;
  let hexv: string | undefined;
  let lockTime: number | undefined;
  for (const line of lines) {
    if (/^The following are invalid PSBTs/.test(line)) section = 'invalid';
    else if (/^The following are valid PSBTs/.test(line)) section = 'valid';
    else if (/^Fails Signer checks/.test(line)) section = 'fails-signer-checks';
    else if (/^The timelock for the following PSBTs cannot be computed/.test(line)) section = 'locktime-undeterminable';
    const lt = /^The timelock for the following PSBTs should be computed to be (\d+)/.exec(line);
    if (lt) {
      section = 'valid';
      lockTime = Number(lt[1]);
    }
    else if (/^The private keys in the tests below|^==/.test(line) && out.length) section = undefined;
    const c = /^\* Case: (.*)$/.exec(line);
    if (c) {
      name = c[1]!.trim();
      hexv = undefined;
    }
    const h = /Bytes in Hex: <pre>([0-9a-f]+)<\/pre>/.exec(line);
    if (h) hexv = h[1];
    const b = /Base64 String: <pre>([A-Za-z0-9+/=]+)<\/pre>/.exec(line);
    if (b && section && name) {
      out.push({ section, name, base64: b[1]!, hex: hexv ?? '', ...(lockTime !== undefined ? { lockTime } : {}) });
      name = undefined;
    }
  }
  return out;
}
