/**
 * Structure checks on an assembled payload before it is written or used: a PSBT must parse
 * (BIP174), an EIP-4527 request or signature must decode, a transaction must be whole hex bytes,
 * account descriptors must carry keys. A QR that passes its CRC but carries junk stops here.
 */
import { InputError } from '../../core/errors.js';
import { decodePsbt } from '../../core/btc/psbt-codec.js';
import type { PayloadKind } from '../../core/transport/payload-ur.js';
import { decodeEthSignature, decodeEthSignRequest } from '../../core/transport/ur/eth.js';

/** Throw InputError when the payload does not have the structure its kind promises. */
export function validatePayload(kind: PayloadKind, bytes: Uint8Array): void {
  switch (kind) {
    case 'psbt':
      decodePsbt(bytes, 'QR payload (PSBT)');
      return;
    case 'eth-sign-request':
      decodeEthSignRequest(bytes);
      return;
    case 'eth-signature':
      decodeEthSignature(bytes);
      return;
    case 'tx': {
      const t = new TextDecoder().decode(bytes);
      if (!/^(0x)?([0-9a-fA-F]{2})+$/.test(t)) throw new InputError('transaction is not whole hex bytes', 'QR payload (transaction)');
      return;
    }
    default:
      if (bytes.length === 0) throw new InputError('payload is empty', 'QR payload');
  }
}
