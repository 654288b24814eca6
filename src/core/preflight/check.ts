/**
 * One pre-flight check's result: pass, warn or fail, what was found, and what to do about it.
 * A failed check means the machine is not fit for a ceremony until the action is taken.
 */

/** The verdict of one check. */
export type CheckStatus = 'pass' | 'warn' | 'fail';

/** One check of the ceremony laptop. */
export interface PreflightCheck {
  /** Stable kebab-case id (e.g. `network-interfaces`); never renamed once released. */
  id: string;
  /** The network part is also run by every ceremony command (src/cli/ceremony.ts). */
  area: 'network' | 'radio' | 'memory' | 'host' | 'clock' | 'journal' | 'terminal';
  status: CheckStatus;
  /** What was found, in one line. */
  found: string;
  /** What to do (absent on pass). */
  action?: string;
}

/** Build a check result; the action is kept only when the check did not pass. */
export function result(id: string, area: PreflightCheck['area'], status: CheckStatus, found: string, action?: string): PreflightCheck {
  return { id, area, status, found, ...(status !== 'pass' && action ? { action } : {}) };
}
