import type { Employee } from '../company';
import { DOMAIN, FQDN } from '../office';
import { auditLine, type AuditRecord } from '../render/mssql';
import type { Rng } from '../rng';
import type { Outputs } from './outputs';

export const SQL_SERVER = { host: `SQL01.${FQDN}`, instance: 'SQL01', ip: '10.0.0.31' };

/** A login to SQL01: a directory person from their PC, or a service account from an application server. */
export interface SqlLogin {
  login: string;
  sid: string;
  principalId: number;
  clientIp: string;
  clientHost: string;
}

export const personLogin = (p: Employee): SqlLogin => ({
  login: `${DOMAIN}\\${p.account}`,
  sid: p.sid,
  principalId: 300 + p.index,
  clientIp: p.ip,
  clientHost: p.host,
});

/** One session's reads: the table and the statement, the rows it returned. */
export interface SqlRead {
  table: 'Customers' | 'Orders' | 'Products';
  statement: string;
  rows: number;
  durationMs: number;
}

const OBJECT_IDS = { Customers: 581577110, Orders: 613577224, Products: 645577338 };

/** SQL Server Audit of SQL01 (SalesDB: the customer master, orders, products) in the Application log via NXLog. */
export class SqlServerLog {
  private record = 240_000;
  private session = 51;
  private transaction = 2_245_000;

  constructor(private readonly out: Outputs) {}

  /** A connection: LGIS, the reads `gapMs` apart, LGO; returns when it ended. */
  connection(t: number, who: SqlLogin, application: string, reads: SqlRead[], gapMs: number, rng: Rng): number {
    const sessionId = (this.session = this.session >= 180 ? 51 : this.session + 1);
    const connectionId = `${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`.toUpperCase();
    const base = { server: SQL_SERVER.host, instance: SQL_SERVER.instance, sessionId, application, connectionId };
    const line = (at: number, r: Omit<AuditRecord, 't' | 'recordNumber' | keyof typeof base | keyof SqlLogin>) =>
      this.out.mssql.add(at, auditLine({ t: at, recordNumber: ++this.record, ...base, ...who, ...r }));
    line(t, { actionId: 'LGIS' });
    let at = t + 400;
    for (const r of reads) {
      at += gapMs;
      line(at, {
        actionId: 'SL',
        database: 'SalesDB',
        schema: 'dbo',
        object: r.table,
        objectId: OBJECT_IDS[r.table],
        transactionId: ++this.transaction,
        statement: r.statement,
        rows: r.rows,
        durationMs: r.durationMs,
      });
    }
    at += gapMs;
    line(at, { actionId: 'LGO' });
    return at;
  }
}
