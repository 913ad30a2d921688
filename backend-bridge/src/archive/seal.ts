import { createHmac, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

export type SealAlgorithm = 'hmac-sha256' | 'ed25519';

/** JSON with sorted keys at every level: what is signed must serialize the same everywhere. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Signs and checks manifest entries: HMAC-SHA256 with a shared secret, or Ed25519 (auditors need only the public key). */
export class Sealer {
  private readonly hmacKey?: Buffer;
  private readonly privateKey?: KeyObject;
  readonly publicKey?: KeyObject;

  constructor(
    readonly algorithm: SealAlgorithm,
    readonly keyId: string,
    key: { secret?: Buffer; privateKeyPem?: string; publicKeyPem?: string },
  ) {
    if (algorithm === 'hmac-sha256') {
      if (!key.secret || key.secret.length < 16)
        throw new Error('archive.seal: an HMAC key of at least 16 bytes is needed (archive.seal.key, base64)');
      this.hmacKey = key.secret;
    } else {
      if (key.privateKeyPem) this.privateKey = createPrivateKey(key.privateKeyPem);
      this.publicKey = key.publicKeyPem
        ? createPublicKey(key.publicKeyPem)
        : this.privateKey
          ? createPublicKey(this.privateKey)
          : undefined;
      if (!this.publicKey) throw new Error('archive.seal: an Ed25519 private key (keyFile, PEM) is needed');
    }
  }

  sign(entry: Record<string, unknown>): string {
    const data = Buffer.from(canonical({ ...entry, sig: undefined }));
    if (this.hmacKey) return createHmac('sha256', this.hmacKey).update(data).digest('base64');
    if (!this.privateKey) throw new Error('archive.seal: this Ed25519 key can verify but not sign (no private key)');
    return sign(null, data, this.privateKey).toString('base64');
  }

  check(entry: Record<string, unknown> & { sig?: unknown; alg?: unknown; sealKey?: unknown }): string | undefined {
    if (entry.alg !== this.algorithm || entry.sealKey !== this.keyId)
      return `sealed with ${String(entry.alg)} key "${String(entry.sealKey)}", but the configured seal key is ${this.algorithm} "${this.keyId}"`;
    if (typeof entry.sig !== 'string') return 'no signature';
    const data = Buffer.from(canonical({ ...entry, sig: undefined }));
    const ok = this.hmacKey
      ? createHmac('sha256', this.hmacKey).update(data).digest('base64') === entry.sig
      : verify(null, data, this.publicKey!, Buffer.from(entry.sig, 'base64'));
    return ok ? undefined : 'the signature does not match (the entry was altered or signed with another key)';
  }

  publicKeyPem(): string | undefined {
    return this.publicKey?.export({ type: 'spki', format: 'pem' }).toString();
  }
}

export function loadSealer(cfg: { algorithm: SealAlgorithm; keyId: string; key?: string; keyFile?: string }): Sealer {
  if (cfg.algorithm === 'hmac-sha256') {
    const text = cfg.key ?? (cfg.keyFile ? readFileSync(cfg.keyFile, 'utf8') : undefined);
    return new Sealer('hmac-sha256', cfg.keyId, { secret: text ? Buffer.from(text.trim(), 'base64') : undefined });
  }
  const pem = cfg.keyFile ? readFileSync(cfg.keyFile, 'utf8') : cfg.key;
  if (!pem) throw new Error('archive.seal: ed25519 needs keyFile (a PEM private key; kansa archive keygen --ed25519)');
  return pem.includes('PRIVATE KEY')
    ? new Sealer('ed25519', cfg.keyId, { privateKeyPem: pem })
    : new Sealer('ed25519', cfg.keyId, { publicKeyPem: pem });
}
