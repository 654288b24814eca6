/**
 * When the faster public-key curve build is worth loading. @bitauth/libauth's libsecp256k1
 * (core/libauth-curve.ts) does CKDpub's I_L·G in ≈ 55 µs instead of ≈ 130, verifies in ≈ 165
 * instead of ≈ 280 and checks a compressed point in ≈ 5 instead of ≈ 33, but costs ≈ 40 ms to
 * load; a job of at least FAST_CURVE_MIN_OPS such operations repays it (docs/performance.md). It
 * is installed through core/public-curve.ts, which first checks it against tiny-secp256k1 on known
 * answers; a disagreement is exit 3. Loaded once per process.
 */
import type { PsbtLayout } from '../core/btc/psbt-wire.js';

/** Public-key curve operations from which the faster build is loaded (≈ 0.1 ms saved each, ≈ 40 ms to load). */
export const FAST_CURVE_MIN_OPS = 400;

let loading: Promise<void> | undefined;

/** Install the faster build when a job needs at least FAST_CURVE_MIN_OPS public-key curve operations. */
export function useFastCurve(ops: number): Promise<void> {
  if (ops < FAST_CURVE_MIN_OPS) return Promise.resolve();
  loading ??= (async () => {
    const [{ libauthCurve }, { installPublicCurve }, { nativeHmacSha512 }] = await Promise.all([import('../core/libauth-curve.js'), import('../core/public-curve.js'), import('./psbt/seed.js')]);
    installPublicCurve({ ...(await libauthCurve()), hmacSha512: nativeHmacSha512 });
  })();
  return loading;
}

/** BIP174 key types that carry a public key: PSBT_GLOBAL_XPUB, PSBT_IN_BIP32_DERIVATION, PSBT_OUT_BIP32_DERIVATION. */
const KEYED = { global: 0x01, input: 0x06, output: 0x02 } as const;

/**
 * The public-key curve operations reading and signing a PSBT takes, from its framing: each key of
 * a BIP32 derivation or global xpub is checked as a point (and, in a vault, rebuilt by CKDpub),
 * and each input's signature is verified.
 */
export function psbtCurveOps(layout: PsbtLayout): number {
  let ops = layout.inputs;
  for (const m of layout.maps) {
    const keyed = KEYED[m.section];
    for (const t of m.types) if (t === keyed) ops++;
  }
  return ops;
}

/** readPsbt's `sized` hook: load the faster build for a large PSBT before its maps are decoded. */
export function fastCurveForPsbt(layout: PsbtLayout): Promise<void> {
  return useFastCurve(psbtCurveOps(layout));
}
