/**
 * The verification script shipped in every export bundle: plain JavaScript for Node 18+, no
 * dependencies, so an auditor can check the bundle without Kansa. Kept in sync with record.ts
 * (the record hash is the SHA-256 of the header line) and seal.ts (canonical JSON).
 */
export const VERIFY_SCRIPT = `#!/usr/bin/env node
// Kansa archive export: verification script / 監査用エクスポートの検証スクリプト
// Usage / 使い方: node verify.js [--hmac-key BASE64]
// Needs only Node.js (18 or later). Exit code 0 = verified, 1 = a problem was found.
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const dir = __dirname;
const args = process.argv.slice(2);
const hmacKey = args.indexOf('--hmac-key') >= 0 ? Buffer.from(args[args.indexOf('--hmac-key') + 1] || '', 'base64') : null;

function sha256(data) { return crypto.createHash('sha256').update(data).digest('hex'); }
function canonical(v) {
  if (Array.isArray(v)) return '[' + v.map(canonical).join(',') + ']';
  if (v && typeof v === 'object') {
    const keys = Object.keys(v).filter(function (k) { return v[k] !== undefined; }).sort();
    return '{' + keys.map(function (k) { return JSON.stringify(k) + ':' + canonical(v[k]); }).join(',') + '}';
  }
  return JSON.stringify(v);
}
function fail(en, ja) {
  console.error('NG: ' + en);
  console.error('NG: ' + ja);
  process.exit(1);
}
function lines(file) { return fs.readFileSync(path.join(dir, file), 'utf8').split('\\n').filter(function (l) { return l.length > 0; }); }

const seals = lines('manifest.jsonl').map(function (l) { return JSON.parse(l); });
const pubPath = path.join(dir, 'public-key.pem');
const publicKey = fs.existsSync(pubPath) ? crypto.createPublicKey(fs.readFileSync(pubPath, 'utf8')) : null;
let sealsChecked = 0;
for (const s of seals) {
  const data = Buffer.from(canonical(Object.assign({}, s, { sig: undefined })));
  let ok = null;
  if (s.alg === 'ed25519' && publicKey) ok = crypto.verify(null, data, publicKey, Buffer.from(s.sig, 'base64'));
  else if (s.alg === 'hmac-sha256' && hmacKey) ok = crypto.createHmac('sha256', hmacKey).update(data).digest('base64') === s.sig;
  if (ok === false) fail('segment ' + s.seq + ': the seal signature does not match', 'セグメント ' + s.seq + ': 封印の署名が一致しません');
  if (ok === true) sealsChecked++;
}
const bySeq = new Map(seals.map(function (s) { return [s.seq, s]; }));
for (const s of seals) {
  const before = bySeq.get(s.seq - 1);
  if (before && before.head !== s.prevHead) fail('segment ' + s.seq + ' does not follow segment ' + before.seq, 'セグメント ' + s.seq + ' がセグメント ' + before.seq + ' に連結していません');
}

const headers = new Map();
for (const s of seals) {
  const hs = lines(path.join('segments', s.seq + '.headers.jsonl'));
  let prev = s.prevHead;
  hs.forEach(function (line, n) {
    const h = JSON.parse(line);
    if (h.s !== s.seq || h.n !== n) fail('segment ' + s.seq + ' record ' + n + ': header out of place', 'セグメント ' + s.seq + ' レコード ' + n + ': ヘッダーの位置が不正です');
    if (h.prev !== prev) fail('segment ' + s.seq + ' record ' + n + ': hash chain broken', 'セグメント ' + s.seq + ' レコード ' + n + ': ハッシュチェーンが途切れています');
    prev = sha256(line);
    headers.set(s.seq + ':' + n, { header: h, sha256: prev });
  });
  if (hs.length !== s.records) fail('segment ' + s.seq + ': ' + hs.length + ' records, the seal says ' + s.records, 'セグメント ' + s.seq + ': レコード数 ' + hs.length + ' が封印の ' + s.records + ' と一致しません');
  if (prev !== s.head) fail('segment ' + s.seq + ': the chain does not end at the sealed head', 'セグメント ' + s.seq + ': チェーンの末尾が封印されたヘッドと一致しません');
}

const records = lines('records.jsonl').map(function (l) { return JSON.parse(l); });
for (const r of records) {
  const h = headers.get(r.seq + ':' + r.n);
  if (!h) fail('record ' + r.file + ' has no header in the bundle', 'レコード ' + r.file + ' のヘッダーがありません');
  const raw = fs.readFileSync(path.join(dir, r.file));
  if (raw.length !== h.header.len || sha256(raw) !== h.header.raw) fail('record ' + r.file + ': the raw bytes do not match their hash', 'レコード ' + r.file + ': 生ログがハッシュと一致しません');
  if (r.sha256 !== h.sha256) fail('record ' + r.file + ': its listed hash is not the chained hash', 'レコード ' + r.file + ': 記載のハッシュがチェーン上のハッシュと一致しません');
}
const sealNote = sealsChecked === seals.length ? 'all seals verified' : (seals.length - sealsChecked) + ' seals not checked (HMAC seals need --hmac-key)';
const sealNoteJa = sealsChecked === seals.length ? 'すべての封印を検証済み' : (seals.length - sealsChecked) + ' 件の封印は未検証 (HMAC 封印には --hmac-key が必要)';
console.log('OK: ' + records.length + ' raw records in ' + seals.length + ' segments match the sealed hash chain; ' + sealNote);
console.log('OK: ' + seals.length + ' セグメントの封印済みハッシュチェーンと生ログ ' + records.length + ' 件が一致しました。' + sealNoteJa);
`;
