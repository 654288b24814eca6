/**
 * Reading a JSON document that people approve by signing its bytes (a policy file): strict UTF-8,
 * JSON.parse for the values, and a scan that refuses an object repeating a key. JSON.parse keeps
 * the last of two equal keys while a person reading the file may stop at the first, so a signed
 * file with a repeated key could say one thing to its approvers and another to the signer.
 */
import { InputError } from '../errors.js';

/** Decode UTF-8 strictly (no BOM, no invalid sequences) and parse; `field` names the file in errors. */
export function parseStrictJson(bytes: Uint8Array, field: string): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new InputError('is not valid UTF-8 text', field);
  }
  if (text.charCodeAt(0) === 0xfeff) throw new InputError('starts with a byte-order mark; save it as UTF-8 without BOM', field);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new InputError(`is not valid JSON (${(e as Error).message.slice(0, 120)})`, field);
  }
  const dup = repeatedKey(text);
  if (dup) throw new InputError(`repeats the key "${dup.key.slice(0, 40)}" in one object (at character ${dup.at}); a reader and the parser could see different values`, field);
  return value;
}

/** The first key repeated within one object of valid JSON text, or undefined. */
export function repeatedKey(text: string): { key: string; at: number } | undefined {
  // A stack of open containers: a Set of keys for an object, null for an array.
  const stack: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (expectKey) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        const keys = stack[stack.length - 1]!;
        if (keys.has(key)) return { key, at: i };
        keys.add(key);
        expectKey = false;
      }
      i = j;
    } else if (c === '{') {
      stack.push(new Set());
      expectKey = true;
    } else if (c === '[') {
      stack.push(null);
    } else if (c === '}' || c === ']') {
      stack.pop();
      expectKey = false;
    } else if (c === ',') {
      expectKey = stack[stack.length - 1] instanceof Set;
    }
  }
  return undefined;
}
