/** Assertion helper: run `f`, expect it to throw an InputError, return the error for message checks. */
import { expect } from 'vitest';
import { InputError } from '../../src/core/errors.js';

export function inputError(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError, nothing was thrown');
}
