/** The secp256k1 group order n (SEC 2, section 2.4.1), once for every module that needs it. */
export const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/** n as 32 big-endian bytes. */
export const SECP256K1_N_BYTES: Uint8Array = Uint8Array.from(SECP256K1_N.toString(16).match(/../g)!.map((b) => parseInt(b, 16)));
