/**
 * docs/formats/policy.schema.json and the parser (src/core/policy/parse.ts) agree: every example
 * the schema (checked by Ajv, JSON Schema 2020-12) accepts structurally is accepted by the parser,
 * every structurally broken one is refused by both, and the checks only the parser can make
 * (cross-references, amounts in the rule's unit, addresses and keys that must really be ones) are
 * listed here by name: the schema accepts them, the parser refuses them. The policy.md examples
 * and the `policy init` template (filled in) are among the valid ones.
 */
import Ajv2020 from 'ajv/dist/2020.js';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { templateDoc } from '../../../src/cli/actions/policy-init.js';
import { parsePolicy, PolicyInvalid } from '../../../src/core/policy/parse.js';
import { ROOT } from '../../helpers/cli.js';
import { policyBytes, policyDoc, team } from '../../helpers/policy.js';

const t = team();
afterAll(() => fs.rmSync(t.keygen.dir, { recursive: true, force: true }));
const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'docs/formats/policy.schema.json'), 'utf8'));
const validate = new Ajv2020.default({ allErrors: true, strict: false }).compile(schema);
const USDC = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48';

const parserAccepts = (doc: unknown): boolean => {
  try {
    parsePolicy(policyBytes(doc));
    return true;
  } catch (e) {
    if (e instanceof PolicyInvalid) return false;
    throw e;
  }
};
const schemaAccepts = (doc: unknown): boolean => validate(doc) as boolean;
const base = () => policyDoc(t);
const withRule = (rule: Record<string, unknown>) => ({ ...base(), rules: [rule] });

/** Valid policies: both accept. */
const VALID: Record<string, unknown> = {
  'the test team policy': base(),
  'the policy init template with real keys': templateDoc([['alice', t.keys.alice.pub], ['bob', t.keys.bob.pub]]),
  'an ERC-20 rule with calls and wallets': withRule({ id: 'usdc', chain: 'eth', token: { contract: USDC, decimals: 6, symbol: 'USDC' }, calls: [{ to: USDC, method: 'approve(address,uint256)' }], wallets: ['0x9858EfFD232B4033E47d90003D41EC34EcaEda94'], maxPerTx: '100.5' }),
  'a Safe rule': withRule({ id: 'safe', chain: 'safe', chainIds: [1, 100], destinations: ['0x000000000000000000000000000000000000dEaD'], approvals: { quorum: 2, of: ['alice', 'bob'] } }),
  'every optional section': { ...base(), description: 'x', ceremony: { requireOffline: true }, rotation: { reviewBy: '2027-06-30', approvers: { alice: '2027-01-01' } }, requests: { maxLifetime: '72h' }, overrides: ['unproven-amounts'], limits: { maxFeeRate: '12.5', maxFeePercent: 1, maxFeeEth: '0.01' } },
  '$comment everywhere': { ...base(), admins: { $comment: 'x', quorum: 1, of: ['alice'] }, approvers: { $comment: ['a', 'b'], ...base().approvers } },
  'security-key options on a key line': { ...base(), approvers: { ...base().approvers, erin: `no-touch-required,verify-required ${t.keygen.key('erin').pub}` } },
};

/** Structurally broken: both refuse. */
const INVALID: Record<string, unknown> = {
  'an unknown top-level field': { ...base(), colour: 'red' },
  'an unknown rule field': withRule({ id: 'a', chain: 'btc', maxPerTx: '1', colour: 'red' }),
  'version 2': { ...base(), version: 2 },
  'no rules': { ...base(), rules: [] },
  'no admins': (({ admins: _a, ...rest }) => rest)(base()),
  'a rule without a chain': withRule({ id: 'a', maxPerTx: '1' }),
  'chain doge': withRule({ id: 'a', chain: 'doge', maxPerTx: '1' }),
  'a rule id with capitals': withRule({ id: 'Payroll', chain: 'btc', maxPerTx: '1' }),
  'an amount as a number': withRule({ id: 'a', chain: 'btc', maxPerTx: 0.5 }),
  'an amount with an exponent': withRule({ id: 'a', chain: 'btc', maxPerTx: '1e-3' }),
  'nine BTC decimals': withRule({ id: 'a', chain: 'btc', maxPerTx: '0.123456789' }),
  'a window of 2 weeks': withRule({ id: 'a', chain: 'btc', maxPerTx: '1', window: '2w', maxPerWindow: '2' }),
  'a window without maxPerWindow': withRule({ id: 'a', chain: 'btc', maxPerTx: '1', window: '24h' }),
  'a rule that allows anything': withRule({ id: 'a', chain: 'btc' }),
  'chainIds on a btc rule': withRule({ id: 'a', chain: 'btc', maxPerTx: '1', chainIds: [1] }),
  'network on an eth rule': withRule({ id: 'a', chain: 'eth', maxPerTx: '1', network: 'mainnet' }),
  'a method with spaces': withRule({ id: 'a', chain: 'eth', calls: [{ to: USDC, method: 'transfer(address, uint256)' }] }),
  'an eth destination that is no address': withRule({ id: 'a', chain: 'eth', destinations: ['vitalik.eth'] }),
  'quorum 0': { ...base(), admins: { quorum: 0, of: ['alice'] } },
  'a key line of an unsupported type': { ...base(), approvers: { alice: 'ssh-dss AAAAB3NzaC1kc3MAAACBAP alice' } },
  'signerMayApprove as a string': { ...base(), segregation: { signerMayApprove: 'no' } },
  'an overridable policy refusal': { ...base(), overrides: ['policy-no-rule'] },
  'a negative fee rate': { ...base(), limits: { maxFeeRate: -1 } },
};

/** What only the parser can check: the schema accepts these, the parser refuses them. */
const PARSER_ONLY: Record<string, unknown> = {
  'an admin who is no approver': { ...base(), admins: { quorum: 1, of: ['mallory'] } },
  'a quorum larger than its group': { ...base(), admins: { quorum: 3, of: ['alice', 'bob'] } },
  'a duplicate rule id': { ...base(), rules: [{ id: 'a', chain: 'btc', maxPerTx: '1' }, { id: 'a', chain: 'btc', maxPerTx: '2' }] },
  'a mainnet address on a testnet rule': withRule({ id: 'a', chain: 'btc', network: 'testnet', destinations: ['bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'] }),
  'a Bitcoin address with a bad checksum': withRule({ id: 'a', chain: 'btc', destinations: ['bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdx'] }),
  'an Ethereum address with a bad EIP-55 checksum': withRule({ id: 'a', chain: 'eth', destinations: ['0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eb48'] }),
  'token amounts with more decimals than the token': withRule({ id: 'a', chain: 'eth', token: { contract: USDC, decimals: 6 }, maxPerTx: '0.0000001' }),
  'maxPerWindow below maxPerTx': withRule({ id: 'a', chain: 'btc', maxPerTx: '2', window: '24h', maxPerWindow: '1' }),
  'a key line whose base64 is no key': { ...base(), approvers: { alice: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA== alice' } },
  'the same key for two approvers': { ...base(), approvers: { alice: t.keys.alice.pub, bob: t.keys.alice.pub, carol: t.keys.carol.pub, dave: t.keys.dave.pub } },
  'a window over 3660 days': withRule({ id: 'a', chain: 'btc', maxPerTx: '1', window: '3661d', maxPerWindow: '2' }),
  'a date that does not exist': { ...base(), rotation: { reviewBy: '2027-02-30' } },
  'a fee rate with 4 decimals': { ...base(), limits: { maxFeeRate: '1.2345' } },
};

describe('policy.schema.json and the parser', () => {
  for (const [name, doc] of Object.entries(VALID)) it(`both accept: ${name}`, () => expect([schemaAccepts(doc), parserAccepts(doc), validate.errors ?? null]).toEqual([true, true, null]));
  for (const [name, doc] of Object.entries(INVALID)) it(`both refuse: ${name}`, () => expect([schemaAccepts(doc), parserAccepts(doc)]).toEqual([false, false]));
  for (const [name, doc] of Object.entries(PARSER_ONLY)) it(`only the parser refuses: ${name}`, () => expect([schemaAccepts(doc), parserAccepts(doc)]).toEqual([true, false]));
});
