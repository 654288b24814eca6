/**
 * Where the laptop pin lives (pin.ts reads and writes it): a module of its own so that asking
 * whether a pin exists (gate-loader.ts, on every signing) loads none of the pin's parsing code.
 */

/** The default pin file. */
export const DEFAULT_PIN_PATH = '/etc/coldkit/policy-pin.json';

/** The pin file of this run. */
export function pinPath(env: Record<string, string | undefined>): string {
  return env.COLDKIT_POLICY_PIN || DEFAULT_PIN_PATH;
}
