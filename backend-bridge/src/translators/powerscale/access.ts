/**
 * What a OneFS protocol audit payload says about the file and the request: the path as written
 * (`\ifs\data\…` for SMB, the same form for NFS), the access mask of a create (Windows ACCESS_MASK bits,
 * named as the Windows and ONTAP translators name them) and the NT status of the result.
 */
import { ACCESS_RIGHTS } from '../_lib/windows/codes';

/**
 * ACCESS_MASK bits (MS-SMB2 2.2.13.1): the file rights the Windows translators name, then the generic
 * rights a create request may ask for (Windows audit events show them mapped, so their table has none).
 */
const MASK_BITS: Array<[number, string]> = [
  ...ACCESS_RIGHTS.map((r): [number, string] => [r.bit, r.name]),
  [0x10000000, 'GENERIC_ALL'],
  [0x20000000, 'GENERIC_EXECUTE'],
  [0x40000000, 'GENERIC_WRITE'],
  [0x80000000, 'GENERIC_READ'],
];

/** A number written as a JSON number, a decimal string or a 0x hex string; undefined otherwise. */
export function numberOf(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v !== 'string' || v === '') return undefined;
  if (/^0x[0-9a-f]+$/i.test(v)) return parseInt(v.slice(2), 16);
  return /^\d+$/.test(v) ? Number(v) : undefined;
}

export function rightsOf(mask: number): string[] {
  // `>>> 0` keeps the high bits (GENERIC_READ is 0x80000000) positive in the bit test.
  return MASK_BITS.filter(([bit]) => (mask & bit) >>> 0 === bit).map(([, name]) => name);
}

export type Operation =
  | 'read'
  | 'write'
  | 'append'
  | 'delete'
  | 'permission-change'
  | 'execute'
  | 'read-attributes'
  | 'write-attributes'
  | 'open';

/** What a handle was opened for, the strongest right first (as cifs-audit decides for 4656). */
export function operationOf(rights: string[]): Operation {
  const has = (r: string): boolean => rights.includes(r);
  if (has('DELETE')) return 'delete';
  if (has('WRITE_DAC') || has('WRITE_OWNER')) return 'permission-change';
  if (has('WriteData') || has('GENERIC_WRITE') || has('GENERIC_ALL')) return 'write';
  if (has('AppendData')) return 'append';
  if (has('ReadData') || has('GENERIC_READ')) return 'read';
  if (has('Execute') || has('GENERIC_EXECUTE')) return 'execute';
  if (has('WriteAttributes') || has('WriteEA')) return 'write-attributes';
  if (has('ReadAttributes') || has('ReadEA') || has('READ_CONTROL')) return 'read-attributes';
  return 'open';
}

/** NTSTATUS values (MS-ERREF 2.3.1) a file server returns to a refused or failed request. */
const NT_STATUS: Record<number, string> = {
  0xc0000022: 'STATUS_ACCESS_DENIED',
  0xc0000034: 'STATUS_OBJECT_NAME_NOT_FOUND',
  0xc0000035: 'STATUS_OBJECT_NAME_COLLISION',
  0xc000003a: 'STATUS_OBJECT_PATH_NOT_FOUND',
  0xc0000043: 'STATUS_SHARING_VIOLATION',
  0xc0000056: 'STATUS_DELETE_PENDING',
  0xc000007f: 'STATUS_DISK_FULL',
  0xc00000ba: 'STATUS_FILE_IS_A_DIRECTORY',
  0xc0000101: 'STATUS_DIRECTORY_NOT_EMPTY',
  0xc0000103: 'STATUS_NOT_A_DIRECTORY',
};

export interface Status {
  ok: boolean;
  /** 0xC0000022 */
  hex?: string;
  /** STATUS_ACCESS_DENIED, or the hex code when the name is not in the table. */
  name?: string;
  denied: boolean;
}

/** ntStatus 0 (or absent) is success; anything else a failure named by its NTSTATUS. */
export function statusOf(v: unknown): Status {
  const n = numberOf(v);
  if (n === undefined || n === 0) return { ok: true, denied: false };
  const hex = `0x${(n >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
  const name = NT_STATUS[n >>> 0] ?? hex;
  return { ok: false, hex, name, denied: name === 'STATUS_ACCESS_DENIED' };
}
