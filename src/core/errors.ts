/**
 * Typed errors thrown by the pure core. The CLI maps each kind to one exit code
 * (src/cli/execute.ts `report`, docs/cli.md): a message always names the field and the fix,
 * and never contains a secret.
 */
import type { Finding } from './findings/finding.js';

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, runtime: 1, usage: 2, refused: 3 } as const;

/** Base of every coldkit error: a one-line message plus the exit code it maps to. */
export class ColdkitError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number) {
    super(message);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/** Bad usage or bad input (exit 2): a flag, a file, a word, a PSBT field that is not what it must be. */
export class InputError extends ColdkitError {
  /** The field (flag, file, position) that was wrong, when one can be named. */
  readonly field?: string;
  constructor(message: string, field?: string) {
    super(field ? `${field}: ${message}` : message, 2);
    this.field = field;
  }
}

/**
 * A risky act refused as unsafe (exit 3). `overrides` are the finding codes whose named override
 * would permit it; the CLI names their flags (`--allow-<code>`, src/cli/overrides.ts) after the
 * message, so the operator knows the way out and what it risks. Core never names a flag.
 */
export class RefusedError extends ColdkitError {
  /** Finding codes an override could lift (empty: nothing overrides this refusal). */
  readonly overrides: readonly string[];
  /** The blocking findings, when the refusal came from a decision (src/core/findings/decide.ts). */
  readonly findings: readonly Finding[];
  constructor(message: string, overrides: string | readonly string[] = [], findings: readonly Finding[] = []) {
    super(message, 3);
    this.overrides = typeof overrides === 'string' ? [overrides] : [...overrides];
    this.findings = findings;
  }
}

/** A check that failed: tampered journal, mismatching drill, bad signature (exit 3). */
export class VerificationError extends ColdkitError {
  constructor(message: string) {
    super(message, 3);
  }
}

/** A runtime failure that is not the input's fault (exit 1): RNG self-test, I/O, node unreachable. */
export class RuntimeFailure extends ColdkitError {
  constructor(message: string) {
    super(message, 1);
  }
}

/** Throw an InputError unless `cond` holds. */
export function check(cond: unknown, message: string, field?: string): asserts cond {
  if (!cond) throw new InputError(message, field);
}
