import * as iconv from 'iconv-lite';

export type Encoding = 'utf8' | 'utf16le' | 'utf16be' | 'cp932';

export interface DetectedEncoding {
  encoding: Encoding;
  /** Bytes of byte-order mark to skip. */
  bomLength: number;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/**
 * Guesses the encoding from the first bytes. Japanese Windows exports are often CP932 or UTF-16LE
 * with a BOM; Linux logs are UTF-8, sometimes with stray CP932 lines from old tools.
 */
export function detectEncoding(sample: Buffer): DetectedEncoding {
  if (sample.length >= 3 && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) {
    return { encoding: 'utf8', bomLength: 3 };
  }
  if (sample.length >= 2 && sample[0] === 0xff && sample[1] === 0xfe) {
    return { encoding: 'utf16le', bomLength: 2 };
  }
  if (sample.length >= 2 && sample[0] === 0xfe && sample[1] === 0xff) {
    return { encoding: 'utf16be', bomLength: 2 };
  }
  const window = sample.subarray(0, Math.min(sample.length, 4096));
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < window.length; i++) {
    if (window[i] === 0) {
      if (i % 2 === 0) zeroEven++;
      else zeroOdd++;
    }
  }
  const half = window.length / 2;
  if (half > 0 && zeroOdd / half > 0.3 && zeroEven / half < 0.05) {
    return { encoding: 'utf16le', bomLength: 0 };
  }
  if (half > 0 && zeroEven / half > 0.3 && zeroOdd / half < 0.05) {
    return { encoding: 'utf16be', bomLength: 0 };
  }
  if (isUtf8(trimIncompleteTail(sample)) || !looksLikeCp932(sample)) {
    return { encoding: 'utf8', bomLength: 0 };
  }
  return { encoding: 'cp932', bomLength: 0 };
}

export function isUtf8(bytes: Buffer): boolean {
  try {
    utf8Strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** A sample cut at an arbitrary byte may end inside a multi-byte character. */
function trimIncompleteTail(bytes: Buffer): Buffer {
  const end = bytes.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = bytes[end - back];
    if ((b & 0xc0) !== 0x80) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      return need > back ? bytes.subarray(0, end - back) : bytes;
    }
  }
  return bytes;
}

/** Every byte ≥ 0x80 must sit in a valid Shift_JIS lead/trail pair or be half-width katakana. */
export function looksLikeCp932(bytes: Buffer): boolean {
  let multibyte = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x80) continue;
    if (b >= 0xa1 && b <= 0xdf) {
      multibyte++;
      continue;
    }
    const lead = (b >= 0x81 && b <= 0x9f) || (b >= 0xe0 && b <= 0xfc);
    if (!lead) return false;
    if (i + 1 >= bytes.length) return multibyte > 0;
    const t = bytes[i + 1];
    if (!((t >= 0x40 && t <= 0x7e) || (t >= 0x80 && t <= 0xfc))) return false;
    multibyte++;
    i++;
  }
  return multibyte > 0;
}

export interface DecodedText {
  text: string;
  /** Set when bytes were not valid in the encoding and were replaced. */
  invalid?: string;
}

/** Decodes one record's bytes. A UTF-8 stream tolerates a stray CP932 line, as old tools write them. */
export function decodeRecord(bytes: Buffer, encoding: Encoding): DecodedText {
  switch (encoding) {
    case 'utf8': {
      const text = bytes.toString('utf8');
      if (text.indexOf('\uFFFD') === -1 || isUtf8(bytes)) {
        return { text };
      }
      if (looksLikeCp932(bytes)) {
        return { text: iconv.decode(bytes, 'cp932') };
      }
      return { text, invalid: 'invalid UTF-8 bytes replaced with U+FFFD' };
    }
    case 'utf16le':
      return { text: bytes.toString('utf16le') };
    case 'utf16be':
      return { text: iconv.decode(bytes, 'utf16-be') };
    case 'cp932':
      return { text: iconv.decode(bytes, 'cp932') };
  }
}

/** Width of one code unit: UTF-16 line ends are two bytes. */
export function unitWidth(encoding: Encoding): 1 | 2 {
  return encoding === 'utf16le' || encoding === 'utf16be' ? 2 : 1;
}
