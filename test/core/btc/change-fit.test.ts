/**
 * Change is change only inside the wallet (src/core/btc/change-fit.ts, finding
 * `change-outside-wallet`): an output paying our own key — proven by re-deriving it — is refused
 * when its script type, account, purpose, chain, tail or index is not the wallet's `<1>/i`, in
 * PSBTv0 and v2, through the real signer pipeline; honest change and the receive chain still sign.
 */
import { describe, expect, it } from 'vitest';
import { signPsbt } from '../../../src/core/btc/signer.js';
import { RefusedError } from '../../../src/core/errors.js';
import { NETWORKS } from '../../../src/core/network.js';
import { DEFAULT_FEE_LIMITS } from '../../../src/core/btc/sign-limits.js';
import { buildPsbt, seedKeysOf, type Kind } from '../../helpers/build-psbt.js';
import { changeAt, H } from '../../helpers/hostile-psbt.js';

const run = (raw: Uint8Array, allow: string[] = [], maxChangeIndex?: number) =>
  signPsbt(raw, { network: NETWORKS.testnet, keys: seedKeysOf(), allow: new Set(allow), ...(maxChangeIndex !== undefined ? { limits: { ...DEFAULT_FEE_LIMITS, maxChangeIndex } } : {}) });

async function refusal(raw: Uint8Array): Promise<RefusedError> {
  const e = await run(raw).then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(RefusedError);
  return e as RefusedError;
}

const ACCOUNT = [84 + H, 1 + H, H];
const cases: [string, Kind, number[], RegExp][] = [
  ['P2PKH of the BIP84 key', 'pkh', [...ACCOUNT, 1, 3], /its script is pkh but the wallet is wpkh/],
  ['P2SH-P2WPKH of the BIP84 key', 'sh-wpkh', [...ACCOUNT, 1, 3], /its script is sh-wpkh but the wallet is wpkh/],
  ['P2TR of the BIP84 key', 'tr', [...ACCOUNT, 1, 3], /its script is tr but the wallet is wpkh/],
  ['another purpose', 'wpkh', [44 + H, 1 + H, H, 1, 3], /outside the wallet \(wpkh at m\/84h\/1h\/0h\/<0;1>\/\*\)/],
  ['another account', 'wpkh', [84 + H, 1 + H, 7 + H, 1, 3], /path m\/84h\/1h\/7h\/1\/3 is outside the wallet/],
  ['a chain other than 0/1', 'wpkh', [...ACCOUNT, 2, 3], /chain 2 is neither 0 \(receive\) nor 1 \(change\)/],
  ['a hardened tail', 'wpkh', [...ACCOUNT, 1, 3 + H], /index 3h is hardened/],
  ['a deeper tail', 'wpkh', [...ACCOUNT, 1, 3, 0], /is deeper than the wallet's <0;1>\/\*/],
  ['the master key', 'wpkh', [], /it is the master key itself/],
  ['an index far past any gap limit', 'wpkh', [...ACCOUNT, 1, 2_000_000_000], /index 2000000000 is beyond 100000/],
];

describe('an output paying our key outside the wallet: change-outside-wallet', () => {
  it.each(cases)('%s (PSBTv0)', async (_name, kind, path, reason) => {
    const raw = changeAt(kind, path);
    const e = await refusal(raw);
    expect(e.overrides).toEqual(['change-outside-wallet']);
    expect(e.findings.map((f) => f.code)).toContain('change-outside-wallet');
    expect(e.message).toMatch(/^output 1 pays our key at .* but is not the wallet's change: /);
    expect(e.message).toMatch(reason);
    // Overridden, it signs and the output counts as money leaving the wallet.
    const ok = await run(raw, ['change-outside-wallet']);
    expect(ok.decision.overrides).toEqual(['change-outside-wallet']);
    expect(ok.prepared.review.outputs[1]!.role).toBe('stray-change');
    expect(ok.prepared.review.changeTotal).toBe(0n);
  });

  it.each(cases)('%s (PSBTv2)', async (_name, kind, path, reason) => {
    const e = await refusal(changeAt(kind, path, { version: 2 }));
    expect(e.overrides).toEqual(['change-outside-wallet']);
    expect(e.message).toMatch(reason);
  });

  it('the index limit is configurable: 100,000 passes by default, 100,001 does not, a lower limit refuses 50', async () => {
    expect((await run(changeAt('wpkh', [...ACCOUNT, 1, 100_000]))).prepared.review.outputs[1]!.role).toBe('change');
    expect((await refusal(changeAt('wpkh', [...ACCOUNT, 1, 100_001]))).message).toMatch(/index 100001 is beyond 100000/);
    expect((await run(changeAt('wpkh', [...ACCOUNT, 1, 50]), ['change-outside-wallet'], 20)).decision.overrides).toEqual(['change-outside-wallet']);
  });
});

describe('honest change keeps signing', () => {
  it.each<Kind>(['wpkh', 'sh-wpkh', 'pkh', 'tr'])('%s change at the account <1>/3', async (kind) => {
    const ok = await run(buildPsbt({ kind, inputs: 2 }));
    expect(ok.decision.overrides).toEqual([]);
    expect(ok.prepared.review.outputs[1]!.role).toBe('change');
  });

  it('the receive chain is the wallet too: signed, with the receive-chain warning', async () => {
    const ok = await run(changeAt('wpkh', [...ACCOUNT, 0, 9]));
    expect(ok.prepared.review.outputs[1]!.role).toBe('change');
    expect(ok.prepared.findings.map((f) => f.code)).toContain('receive-chain-change');
  });
});
