/** src/core/payment-uri.ts: the address of a bare address, a BIP21 or an EIP-681 URI (the BIPs' own examples). */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { addressOfUri } from '../../src/core/payment-uri.js';

describe('addressOfUri', () => {
  it('a bare address is itself', () => {
    expect(addressOfUri('  bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq \n')).toEqual({ address: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq' });
  });
  it("BIP21's examples: the address, the rest reported", () => {
    expect(addressOfUri('bitcoin:175tWpb8K1S7NmH4Zx6rewF9WQrcZv245W')).toEqual({ address: '175tWpb8K1S7NmH4Zx6rewF9WQrcZv245W', scheme: 'bitcoin' });
    expect(addressOfUri('bitcoin:175tWpb8K1S7NmH4Zx6rewF9WQrcZv245W?amount=20.3&label=Luke-Jr')).toEqual({ address: '175tWpb8K1S7NmH4Zx6rewF9WQrcZv245W', scheme: 'bitcoin', rest: '?amount=20.3&label=Luke-Jr' });
    expect(addressOfUri('BITCOIN:BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ').address).toBe('BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ');
  });
  it("EIP-681's forms: pay- prefix, chain id, function", () => {
    expect(addressOfUri('ethereum:0xfb6916095ca1df60bb79Ce92ce3ea74c37c5d359?value=2.014e18')).toMatchObject({ address: '0xfb6916095ca1df60bb79Ce92ce3ea74c37c5d359', scheme: 'ethereum' });
    expect(addressOfUri('ethereum:pay-0xfb6916095ca1df60bb79Ce92ce3ea74c37c5d359@1/transfer?address=0x1&uint256=1')).toEqual({ address: '0xfb6916095ca1df60bb79Ce92ce3ea74c37c5d359', scheme: 'ethereum', rest: '@1/transfer?address=0x1&uint256=1' });
  });
  it('refuses empty input, a URI without an address, and several lines', () => {
    for (const bad of ['', 'bitcoin:', 'bitcoin:?amount=1', 'bc1q… bc1q…', 'a\nb']) expect(() => addressOfUri(bad), JSON.stringify(bad)).toThrow(InputError);
    // Text with spaces may be a pasted mnemonic: the error does not repeat it.
    expect(() => addressOfUri('legal winner thank year')).toThrow(/^(?!.*winner).*it is not shown/);
  });
});
