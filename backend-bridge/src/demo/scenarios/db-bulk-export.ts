import { personLogin, type SqlRead } from '../logs/sqlserver';
import { MINUTE } from '../time';
import type { ScenarioDef } from './types';

const PAGES = 300;
const PAGE_ROWS = 500;

/**
 * Day 7, twenty minutes before leaving: the sales person who stays latest that day runs a Python script against
 * SQL01 that pages through the whole customer master (300 SELECTs of 500 rows, two seconds apart: 150,000 rows in
 * ten minutes). SQL Server Audit records every SELECT with its response_rows. Chosen among the people who worked that
 * day, so no one's day changes.
 */
export default {
  id: 'db-bulk-export',
  rules: ['insider-db-bulk-read'],
  days: (plan) => [plan.workDay(7)],
  play(scene, d, rng) {
    const { cast, month } = scene;
    const named = new Set(Object.values(cast));
    const sales = month.book
      .worked(scene.at(d, 0, 0))
      .filter(({ p }) => p.dept.code === 'eigyo' && !p.night && !p.watchlist && !named.has(p))
      .sort((a, b) => b.leave - a.leave || a.p.index - b.p.index);
    if (sales.length === 0) return;
    const { p, leave } = sales[0];
    const t = leave - 20 * MINUTE;
    const pages: SqlRead[] = Array.from({ length: PAGES }, (_, i) => ({
      table: 'Customers',
      statement: `SELECT * FROM dbo.Customers ORDER BY CustomerID OFFSET ${i * PAGE_ROWS} ROWS FETCH NEXT ${PAGE_ROWS} ROWS ONLY`,
      rows: PAGE_ROWS,
      durationMs: rng.int(180, 420),
    }));
    const end = scene.logs.sqlServer.connection(t, personLogin(p), 'Python', pages, 2000, rng);
    scene.record(
      {
        id: 'db-bulk-export',
        title: 'The whole customer master read from SQL Server in ten minutes',
        who: p.account,
        what: `${p.account} pages through SalesDB.dbo.Customers from ${p.host} with a Python script: ${PAGES} SELECTs, ${PAGES * PAGE_ROWS} rows (SQL Server Audit)`,
        monitoringPoint: 'Insider: bulk reads of a sensitive database table',
        useCase: '2 insider',
        detections: [
          {
            description: 'SELECTs on the customer master by one person, from a script',
            query: `event.action:db-read AND user.name:${p.account} AND kansa.db.object:SalesDB.dbo.Customers AND kansa.db.client:Python`,
            minCount: PAGES,
          },
        ],
      },
      t,
      end,
    );
  },
} satisfies ScenarioDef;
