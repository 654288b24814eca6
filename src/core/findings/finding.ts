/**
 * The findings model: every check coldkit makes before a risky act (sign a PSBT or an Ethereum
 * payload, accept dice, export an unhardened account) reports what it found as a Finding with a
 * stable code, instead of throwing at the first problem. One decision (decide.ts) then turns all
 * findings into go or refuse, reporting every one of them, the most fundamental first.
 *
 * Core never names a command-line flag: the CLI maps a code to its override flag (`--allow-<code>`)
 * in one table (src/cli/overrides.ts), and a signing policy file can add findings of its own
 * (source `policy:<rule id>`) through the same model.
 */

/** How a finding weighs on the decision: refuse blocks unless lifted, warn and info are shown only. */
export type Severity = 'refuse' | 'warn' | 'info';

/**
 * How fundamental a finding is; the decision lists lower ranks first, so an operator reads "this is
 * another seed" before "the address differs", and "another network" before "the fee is high".
 */
export const RANK = {
  /** Wrong seed, wrong key, payload not for us at all. */
  identity: 0,
  /** Another network or chain than expected. */
  network: 10,
  /** The payload is internally inconsistent or unsignable as given. */
  validity: 20,
  /** What is ours: inputs, change, the wallet the funds stay in. */
  ownership: 30,
  /** Amounts that cannot be proven. */
  amounts: 40,
  /** Fees. */
  fee: 50,
  /** What the payload does: approvals, burns, data, unusual scripts. */
  content: 60,
  /** Rules from an adopted signing policy. */
  policy: 70,
  /** Notes that do not block. */
  note: 90,
} as const;

/** One thing a check found. */
export interface Finding {
  /** Stable kebab-case code (e.g. `unverified-change`); never renamed once released. */
  code: string;
  severity: Severity;
  /** One line naming what was found and where (input 3, output 1, the domain's chainId …); never a secret. */
  message: string;
  /** A refusal that an explicit override may lift; false for acts with no legitimate use. */
  overridable: boolean;
  /** Order of importance (RANK): lower is more fundamental. */
  rank: number;
  /** Who made the finding: `signer` (built-in checks, the default) or `policy:<rule id>`. */
  source?: string;
}

/** A refusal that the named override may lift. */
export function refusal(code: string, rank: number, message: string, source?: string): Finding {
  return { code, severity: 'refuse', message, overridable: true, rank, ...(source ? { source } : {}) };
}

/** A refusal that nothing lifts (no legitimate use: nothing of ours to sign, outputs above inputs). */
export function hardRefusal(code: string, rank: number, message: string, source?: string): Finding {
  return { code, severity: 'refuse', message, overridable: false, rank, ...(source ? { source } : {}) };
}

/** A warning: shown in the review and in `--json`, never blocks. */
export function warning(code: string, rank: number, message: string, source?: string): Finding {
  return { code, severity: 'warn', message, overridable: false, rank, ...(source ? { source } : {}) };
}

/** A note: shown, never blocks. */
export function note(code: string, message: string, source?: string): Finding {
  return { code, severity: 'info', message, overridable: false, rank: RANK.note, ...(source ? { source } : {}) };
}
