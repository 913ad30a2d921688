import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** A master key (key-encryption key): it wraps each segment's data key, never encrypts data itself. */
export interface MasterKey {
  id: string;
  key: Buffer;
}

export class KeyError extends Error {}

/** Master keys by id; `active` wraps the data keys of new segments, the others stay for reading. */
export class Keyring {
  private readonly keys = new Map<string, Buffer>();

  constructor(
    keys: MasterKey[],
    readonly active: string,
  ) {
    for (const k of keys) this.keys.set(k.id, k.key);
    if (!this.keys.has(active))
      throw new KeyError(
        `the active archive key "${active}" is not among the configured keys (${[...this.keys.keys()].join(', ') || 'none'})`,
      );
  }

  ids(): string[] {
    return [...this.keys.keys()];
  }

  /** AES-256-GCM under the master key: iv(12) ‖ wrapped key(32) ‖ tag(16), base64. */
  wrap(dataKey: Buffer, keyId: string = this.active): string {
    const kek = this.get(keyId);
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', kek, iv);
    c.setAAD(Buffer.from(`kansa-archive-dek:${keyId}`));
    const body = Buffer.concat([c.update(dataKey), c.final()]);
    return Buffer.concat([iv, body, c.getAuthTag()]).toString('base64');
  }

  unwrap(wrapped: string, keyId: string): Buffer {
    const kek = this.get(keyId);
    const buf = Buffer.from(wrapped, 'base64');
    if (buf.length !== 12 + 32 + 16) throw new KeyError(`the wrapped data key is ${buf.length} bytes, expected 60`);
    const d = createDecipheriv('aes-256-gcm', kek, buf.subarray(0, 12));
    d.setAAD(Buffer.from(`kansa-archive-dek:${keyId}`));
    d.setAuthTag(buf.subarray(44));
    try {
      return Buffer.concat([d.update(buf.subarray(12, 44)), d.final()]);
    } catch {
      throw new KeyError(
        `master key "${keyId}" does not open this segment's data key: the key is wrong (same id, different value) or the key file was altered`,
      );
    }
  }

  private get(id: string): Buffer {
    const k = this.keys.get(id);
    if (!k)
      throw new KeyError(
        `master key "${id}" is not configured (archive.encryption.keys or KANSA_ARCHIVE_KEYS); configured: ${this.ids().join(', ') || 'none'}`,
      );
    return k;
  }
}

/** A key given as base64 (32 bytes) or read from a file holding that base64. */
export function decodeKey(id: string, value: { key?: string; keyFile?: string }): Buffer {
  const text = value.key ?? (value.keyFile ? readFileSync(value.keyFile, 'utf8') : undefined);
  if (text === undefined) throw new KeyError(`archive key "${id}": give key (base64) or keyFile`);
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32)
    throw new KeyError(
      `archive key "${id}": expected 32 bytes in base64 (kansa archive keygen), got ${key.length} bytes`,
    );
  return key;
}

export function newKey(): string {
  return randomBytes(32).toString('base64');
}
