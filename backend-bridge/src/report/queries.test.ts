import { auditSections as appAuditSections } from '../../../app-plugin/src/pages/audit-queries';
import { attendanceSheet, auditSections, riskRanking } from './queries';

// The report runs the pages' queries; written twice (the bridge cannot load the app at run time), they must not drift.
describe('report queries', () => {
  it('are the audit page sections, query for query', () => {
    const app = appAuditSections();
    const ours = auditSections();
    expect(ours.map((s) => ({ refId: s.refId, title: s.title, query: s.query }))).toEqual(
      app.map((s) => ({ refId: s.refId, title: s.title, query: s.query })),
    );
    expect(ours).toHaveLength(4);
  });

  it('narrow to a department the way the pages write a filter', () => {
    expect(attendanceSheet('人事').query).toBe('kansa.user.department:"人事"');
    expect(attendanceSheet('sales').query).toBe('kansa.user.department:sales');
    expect(riskRanking().riskEntity).toBe('user');
    expect(auditSections('経理')[1].query.query).toMatch(/^\(.+\) AND kansa\.user\.department:"経理"$/);
  });
});
