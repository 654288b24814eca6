/**
 * The known answers `coldkit self-check` runs, copied from published vectors (each names its
 * source and the fixture it is checked against in test/core/selfcheck/vectors.test.ts, so an edit
 * here that drifts from the standard fails the tests). Only public test keys appear here.
 */

/** FIPS 180-4 SHA-256 example "abc" (fixtures/fips180-4/sha256-abc.txt). */
export const SHA256_ABC = {
  source: 'FIPS 180-4 example (SHA256.pdf), one-block message "abc"',
  message: 'abc',
  digest: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
};

/** RFC 4231 section 4.3, Test Case 2 (fixtures/rfc4231/test-case-2.txt). */
export const HMAC_SHA512_RFC4231 = {
  source: 'RFC 4231 section 4.3 (Test Case 2), HMAC-SHA-512',
  key: '4a656665',
  data: '7768617420646f2079612077616e7420666f72206e6f7468696e673f',
  mac: '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737',
};

/** RFC 7914 section 11, first vector (fixtures/rfc7914/pbkdf2-hmac-sha256.txt). */
export const PBKDF2_SHA256_RFC7914 = {
  source: 'RFC 7914 section 11, PBKDF2-HMAC-SHA-256 (P="passwd", S="salt", c=1, dkLen=64)',
  password: 'passwd',
  salt: 'salt',
  iterations: 1,
  dk: '55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783',
};

/** Trezor's BIP39 vector 2 (fixtures/bip39/vectors.json, english[1]; passphrase "TREZOR"). */
export const BIP39_TREZOR = {
  source: 'BIP39 reference vectors (trezor/python-mnemonic vectors.json, english #2, passphrase "TREZOR")',
  entropy: '7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f',
  mnemonic: 'legal winner thank year wave sausage worth useful legal winner thank yellow',
  passphrase: 'TREZOR',
  seed: '2e8905819b8723fe2c1d161860e5ee1830318dbf49a83bd451cfb8440c28bd6fa457fe1296106559a3c80937a1c1069be3a3a5bd381ee6260e8d9739fce1f607',
};

/** BIP32 test vector 1, chain m/0H/1/2H/2/1000000000 (fixtures/bip32/bip-0032.mediawiki). */
export const BIP32_VECTOR1 = {
  source: 'BIP32 test vector 1, chain m/0H/1/2H/2/1000000000',
  seed: '000102030405060708090a0b0c0d0e0f',
  path: [0x80000000, 1, 0x80000002, 2, 1000000000],
  xprv: 'xprvA41z7zogVVwxVSgdKUHDy1SKmdb533PjDz7J6N6mV6uS3ze1ai8FHa8kmHScGpWmj4WggLyQjgPie1rFSruoUihUZREPSL39UNdE3BBDu76',
};

/** The first bitcoinjs-lib RFC 6979 secp256k1 vector (fixtures/rfc6979-secp256k1/ecdsa.json, valid.ecdsa[0]). */
export const ECDSA_RFC6979 = {
  source: 'RFC 6979 secp256k1 vector (bitcoinjs-lib test/fixtures/ecdsa.json, valid.ecdsa #1), message hashed with SHA-256',
  d: '0000000000000000000000000000000000000000000000000000000000000001',
  message: 'Everything should be made as simple as possible, but not simpler.',
  signature: '3044022033a69cd2065432a30f3d1ce4eb0d59b8ab58c74f27c41a7fdb5696ad4e6108c902206f807982866f785d3f6418d24163ddae117b7db4d5fdf0071de069fa54342262',
};

/** BIP340 test vector 1 (fixtures/bip340/test-vectors.csv, index 1). */
export const SCHNORR_BIP340 = {
  source: 'BIP340 test vector 1 (bip-0340/test-vectors.csv)',
  secretKey: 'b7e151628aed2a6abf7158809cf4f3c762e7160f38b4da56a784d9045190cfef',
  publicKey: 'dff1d77f2a671c5f36183726db2341be58feae1da2deced843240f7b502ba659',
  auxRand: '0000000000000000000000000000000000000000000000000000000000000001',
  message: '243f6a8885a308d313198a2e03707344a4093822299f31d0082efa98ec4e6c89',
  signature: '6896bd60eeae296db48a229ff71dfe071bde413e6d43f917dc8dcf8c78de33418906d11ac976abccb20b091292bff4ea897efcb639ea871cfa95f6de339e4b0a',
};

/** The EIP-155 specification's example (fixtures/eip155/eip-155-example.md). */
export const EIP155_EXAMPLE = {
  source: 'EIP-155 "Example" (nonce 9, 20 gwei, 21000 gas, 1 ether to 0x3535…, chain id 1)',
  nonce: 9n,
  gasPrice: 20_000_000_000n,
  gasLimit: 21000n,
  to: '0x3535353535353535353535353535353535353535',
  value: 1_000_000_000_000_000_000n,
  chainId: 1n,
  privateKey: '4646464646464646464646464646464646464646464646464646464646464646',
  signingHash: '0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53',
  signedTx: '0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83',
};

/**
 * coldkit's frozen share-format vector 1 (fixtures/shares-v1/vectors.json, valid[0]): splitting
 * the entropy 2-of-3 with the generator's byte stream (SHA-256 of "<label>/<counter>", in turn)
 * gives exactly these shares, and shares 1 and 2 rebuild the entropy.
 */
export const SHARES_V1 = {
  source: 'coldkit shares v1 frozen vector 1 (fixtures/shares-v1/vectors.json)',
  streamLabel: 'coldkit-shares-v1-vectors/12-word seed (all-zero entropy), 2-of-3',
  entropy: '00000000000000000000000000000000',
  threshold: 2,
  count: 3,
  shares: [
    'burden retailer behavior acne leader camera orbit enjoy frost check squeeze railroad clock bulb regular again space phrase twice shame teaspoon gather evening species',
    'burden retailer behavior birthday academic soul raspy theory survive express greatest cubic revenue thorn activity repeat duckling axle index hobo teammate raspy switch paid',
    'burden retailer behavior craft romp argue furl bedroom downtown spirit careful cargo camera blanket apart western junk endorse large apart loud parking location answer',
  ],
};
