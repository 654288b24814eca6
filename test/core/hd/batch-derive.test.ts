import { describe, expect, it } from 'vitest';
import { HDKey } from '@scure/bip32';
import { childPublicKeys } from '../../../src/core/hd/batch-derive.js';
import { InputError } from '../../../src/core/errors.js';
import { toHex } from '../../../src/core/text.js';

// BIP32 test vector 1, chain m/0H/1 (xpub6ASuArnXKPbfEwhqN6e3mwBcDTgzisQN1wXN9BJcM47sSikHjJf3UFHKkNAWbWMiGj7Wf5uMash7SyYq527Hqck2AxYysAA7xmALppuCkwQ).
const XPUB = 'xpub6ASuArnXKPbfEwhqN6e3mwBcDTgzisQN1wXN9BJcM47sSikHjJf3UFHKkNAWbWMiGj7Wf5uMash7SyYq527Hqck2AxYysAA7xmALppuCkwQ';

describe('batch public derivation (BIP32 CKDpub)', () => {
  const parent = HDKey.fromExtendedKey(XPUB);
  it('equals @scure/bip32 deriveChild for a run of indices', () => {
    const keys = childPublicKeys(parent, 0, 40);
    keys.forEach((k, i) => expect(toHex(k)).toBe(toHex(parent.deriveChild(i).publicKey!)));
  });
  it('equals deriveChild near the top of the non-hardened range', () => {
    const from = 0x7fffffff - 4;
    const keys = childPublicKeys(parent, from, 5);
    keys.forEach((k, i) => expect(toHex(k)).toBe(toHex(parent.deriveChild(from + i).publicKey!)));
  });
  it('refuses hardened indices', () => {
    expect(() => childPublicKeys(parent, 0x7fffffff, 2)).toThrow(InputError);
  });
});
