/**
 * Policy test material: a team of approvers whose keys ssh-keygen made (alice, bob, carol: ed25519;
 * dave: ECDSA P-256), a policy document for them with Bitcoin (testnet, the sample seed's PSBTs
 * from build-psbt.ts) and Ethereum rules, and PSBT payloads as the signer's own pipeline reviews them.
 */
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { prepare } from '../../src/core/btc/signer.js';
import { NETWORKS } from '../../src/core/network.js';
import { btcPayload } from '../../src/core/policy/btc-payload.js';
import type { PolicyPayload } from '../../src/core/policy/payload.js';
import { buildPsbt, seedKeysOf, type BuildOptions } from './build-psbt.js';
import { SshKeygen, type SshTestKey } from './ssh-keygen.js';

/** The stranger's wallet build-psbt pays: "zoo ×11 wrong". */
export const ZOO = 'zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong';

/** The zoo wallet's receive descriptor (tpub form, testnet) and its first receive address. */
export function zooDescriptor(): string {
  const root = HDKey.fromMasterSeed(mnemonicToSeedSync(ZOO), { private: 0x04358394, public: 0x043587cf });
  const acct = root.derive("m/84'/0'/0'");
  const fp = root.fingerprint.toString(16).padStart(8, '0');
  return `wpkh([${fp}/84h/0h/0h]${acct.publicExtendedKey}/0/*)`;
}

/** The address build-psbt's recipient output pays (zoo m/84'/0'/0'/0/0), on testnet. */
export const ZOO_ADDRESS_0 = 'tb1qk0a9hr7wjfxeenz9nwenw9flhq0tmsf6xknqge';

/** A team of approvers with ssh-keygen keys. */
export interface Team {
  keygen: SshKeygen;
  keys: Record<'alice' | 'bob' | 'carol' | 'dave', SshTestKey>;
}

/** Make the team's keys (in a fresh temp folder). */
export function team(keygen = new SshKeygen()): Team {
  return {
    keygen,
    keys: { alice: keygen.key('alice'), bob: keygen.key('bob'), carol: keygen.key('carol'), dave: keygen.key('dave', 'ecdsa-256') },
  };
}

/** A treasury policy for the team (the example, on testnet, plus an Ethereum rule). */
export function policyDoc(t: Team, over: Record<string, unknown> = {}): Record<string, any> {
  return {
    $comment: 'test policy',
    version: 1,
    name: 'treasury',
    approvers: { alice: t.keys.alice.pub, bob: t.keys.bob.pub, carol: t.keys.carol.pub, dave: t.keys.dave.pub },
    admins: { quorum: 2, of: ['alice', 'bob', 'carol'] },
    rules: [
      { id: 'payroll', chain: 'btc', network: 'testnet', destinations: [zooDescriptor()], maxPerTx: '0.002', window: '24h', maxPerWindow: '0.004', approvals: { quorum: 1, of: ['alice', 'bob'] } },
      { id: 'large', chain: 'btc', network: 'testnet', maxPerTx: '20', approvals: { quorum: 2, of: ['alice', 'bob', 'carol'] } },
      { id: 'eth-ops', chain: 'eth', chainIds: [1, 11155111], maxPerTx: '1.5', window: '7d', maxPerWindow: '3', approvals: { quorum: 1, of: ['carol', 'dave'] } },
    ],
    limits: { maxFeeRate: 200, maxFeePercent: 2 },
    segregation: { signerMayApprove: false },
    drills: { every: '365d' },
    ...over,
  };
}

/** The bytes of a policy document as a person would save it (2-space JSON and a final newline). */
export function policyBytes(doc: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(doc, null, 2) + '\n');
}

/** The policy payload of a sample-seed PSBT (testnet), reviewed by the signer's own pipeline with the seed. */
export async function psbtPayload(o: Partial<BuildOptions> = {}): Promise<PolicyPayload> {
  const p = await prepare(buildPsbt({ kind: 'wpkh', inputs: 1, ...o }), { network: NETWORKS.testnet, keys: seedKeysOf() });
  return btcPayload(p.review);
}
