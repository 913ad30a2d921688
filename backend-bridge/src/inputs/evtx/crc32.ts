/** CRC-32 (IEEE, reflected, as zlib): the checksum EVTX uses for its file header, chunk headers and record data. */
const TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** CRC-32 of several ranges of one buffer, as if they were one run of bytes. */
export function crc32(buf: Buffer, ranges: Array<[start: number, end: number]>): number {
  let c = -1;
  for (const [start, end] of ranges) {
    for (let i = start; i < end; i++) c = TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  }
  return (c ^ -1) >>> 0;
}
