import { personLogin, type SqlLogin, type SqlRead } from '../logs/sqlserver';
import type { Month } from '../month';
import type { Rng } from '../rng';
import { HOUR, MINUTE } from '../time';

/** The sales web application's account, on the application server: one small query per page view. */
const SALES_APP: SqlLogin = {
  login: 'CORP\\svc_salesweb',
  sid: 'S-1-5-21-3623811015-3361044348-30300820-4102',
  principalId: 271,
  clientIp: '10.0.0.41',
  clientHost: 'APP01',
};
/** The nightly warehouse load: one full read of the order table. */
const ETL: SqlLogin = {
  login: 'CORP\\svc_etl',
  sid: 'S-1-5-21-3623811015-3361044348-30300820-4103',
  principalId: 272,
  clientIp: '10.0.0.42',
  clientHost: 'ETL01',
};
/** People with a SalesDB login: sales and accounting. */
const DB_DEPTS = new Set(['eigyo', 'keiri']);

/**
 * SQL01 (SalesDB) on an ordinary day: the nightly load reads the order table whole, the sales web application asks
 * for one customer or order at a time all day, and some sales and accounting staff refresh a report from Excel (a
 * handful of SELECTs). No person ever reads the customer master in bulk; that is the db-bulk-export scenario.
 * Runs after the day's sessions, from its own random stream, so no other log changes.
 */
export function sqlServerDay(m: Month, day: number, d: number): void {
  const rng = m.sqlRng.fork(`day-${d}`);
  const { sqlServer } = m.logs;
  const rows = 180_000 + d * 420 + rng.int(0, 400);
  const etl: SqlRead = {
    table: 'Orders',
    statement: 'SELECT * FROM dbo.Orders WITH (NOLOCK)',
    rows,
    durationMs: 41_000,
  };
  sqlServer.connection(day + 2 * HOUR + 30 * MINUTE, ETL, '.Net SqlClient Data Provider', [etl], 45_000, rng);
  if (m.isOffDay(day)) return;
  // The web application: a connection from its pool every 20 minutes, 08:00-20:00, a few lookups each.
  for (let t = day + 8 * HOUR; t < day + 20 * HOUR; t += 20 * MINUTE) {
    const lookups = Array.from({ length: rng.int(2, 8) }, () => lookup(rng));
    sqlServer.connection(t + rng.int(0, 600_000), SALES_APP, 'SalesPortal', lookups, rng.int(20_000, 90_000), rng);
  }
  for (const { p, arrive, leave } of m.book.worked(day)) {
    if (!DB_DEPTS.has(p.dept.code) || p.night || !rng.chance(0.15) || leave - arrive < 2 * HOUR) continue;
    const t = arrive + 30 * MINUTE + rng.int(0, leave - arrive - 90 * MINUTE);
    const report = Array.from({ length: rng.int(1, 6) }, () => reportQuery(rng));
    sqlServer.connection(t, personLogin(p), 'Microsoft Office 2016', report, rng.int(3_000, 40_000), rng);
  }
}

function lookup(rng: Rng): SqlRead {
  return rng.chance(0.5)
    ? {
        table: 'Customers',
        statement: 'SELECT CustomerID, Name, Kana, Phone, Address FROM dbo.Customers WHERE CustomerID = @P1',
        rows: 1,
        durationMs: rng.int(1, 8),
      }
    : {
        table: 'Orders',
        statement: 'SELECT OrderID, OrderDate, Amount, Status FROM dbo.Orders WHERE CustomerID = @P1',
        rows: rng.int(0, 30),
        durationMs: rng.int(2, 20),
      };
}

function reportQuery(rng: Rng): SqlRead {
  return rng.pick<SqlRead>([
    {
      table: 'Orders',
      statement:
        'SELECT Region, SUM(Amount) AS Total FROM dbo.Orders WHERE OrderDate >= DATEADD(month, -1, GETDATE()) GROUP BY Region',
      rows: 9,
      durationMs: rng.int(200, 900),
    },
    {
      table: 'Products',
      statement: 'SELECT ProductID, Name, ListPrice FROM dbo.Products WHERE Discontinued = 0',
      rows: rng.int(300, 420),
      durationMs: rng.int(20, 80),
    },
    {
      table: 'Customers',
      statement: 'SELECT TOP (50) CustomerID, Name, Region FROM dbo.Customers ORDER BY LastOrderDate DESC',
      rows: 50,
      durationMs: rng.int(10, 60),
    },
  ]);
}
