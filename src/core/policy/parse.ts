/**
 * Parse and validate a policy file (docs/formats/policy.md) into the model of policy.ts. Every
 * problem is reported at once with its JSON path (`$.rules[1].maxPerTx: …`): unknown fields,
 * unknown approvers, quorums larger than their group, amounts through the one strict decimal
 * parser (amount.ts) in the rule's unit, windows, destinations of the rule's own network (Bitcoin
 * addresses or descriptors; Ethereum addresses), calls and chain ids. `"$comment"` is allowed in
 * every object and ignored (JSON has no comments).
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { parseDecimal } from '../amount.js';
import { addressScript } from '../btc/recipient.js';
import { InputError } from '../errors.js';
import { parseAddress } from '../eth/account.js';
import { NETWORK_NAMES, NETWORKS, type NetworkName } from '../network.js';
import { parseKeyLine, type SshKey } from '../ssh/public-key.js';
import { checkKeyUsable } from '../ssh/signature-verify.js';
import { sanitize, toHex } from '../text.js';
import { parseDescriptor } from '../wallet/descriptor.js';
import { durationMs } from './duration.js';
import { parseStrictJson } from './json-text.js';
import {
  CHAINS,
  DEFAULT_DESTINATION_SCAN,
  DEFAULT_MAX_REQUEST_LIFETIME_MS,
  MAX_DESTINATION_SCAN,
  type AllowedCall,
  type Approver,
  type Chain,
  type Destination,
  type Group,
  type Policy,
  type Rule,
  type Token,
  type Unit,
} from './policy.js';

/** One problem of a policy file: where (JSON path) and what. */
export interface PolicyProblem {
  path: string;
  message: string;
}

/** A policy file that is not valid: every problem found, in document order. */
export class PolicyInvalid extends InputError {
  readonly problems: readonly PolicyProblem[];
  constructor(problems: PolicyProblem[], field: string) {
    super(`${problems.length} problem${problems.length === 1 ? '' : 's'}: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, field);
    this.problems = problems;
  }
}

/** Smallest RSA approver key accepted (OpenSSH itself takes 1024; a custody policy should not). */
export const MIN_POLICY_RSA_BITS = 2048;

const NAME = /^[A-Za-z][A-Za-z0-9._-]{0,31}$/;
const RULE_ID = /^[a-z0-9][a-z0-9._-]{0,47}$/;
const METHOD = /^[A-Za-z_$][A-Za-z0-9_$]*\(([a-z0-9[\]]+(,[a-z0-9[\]]+)*)?\)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

type Obj = Record<string, unknown>;

/** Collects problems while walking the document. */
class Walker {
  readonly problems: PolicyProblem[] = [];
  add(path: string, message: string): undefined {
    this.problems.push({ path, message });
    return undefined;
  }
  /** An object with only `allowed` keys (plus $comment); undefined (and a problem) otherwise. */
  object(v: unknown, path: string, allowed: readonly string[], required: readonly string[] = []): Obj | undefined {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return this.add(path, 'must be an object');
    const o = v as Obj;
    for (const k of Object.keys(o)) if (k !== '$comment' && !allowed.includes(k)) this.add(`${path}.${k}`, `unknown field (known here: ${allowed.join(', ')})`);
    if ('$comment' in o && typeof o.$comment !== 'string' && !(Array.isArray(o.$comment) && o.$comment.every((x) => typeof x === 'string'))) this.add(`${path}.$comment`, 'must be a string or an array of strings');
    for (const k of required) if (!(k in o)) this.add(`${path}.${k}`, 'is required');
    return o;
  }
  string(v: unknown, path: string, what = 'a string'): string | undefined {
    if (typeof v !== 'string' || v.length === 0) return this.add(path, `must be ${what}`);
    return v;
  }
  integer(v: unknown, path: string, min: number, max: number): number | undefined {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) return this.add(path, `must be a whole number from ${min} to ${max}`);
    return v;
  }
  boolean(v: unknown, path: string): boolean | undefined {
    if (typeof v !== 'boolean') return this.add(path, 'must be true or false');
    return v;
  }
  array(v: unknown, path: string): unknown[] | undefined {
    if (!Array.isArray(v) || v.length === 0) return this.add(path, 'must be a non-empty array');
    return v;
  }
  /** Run `f`, turning an InputError into a problem at `path`. */
  try<T>(path: string, f: () => T): T | undefined {
    try {
      return f();
    } catch (e) {
      if (e instanceof InputError) return this.add(path, e.message.replace(/^[^:]*: /, ''));
      throw e;
    }
  }
  duration(v: unknown, path: string): { text: string; ms: number } | undefined {
    const ms = durationMs(v);
    if (ms === undefined) return this.add(path, 'must be a duration: a whole number and m, h or d (e.g. "24h", "7d", "365d"), at most 3660d');
    return { text: v as string, ms };
  }
  date(v: unknown, path: string): string | undefined {
    if (typeof v !== 'string' || !DATE.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)) || new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v) return this.add(path, 'must be a date YYYY-MM-DD');
    return v;
  }
}

/** The Solidity method signature's 4-byte selector: keccak256("transfer(address,uint256)")[0..4]. */
export function methodSelector(method: string): string {
  return toHex(keccak_256(new TextEncoder().encode(method)).subarray(0, 4));
}

function keyId(k: SshKey): string {
  return toHex(k.blob);
}

function parseGroup(w: Walker, v: unknown, path: string, approvers: Map<string, Approver> | undefined, minQuorum: number): Group | undefined {
  const o = w.object(v, path, ['quorum', 'of'], ['quorum', 'of']);
  if (!o) return undefined;
  const of = w.array(o.of, `${path}.of`);
  const names: string[] = [];
  of?.forEach((n, i) => {
    const p = `${path}.of[${i}]`;
    if (typeof n !== 'string') return w.add(p, 'must be an approver name');
    if (names.includes(n)) return w.add(p, `"${sanitize(n)}" is listed twice`);
    if (approvers && !approvers.has(n)) return w.add(p, `"${sanitize(n).slice(0, 40)}" is not an approver (approvers: ${[...approvers.keys()].join(', ') || 'none'})`);
    names.push(n);
  });
  const quorum = w.integer(o.quorum, `${path}.quorum`, minQuorum, 1000);
  if (quorum !== undefined && of && quorum > of.length) return w.add(`${path}.quorum`, `is ${quorum} but the group has only ${of.length} member${of.length === 1 ? '' : 's'}`);
  return quorum === undefined || !of ? undefined : { quorum, of: names };
}

function unitOf(chain: Chain, token: Token | undefined): Unit {
  if (token) return { asset: `erc20:${token.contract}`, symbol: token.symbol, decimals: token.decimals };
  return chain === 'btc' ? { asset: 'BTC', symbol: 'BTC', decimals: 8 } : { asset: 'ETH', symbol: 'ETH', decimals: 18 };
}

function amount(w: Walker, v: unknown, path: string, unit: Unit): bigint | undefined {
  if (typeof v !== 'string') return w.add(path, `must be a decimal string in ${unit.symbol}, e.g. "0.5" (strings keep every digit exact)`);
  return w.try(path, () => parseDecimal(v, unit.decimals, path));
}

const RULE_FIELDS = ['id', 'description', 'chain', 'network', 'chainIds', 'wallets', 'destinations', 'destinationScan', 'token', 'calls', 'maxPerTx', 'window', 'maxPerWindow', 'approvals'];

function parseRule(w: Walker, v: unknown, path: string, approvers: Map<string, Approver> | undefined): Rule | undefined {
  const o = w.object(v, path, RULE_FIELDS, ['id', 'chain']);
  if (!o) return undefined;
  const before = w.problems.length;
  const id = typeof o.id === 'string' && RULE_ID.test(o.id) ? o.id : w.add(`${path}.id`, 'must be a rule id: lower-case letters, digits, ".", "_" or "-", at most 48');
  const chain = CHAINS.includes(o.chain as Chain) ? (o.chain as Chain) : w.add(`${path}.chain`, `must be one of ${CHAINS.join(', ')}`);
  const description = o.description === undefined ? undefined : w.string(o.description, `${path}.description`);
  const btc = chain === 'btc';
  const evm = chain === 'eth' || chain === 'safe';
  const only = (k: string, ok: boolean, which: string) => {
    if (k in o && chain && !ok) w.add(`${path}.${k}`, `applies to ${which} rules only`);
    return k in o && ok;
  };

  let network: NetworkName | undefined;
  if (only('network', btc, 'btc')) network = NETWORK_NAMES.includes(o.network as NetworkName) ? (o.network as NetworkName) : w.add(`${path}.network`, `must be one of ${NETWORK_NAMES.join(', ')}`);
  else if (btc) network = 'mainnet';

  let chainIds: bigint[] | undefined;
  if (only('chainIds', evm, 'eth and safe')) {
    const ids = w.array(o.chainIds, `${path}.chainIds`);
    chainIds = [];
    ids?.forEach((x, i) => {
      const n = w.integer(x, `${path}.chainIds[${i}]`, 1, Number.MAX_SAFE_INTEGER);
      if (n !== undefined && chainIds!.includes(BigInt(n))) w.add(`${path}.chainIds[${i}]`, `${n} is listed twice`);
      else if (n !== undefined) chainIds!.push(BigInt(n));
    });
  } else if (evm) chainIds = [1n];

  let token: Token | undefined;
  if (only('token', evm, 'eth and safe')) {
    const t = w.object(o.token, `${path}.token`, ['contract', 'decimals', 'symbol'], ['contract', 'decimals']);
    if (t) {
      const contract = typeof t.contract === 'string' ? w.try(`${path}.token.contract`, () => parseAddress(t.contract as string, 'contract')) : w.add(`${path}.token.contract`, 'must be the token contract address');
      const decimals = w.integer(t.decimals, `${path}.token.decimals`, 0, 77);
      const symbol = t.symbol === undefined ? 'tokens' : typeof t.symbol === 'string' && /^[A-Za-z0-9.$_-]{1,11}$/.test(t.symbol) ? t.symbol : w.add(`${path}.token.symbol`, 'must be 1–11 letters, digits or . $ _ -');
      if (contract && decimals !== undefined && symbol) token = { contract, decimals, symbol };
    }
  }
  const unit = chain ? unitOf(chain, token) : undefined;

  let wallets: string[] | undefined;
  if ('wallets' in o) {
    const list = w.array(o.wallets, `${path}.wallets`);
    wallets = [];
    list?.forEach((x, i) => {
      const p = `${path}.wallets[${i}]`;
      if (typeof x !== 'string') return w.add(p, 'must be a string');
      if (btc) return /^[0-9a-fA-F]{8}$/.test(x) ? wallets!.push(x.toLowerCase()) : w.add(p, 'must be a master key fingerprint (8 hex digits) of the signing seed');
      if (evm) {
        const a = w.try(p, () => parseAddress(x, p));
        if (a) wallets!.push(a.toLowerCase());
      }
    });
  }

  let destinations: Destination[] | undefined;
  if ('destinations' in o) {
    const list = w.array(o.destinations, `${path}.destinations`);
    destinations = [];
    list?.forEach((x, i) => {
      const p = `${path}.destinations[${i}]`;
      if (typeof x !== 'string') return w.add(p, 'must be an address or a descriptor string');
      if (btc && network) {
        if (x.includes('(')) {
          const d = w.try(p, () => parseDescriptor(x, p));
          if (d && d.mainnet !== (network === 'mainnet')) return w.add(p, `the descriptor's keys are for ${d.mainnet ? 'mainnet' : 'a test network'} but the rule's network is ${network}`);
          if (d) destinations!.push({ kind: 'descriptor', text: x, descriptor: d });
          return;
        }
        const script = w.try(p, () => addressScript(x, NETWORKS[network!], p));
        if (script) destinations!.push({ kind: 'address', text: x, match: toHex(script) });
      } else if (evm) {
        const a = w.try(p, () => parseAddress(x, p));
        if (a) destinations!.push({ kind: 'address', text: a, match: a.toLowerCase() });
      }
    });
  }
  let destinationScan = DEFAULT_DESTINATION_SCAN;
  if (only('destinationScan', btc, 'btc')) destinationScan = w.integer(o.destinationScan, `${path}.destinationScan`, 1, MAX_DESTINATION_SCAN) ?? DEFAULT_DESTINATION_SCAN;

  let calls: AllowedCall[] | undefined;
  if (only('calls', evm, 'eth and safe')) {
    const list = w.array(o.calls, `${path}.calls`);
    calls = [];
    list?.forEach((x, i) => {
      const p = `${path}.calls[${i}]`;
      const c = w.object(x, p, ['to', 'method'], ['to', 'method']);
      if (!c) return;
      const to = typeof c.to === 'string' ? w.try(`${p}.to`, () => parseAddress(c.to as string, 'to')) : w.add(`${p}.to`, 'must be the contract address');
      const method = typeof c.method === 'string' && METHOD.test(c.method) ? c.method : w.add(`${p}.method`, 'must be a canonical Solidity signature without spaces or names, e.g. "transfer(address,uint256)"');
      if (to && method) calls!.push({ to, method, selector: methodSelector(method) });
    });
  }

  const maxPerTx = 'maxPerTx' in o && unit ? amount(w, o.maxPerTx, `${path}.maxPerTx`, unit) : undefined;
  const window = 'window' in o ? w.duration(o.window, `${path}.window`) : undefined;
  const maxPerWindow = 'maxPerWindow' in o && unit ? amount(w, o.maxPerWindow, `${path}.maxPerWindow`, unit) : undefined;
  if ('window' in o !== 'maxPerWindow' in o) w.add(`${path}.${'window' in o ? 'maxPerWindow' : 'window'}`, 'is required with ' + ('window' in o ? 'window' : 'maxPerWindow') + ' (a velocity limit is an amount per window)');
  if (maxPerTx !== undefined && maxPerWindow !== undefined && maxPerWindow < maxPerTx) w.add(`${path}.maxPerWindow`, 'is below maxPerTx, so maxPerTx could never be reached');
  const approvals = 'approvals' in o ? parseGroup(w, o.approvals, `${path}.approvals`, approvers, 1) : { quorum: 0, of: [] };
  if (!('destinations' in o) && !('maxPerTx' in o) && !('approvals' in o) && !('calls' in o)) {
    w.add(path, 'allows anything: give destinations, maxPerTx, calls or approvals');
  }
  if (w.problems.length > before || !id || !chain || !unit || !approvals) return undefined;
  return {
    id,
    ...(description ? { description } : {}),
    chain,
    ...(network ? { network } : {}),
    ...(chainIds ? { chainIds } : {}),
    ...(wallets ? { wallets } : {}),
    ...(destinations ? { destinations } : {}),
    destinationScan,
    ...(token ? { token } : {}),
    ...(calls ? { calls } : {}),
    ...(maxPerTx !== undefined ? { maxPerTx } : {}),
    ...(window ? { window } : {}),
    ...(maxPerWindow !== undefined ? { maxPerWindow } : {}),
    approvals,
    unit,
  };
}

const TOP_FIELDS = ['$schema', 'version', 'name', 'description', 'approvers', 'admins', 'rules', 'limits', 'segregation', 'drills', 'ceremony', 'rotation', 'requests', 'overrides'];

/** Parse and validate a policy file's bytes; throws PolicyInvalid listing every problem. */
export function parsePolicy(bytes: Uint8Array, field = 'policy'): Policy {
  const doc = parseStrictJson(bytes, field);
  const w = new Walker();
  const o = w.object(doc, '$', TOP_FIELDS, ['version', 'name', 'approvers', 'admins', 'rules']);
  if (!o) throw new PolicyInvalid(w.problems, field);
  if ('version' in o && o.version !== 1) w.add('$.version', 'must be 1 (the only policy version)');
  const name = typeof o.name === 'string' && /^[^\u0000-\u001f\u007f]{1,64}$/.test(o.name) ? o.name : w.add('$.name', 'must be a name of 1–64 printable characters');
  const description = o.description === undefined ? undefined : w.string(o.description, '$.description');

  let approvers: Map<string, Approver> | undefined;
  const ap = 'approvers' in o ? w.object(o.approvers, '$.approvers', Object.keys((o.approvers as Obj) ?? {}).filter((k) => k !== '$comment')) : undefined;
  if (ap) {
    approvers = new Map();
    const seen = new Map<string, string>();
    for (const [n, v] of Object.entries(ap)) {
      if (n === '$comment') continue;
      const p = `$.approvers.${n}`;
      if (!NAME.test(n)) {
        w.add(p, 'an approver name starts with a letter and has at most 32 letters, digits, ".", "_" or "-"');
        continue;
      }
      if (typeof v !== 'string') {
        w.add(p, 'must be an OpenSSH public key line, e.g. "ssh-ed25519 AAAA… alice@ops"');
        continue;
      }
      const key = w.try(p, () => parseKeyLine(v, p));
      if (!key) continue;
      if (!w.try(p, () => (checkKeyUsable(key.key, p), true))) continue;
      if (key.key.type === 'ssh-rsa' && key.key.bits < MIN_POLICY_RSA_BITS) {
        w.add(p, `an RSA key of ${key.key.bits} bits is too small for a policy (at least ${MIN_POLICY_RSA_BITS})`);
        continue;
      }
      const other = seen.get(keyId(key.key));
      if (other) {
        w.add(p, `is the same key as approver "${other}": one key cannot be two approvers`);
        continue;
      }
      seen.set(keyId(key.key), n);
      approvers.set(n, { name: n, key, text: v });
    }
    if (approvers.size === 0 && w.problems.length === 0) w.add('$.approvers', 'must name at least one approver');
  }

  const admins = 'admins' in o ? parseGroup(w, o.admins, '$.admins', approvers, 1) : undefined;
  const rules: Rule[] = [];
  const rl = 'rules' in o ? w.array(o.rules, '$.rules') : undefined;
  const ids = new Set<unknown>();
  rl?.forEach((r, i) => {
    const id = (r as Obj | null)?.id;
    if (typeof id === 'string' && ids.has(id)) w.add(`$.rules[${i}].id`, `"${sanitize(id).slice(0, 48)}" is used by an earlier rule`);
    ids.add(id);
    const rule = parseRule(w, r, `$.rules[${i}]`, approvers);
    if (rule && !rules.some((x) => x.id === rule.id)) rules.push(rule);
  });

  const limits: Policy['limits'] = {};
  const li = 'limits' in o ? w.object(o.limits, '$.limits', ['maxFeeRate', 'maxFeePercent', 'maxFeeEth']) : undefined;
  if (li) {
    const num = (k: string, decimals: number) => {
      const v = li[k];
      if (typeof v !== 'number' && typeof v !== 'string') return w.add(`$.limits.${k}`, 'must be a number');
      const units = w.try(`$.limits.${k}`, () => parseDecimal(String(v), decimals, k));
      if (units === 0n) return w.add(`$.limits.${k}`, 'must be above zero');
      return units;
    };
    if ('maxFeeRate' in li) limits.maxFeeRateMsat = num('maxFeeRate', 3);
    if ('maxFeePercent' in li) limits.maxFeePercentHundredths = num('maxFeePercent', 2);
    if ('maxFeeEth' in li) limits.maxFeeWei = typeof li.maxFeeEth === 'string' ? num('maxFeeEth', 18) : w.add('$.limits.maxFeeEth', 'must be a decimal string in ETH, e.g. "0.05"');
    for (const k of Object.keys(limits) as (keyof typeof limits)[]) if (limits[k] === undefined) delete limits[k];
  }

  let signerMayApprove = false;
  const sg = 'segregation' in o ? w.object(o.segregation, '$.segregation', ['signerMayApprove'], ['signerMayApprove']) : undefined;
  if (sg && 'signerMayApprove' in sg) signerMayApprove = w.boolean(sg.signerMayApprove, '$.segregation.signerMayApprove') ?? false;

  let drills: Policy['drills'];
  const dr = 'drills' in o ? w.object(o.drills, '$.drills', ['every'], ['every']) : undefined;
  if (dr && 'every' in dr) drills = w.duration(dr.every, '$.drills.every');

  let requireOffline = false;
  const ce = 'ceremony' in o ? w.object(o.ceremony, '$.ceremony', ['requireOffline'], ['requireOffline']) : undefined;
  if (ce && 'requireOffline' in ce) requireOffline = w.boolean(ce.requireOffline, '$.ceremony.requireOffline') ?? false;

  const rotation: Policy['rotation'] = { approvers: new Map() };
  const ro = 'rotation' in o ? w.object(o.rotation, '$.rotation', ['reviewBy', 'approvers']) : undefined;
  if (ro) {
    if ('reviewBy' in ro) rotation.reviewBy = w.date(ro.reviewBy, '$.rotation.reviewBy');
    const ra = 'approvers' in ro ? w.object(ro.approvers, '$.rotation.approvers', [...(approvers?.keys() ?? [])]) : undefined;
    for (const [n, d] of Object.entries(ra ?? {})) {
      if (n === '$comment') continue;
      const date = w.date(d, `$.rotation.approvers.${n}`);
      if (date) rotation.approvers.set(n, date);
    }
  }

  let maxLifetimeMs = DEFAULT_MAX_REQUEST_LIFETIME_MS;
  const rq = 'requests' in o ? w.object(o.requests, '$.requests', ['maxLifetime'], ['maxLifetime']) : undefined;
  if (rq && 'maxLifetime' in rq) maxLifetimeMs = w.duration(rq.maxLifetime, '$.requests.maxLifetime')?.ms ?? maxLifetimeMs;

  const overrides: string[] = [];
  const ov = 'overrides' in o ? (Array.isArray(o.overrides) ? o.overrides : w.add('$.overrides', 'must be an array of finding codes')) : undefined;
  ov?.forEach((c, i) => {
    const p = `$.overrides[${i}]`;
    if (typeof c !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(c)) return w.add(p, 'must be a finding code such as "unproven-amounts"');
    if (c.startsWith('policy-') || c.startsWith('approval-')) return w.add(p, `"${c}" is the policy's own refusal: only a new policy changes the rules`);
    if (overrides.includes(c)) return w.add(p, `"${c}" is listed twice`);
    overrides.push(c);
  });

  if (w.problems.length || !name || !approvers || !admins) throw new PolicyInvalid(w.problems.length ? w.problems : [{ path: '$', message: 'is incomplete' }], field);
  return {
    version: 1,
    name,
    ...(description ? { description } : {}),
    approvers,
    admins,
    rules,
    limits,
    segregation: { signerMayApprove },
    ...(drills ? { drills } : {}),
    ceremony: { requireOffline },
    rotation,
    requests: { maxLifetimeMs },
    overrides,
    sha256: toHex(sha256(bytes)),
  };
}
