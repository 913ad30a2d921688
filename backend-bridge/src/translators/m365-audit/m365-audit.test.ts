import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { translateBuffer } from '../../translate/run';
import { describeGoldenCases, GOLDEN_CONTEXT } from '../../translate/testing/golden';
import { m365AuditCsv, m365AuditJson } from '.';
import { ipOf } from './map';

const origin = { source: 't', line: 1, offset: 0 };

describe('m365-audit', () => {
  it('reads client addresses with ports and brackets', () => {
    expect(ipOf('203.0.113.5:51234')).toBe('203.0.113.5');
    expect(ipOf('[2001:db8::5]:443')).toBe('2001:db8::5');
    expect(ipOf('2001:db8::5')).toBe('2001:db8::5');
    expect(ipOf('not an ip')).toBeUndefined();
  });

  it('makes an anonymous link a permission change on the file, with the person by the part before @', () => {
    const text =
      '{"CreationTime":"2026-10-01T00:11:02","Id":"x","Operation":"AnonymousLinkCreated","OrganizationId":"o","RecordType":14,"Workload":"OneDrive","UserId":"tanaka@contoso.co.jp","ClientIP":"203.0.113.24","ObjectId":"https://contoso-my.sharepoint.com/personal/t/Documents/a.docx","SourceFileName":"a.docx","EventData":"<Type>View</Type>"}';
    const [ev] = m365AuditJson.translate({ text, origin }, GOLDEN_CONTEXT);
    expect(ev).toMatchObject({
      '@timestamp': '2026-10-01T00:11:02.000Z',
      'user.name': 'tanaka',
      'user.email': 'tanaka@contoso.co.jp',
      'event.action': 'anonymous-link-created',
      'kansa.access.operation': 'permission-change',
      'file.name': 'a.docx',
      'kansa.message.en':
        'tanaka created an anonymous (anyone) link to a.docx in OneDrive from 203.0.113.24 (View access)',
    });
  });

  it('says which column is wrong when AuditData holds no JSON', () => {
    expect(() =>
      m365AuditCsv.translate(
        { text: 'a,b,c,oops', origin, header: ['CreationDate', 'UserIds', 'Operations', 'AuditData'] },
        GOLDEN_CONTEXT,
      ),
    ).toThrow(/AuditData column \(4\)/);
  });

  it('detects the API content, the Purview export and the older export', () => {
    for (const [name, format] of [
      ['management-api-content', 'm365-audit-json'],
      ['purview-export-csv', 'm365-audit-csv'],
      ['ugly-old-export-cut', 'm365-audit-csv'],
    ]) {
      const { stream } = translateBuffer(readFileSync(join(__dirname, 'testdata', name, 'case.input')), {
        source: name,
        ctx: GOLDEN_CONTEXT,
      });
      expect(stream.format?.id).toBe(format);
    }
    expect(m365AuditJson.detect('{"eventVersion":"1.10","eventTime":"2026-10-01T00:00:00Z"}')).toBe(0);
  });
});

describeGoldenCases(__dirname);
