/**
 * CRC-32 (IEEE 802.3, the zlib/PNG one: reflected polynomial 0xEDB88320, init and final
 * xor 0xFFFFFFFF). Written here rather than imported because it is a dozen lines, and the
 * protocol QR checksum must stay byte-for-byte stable whatever a dependency does.
 * It detects every error burst up to 32 bits, so any single changed byte; it is not a
 * signature and says nothing about who produced a payload.
 */
const TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** CRC-32 of the UTF-8 bytes of `text`, as 8 uppercase hex digits. */
export function crc32Hex(text: string): string {
  return crc32(new TextEncoder().encode(text)).toString(16).toUpperCase().padStart(8, '0');
}
