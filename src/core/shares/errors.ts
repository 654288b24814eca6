/**
 * Share errors: each failure mode of reading or combining shares has its own code, so the CLI,
 * the tests and the frozen vectors can tell them apart. Messages name the input (file, line or
 * "share 2") and the fix; they never contain a share word beyond the public set words (which
 * carry only version, set id, t and n), nor any secret byte.
 */
import { InputError, VerificationError } from '../errors.js';

/** Every distinct way a share or a set of shares can be refused. */
export type ShareErrorCode =
  | 'empty'
  | 'unknown-word'
  | 'wrong-length'
  | 'checksum'
  | 'version'
  | 'reserved'
  | 'padding'
  | 'bad-x'
  | 'bad-params'
  | 'other-set'
  | 'duplicate'
  | 'conflict'
  | 'too-few'
  | 'tag'
  | 'sskr-format'
  | 'sskr-digest'
  | 'too-many'
  | 'digest'
  | 'wrong-scheme';

/** A share that cannot be read, or a set that cannot be combined as given (exit 2). */
export class ShareInputError extends InputError {
  readonly code: ShareErrorCode;
  /** 1-based word position the problem is at, when known. */
  readonly position?: number;
  /**
   * The closest word-list word for an unknown word. Kept out of the message (a share word is
   * secret); the interactive prompt or `--reveal` may show it to the person typing.
   */
  readonly suggestion?: string;
  constructor(code: ShareErrorCode, message: string, field?: string, extra: { position?: number; suggestion?: string } = {}) {
    super(message, field);
    this.code = code;
    this.position = extra.position;
    this.suggestion = extra.suggestion;
  }
}

/** Shares that read fine but do not rebuild a verified secret: integrity tag or digest failure (exit 3). */
export class ShareVerificationError extends VerificationError {
  readonly code: ShareErrorCode;
  /** Labels of the inputs found inconsistent with the rest, when they can be named. */
  readonly culprits: string[];
  constructor(code: ShareErrorCode, message: string, culprits: string[] = []) {
    super(message);
    this.code = code;
    this.culprits = culprits;
  }
}

/** The error code of a share error, or undefined for any other error. */
export function shareErrorCode(e: unknown): ShareErrorCode | undefined {
  return e instanceof ShareInputError || e instanceof ShareVerificationError ? e.code : undefined;
}
