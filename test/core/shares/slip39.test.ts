/**
 * SLIP-0039 against all 45 official vectors (fixtures/slip39/vectors.json, verbatim from
 * trezor/python-shamir-mnemonic), one test per vector: a valid set rebuilds the master secret and
 * its BIP32 xprv with the passphrase "TREZOR"; an invalid one is refused with the error for its
 * fault, naming the share and never a share word. Then split → combine over every qualifying
 * subset of small configurations, mutations, and Electrum's own SLIP-39 decoder as an oracle.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HDKey } from '@scure/bip32';
import { hex } from '@scure/base';
import { InputError } from '../../../src/core/errors.js';
import { shareErrorCode } from '../../../src/core/shares/errors.js';
import { type LabelledSlip39, readSlip39Shares, slip39Combine } from '../../../src/core/shares/slip39.js';
import { decodeSlip39Share, encodeSlip39Share, slip39Customisation, slip39ShareText } from '../../../src/core/shares/slip39-share.js';
import { proveSlip39Split, slip39Split } from '../../../src/core/shares/slip39-split.js';
import { rs1024Create } from '../../../src/core/shares/rs1024.js';
import { SLIP39_WORDS } from '../../../src/core/shares/slip39-wordlist.js';
import { subsets } from '../../../src/core/shares/subsets.js';
import { encodeShare } from '../../../src/core/shares/v1.js';
import { splitEntropy } from '../../../src/core/shares/split.js';
import { electrumPython } from '../../helpers/electrum.js';
import { fixtureJson } from '../../helpers/fixtures.js';
import { seededRandom as seeded } from '../../helpers/seeded-bytes.js';

type Vector = [string, string[], string, string];
const VECTORS = fixtureJson<Vector[]>('slip39/vectors.json');

/** The error each invalid vector must give, by its description. */
function expectedCode(description: string): string[] {
  const rules: [RegExp, string[]][] = [
    [/invalid checksum/, ['checksum']],
    [/invalid padding/, ['padding']],
    [/different identifiers|different iteration exponents|mismatching group thresholds|mismatching group counts|mismatching member thresholds/, ['other-set']],
    [/greater group threshold than group counts/, ['bad-params']],
    [/duplicate member indices/, ['duplicate', 'conflict']],
    [/invalid digest/, ['digest']],
    [/Insufficient number of groups|insufficient number of members|Basic sharing 2-of-3/, ['too-few']],
    [/insufficient length|invalid master secret length/, ['wrong-length']],
  ];
  const hit = rules.find(([re]) => re.test(description));
  if (!hit) throw new Error(`no expected error for "${description}"`);
  return hit[1];
}

/** Words of the messages coldkit's SLIP-39 code can write: any other word in a message came from input. */
const VOCABULARY = new Set(
  ['slip39.ts', 'slip39-share.ts', 'slip39-cipher.ts', 'slip39-split.ts', 'words.ts', 'errors.ts']
    .map((f) => fs.readFileSync(new URL(`../../../src/core/shares/${f}`, import.meta.url), 'utf8'))
    .join(' ')
    .toLowerCase()
    .match(/[a-z]+/g),
);

const labelled = (mnemonics: string[]) => mnemonics.map((text, i) => ({ label: `share ${i + 1}`, text }));

describe('SLIP-39 official vectors', () => {
  it('holds 45 vectors, 15 valid and 30 invalid', () => {
    expect(VECTORS).toHaveLength(45);
    expect(VECTORS.filter((v) => v[2] !== '')).toHaveLength(15);
  });

  it.each(VECTORS.map((v) => [v[0], v] as const))('%s', async (description, [, mnemonics, secret, xprv]) => {
    const attempt = async () => slip39Combine(readSlip39Shares(labelled(mnemonics)), 'TREZOR');
    if (secret) {
      const { masterSecret, info } = await attempt();
      expect(hex.encode(masterSecret)).toBe(secret);
      expect(HDKey.fromMasterSeed(masterSecret).privateExtendedKey).toBe(xprv);
      expect(info.setWords).toBe(mnemonics[0]!.split(' ').slice(0, 2).join(' '));
      return;
    }
    let error: unknown;
    try {
      await attempt();
    } catch (e) {
      error = e;
    }
    expect(error, 'must be refused').toBeDefined();
    expect(expectedCode(description)).toContain(shareErrorCode(error));
    const message = (error as Error).message;
    expect(message).toMatch(/\bshares?\b/); // names the share(s) at fault
    const foreign = (message.toLowerCase().match(/[a-z]+/g) ?? []).filter((w) => !VOCABULARY.has(w));
    expect(foreign, `words in "${message}" that coldkit did not write`).toEqual([]);
  });
});

const MS16 = hex.decode('bb54aac4b89dc868ba37d9cc21b2cece');
const MS32 = hex.decode('989baf9dcaad5b10ca33dfd8cc75e42477025dce88ae83e75a230086a0e00e92');

/** Every qualifying choice of shares: GT groups, and T_i members of each chosen group. */
function qualifyingSets(split: Awaited<ReturnType<typeof slip39Split>>): string[][] {
  const out: string[][] = [];
  for (const gs of subsets(split.groups.length, split.groupThreshold)) {
    let partial: string[][] = [[]];
    for (const g of gs) {
      const grp = split.groups[g]!;
      const choices = [...subsets(grp.shares.length, grp.threshold)].map((ms) => ms.map((m) => grp.shares[m]!));
      partial = partial.flatMap((p) => choices.map((c) => [...p, ...c]));
    }
    out.push(...partial);
  }
  return out;
}

describe('split → combine round trips over every qualifying subset', () => {
  const CONFIGS: [string, Uint8Array, number, { threshold: number; count: number }[], boolean, string][] = [
    ['one group, 2 of 3, 128 bits, extendable', MS16, 1, [{ threshold: 2, count: 3 }], true, ''],
    ['one group, 3 of 5, 256 bits, ext = 0, passphrase', MS32, 1, [{ threshold: 3, count: 5 }], false, 'TREZOR'],
    ['2 of 3 groups (1-of-1, 2-of-3, 3-of-4), 128 bits', MS16, 2, [{ threshold: 1, count: 1 }, { threshold: 2, count: 3 }, { threshold: 3, count: 4 }], true, 'correct horse'],
    ['1 of 1 (no sharing)', MS32, 1, [{ threshold: 1, count: 1 }], true, ''],
  ];
  it.each(CONFIGS)('%s', async (_, ms, groupThreshold, groups, extendable, passphrase) => {
    const split = await slip39Split({ masterSecret: ms, passphrase, groupThreshold, groups, extendable, iterationExponent: 0, random: seeded(_) });
    expect(split.groups.map((g) => g.shares.length)).toEqual(groups.map((g) => g.count));
    for (const g of split.groups) for (const s of g.shares) expect(s.split(' ')).toHaveLength(ms.length === 16 ? 20 : 33);
    const sets = qualifyingSets(split);
    for (const set of sets) {
      const { masterSecret, info } = await slip39Combine(readSlip39Shares(labelled(set)), passphrase);
      expect(hex.encode(masterSecret)).toBe(hex.encode(ms));
      expect(info.extendable).toBe(extendable);
    }
    // A wrong passphrase gives another secret (no passphrase check, by design), never an error.
    const other = await slip39Combine(readSlip39Shares(labelled(sets[0]!)), passphrase + 'x');
    expect(hex.encode(other.masterSecret)).not.toBe(hex.encode(ms));
    expect(await proveSlip39Split(split, ms, passphrase)).toBeGreaterThan(0);
  });

  it('too few or too many shares are refused by count, before any secret is rebuilt', async () => {
    const split = await slip39Split({ masterSecret: MS16, groupThreshold: 2, groups: [{ threshold: 2, count: 3 }, { threshold: 2, count: 2 }, { threshold: 1, count: 1 }], iterationExponent: 0, random: seeded('counts') });
    const [a, b, c] = split.groups;
    const code = async (set: string[]) => {
      try {
        await slip39Combine(readSlip39Shares(labelled(set)));
      } catch (e) {
        return shareErrorCode(e);
      }
      return 'ok';
    };
    expect(await code([a!.shares[0]!, b!.shares[0]!, b!.shares[1]!])).toBe('too-few');
    expect(await code([...a!.shares, ...b!.shares])).toBe('too-many');
    expect(await code([a!.shares[0]!, a!.shares[1]!, ...b!.shares, c!.shares[0]!])).toBe('too-many');
    expect(await code([c!.shares[0]!])).toBe('too-few');
    expect(await code([a!.shares[0]!, a!.shares[0]!, c!.shares[0]!])).toBe('duplicate');
    expect(await code([a!.shares[0]!, a!.shares[2]!, c!.shares[0]!])).toBe('ok');
  });

  it('is deterministic in the random bytes given, and refuses what SLIP-39 forbids', async () => {
    const opts = { masterSecret: MS16, groupThreshold: 1, groups: [{ threshold: 2, count: 3 }], iterationExponent: 0 };
    const a = await slip39Split({ ...opts, random: seeded('same') });
    const b = await slip39Split({ ...opts, random: seeded('same') });
    const c = await slip39Split({ ...opts, random: seeded('other') });
    expect(a).toEqual(b);
    expect(a.groups[0]!.shares).not.toEqual(c.groups[0]!.shares);
    const bad = (o: Partial<Parameters<typeof slip39Split>[0]>) => slip39Split({ ...opts, random: seeded('x'), ...o });
    await expect(bad({ groups: [{ threshold: 1, count: 3 }] })).rejects.toThrow(/1-of-3/);
    await expect(bad({ groupThreshold: 2 })).rejects.toThrow(InputError);
    await expect(bad({ masterSecret: MS16.slice(0, 15) })).rejects.toThrow(/128 bits/);
    await expect(bad({ groups: [{ threshold: 2, count: 17 }] })).rejects.toThrow(InputError);
    await expect(bad({ passphrase: 'pässword' })).rejects.toThrow(/character 2 is not printable ASCII/);
    await expect(bad({ iterationExponent: 16 })).rejects.toThrow(InputError);
  });

  it('the self-check catches a set that does not rebuild the secret', async () => {
    const split = await slip39Split({ masterSecret: MS16, groupThreshold: 1, groups: [{ threshold: 2, count: 3 }], iterationExponent: 0, random: seeded('prove') });
    const other = await slip39Split({ masterSecret: MS32.slice(0, 16), groupThreshold: 1, groups: [{ threshold: 2, count: 3 }], iterationExponent: 0, random: seeded('prove') });
    await expect(proveSlip39Split(other, MS16)).rejects.toThrow(/self-check failed/);
    await expect(proveSlip39Split(split, MS16, 'wrong')).rejects.toThrow(/self-check failed/);
  });
});

describe('mutations', () => {
  const [, mnemonics] = VECTORS.find((v) => v[0].startsWith('4. Basic sharing 2-of-3'))!;
  const words = mnemonics[0]!.split(' ');

  it('every single-bit change of every word fails the checksum and is located, without echoing the word', () => {
    for (let i = 0; i < words.length; i++) {
      for (let bit = 0; bit < 10; bit++) {
        const w = [...words];
        w[i] = SLIP39_WORDS[SLIP39_WORDS.indexOf(words[i]!) ^ (1 << bit)]!;
        let error: any;
        try {
          decodeSlip39Share(w.join(' '), 'share 1');
        } catch (e) {
          error = e;
        }
        expect(shareErrorCode(error), `word ${i + 1} bit ${bit}`).toBe('checksum');
        // Bit 4 of word 2 is the ext flag: flipping it switches the customisation string, so no single fix locates it.
        if (!(i === 1 && bit === 4)) expect(error.position).toBe(i + 1);
        expect(error.message).not.toMatch(new RegExp(`\\b${w[i]}\\b`));
      }
    }
  });

  it('swapped neighbours, a dropped word and a doubled word are refused', () => {
    for (let i = 0; i + 1 < words.length; i++) {
      if (words[i] === words[i + 1]) continue;
      const w = [...words];
      [w[i], w[i + 1]] = [w[i + 1]!, w[i]!];
      expect(() => decodeSlip39Share(w.join(' '))).toThrow(InputError);
    }
    for (let i = 0; i < words.length; i++) {
      expect(() => decodeSlip39Share(words.filter((_, j) => j !== i).join(' '))).toThrow(/words/);
      expect(() => decodeSlip39Share([...words.slice(0, i), words[i], ...words.slice(i)].join(' '))).toThrow(InputError);
    }
  });

  it('a forged share with a recomputed checksum is caught by the digest', async () => {
    const shares = readSlip39Shares(labelled(mnemonics));
    for (let byte = 0; byte < 16; byte++) {
      const forged: LabelledSlip39 = { label: 'share 2', share: { ...shares[1]!.share, value: shares[1]!.share.value.map((b, i) => (i === byte ? b ^ 0x01 : b)) } };
      const text = slip39ShareText(forged.share); // a valid checksum over the forged value
      const reread = readSlip39Shares([shares[0]!, forged].map((s) => ({ label: s.label, text: s === forged ? text : mnemonics[0]! })));
      await expect(slip39Combine(reread, 'TREZOR')).rejects.toMatchObject({ code: 'digest', culprits: ['share 1', 'share 2'] });
    }
  });

  it('word lists and checksums keep SLIP-39 and coldkit v1 shares apart', async () => {
    const v1 = await splitEntropy(MS16, 2, 3, seeded('v1'));
    expect(() => decodeSlip39Share(encodeShare(v1.shares[0]!), 'share 1')).toThrow(/coldkit v1 share/);
    const s = decodeSlip39Share(mnemonics[0]!);
    const data = encodeSlip39Share(s).slice(0, -3);
    expect(rs1024Create(data, slip39Customisation(s.extendable))).toEqual(encodeSlip39Share(s).slice(-3));
  });
});

/** Electrum's SLIP-39 decoder (electrum/slip39.py, Debian `electrum`), run by Electrum's Python. */
const python = electrumPython('electrum.slip39');

describe.skipIf(!python)("Electrum's SLIP-39 decoder recovers coldkit's shares", () => {
  it('for every qualifying subset of a two-level set (ext = 0, which Electrum 4.3 reads)', async () => {
    const split = await slip39Split({ masterSecret: MS32, passphrase: 'TREZOR', groupThreshold: 2, groups: [{ threshold: 2, count: 3 }, { threshold: 1, count: 1 }, { threshold: 2, count: 2 }], extendable: false, iterationExponent: 0, random: seeded('electrum') });
    const sets = qualifyingSets(split);
    const driver = [
      'import json, sys',
      'from electrum import slip39',
      "print(json.dumps([slip39.recover_ems(s).decrypt('TREZOR').hex() for s in json.load(sys.stdin)]))",
    ].join('\n');
    const r = spawnSync(python!, ['-c', driver], { input: JSON.stringify(sets), encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(sets.map(() => hex.encode(MS32)));
  });
});
