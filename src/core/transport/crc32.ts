/**
 * CRC-32 (ISO-HDLC / IEEE 802.3, reflected polynomial 0xEDB88320), as required by
 * BCR-2020-012 (bytewords checksum) and BCR-2024-001 (fountain part and message checksum).
 */

const TABLE: Uint32Array = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 of `data` as an unsigned 32-bit number. */
export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A 32-bit unsigned integer as 4 big-endian ("network order") bytes. */
export function u32be(n: number): Uint8Array {
  return new Uint8Array([(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
}

/** CRC-32 of `data` as 4 big-endian bytes (BCR-2020-012: "checksum in network order"). */
export function crc32Bytes(data: Uint8Array): Uint8Array {
  return u32be(crc32(data));
}
