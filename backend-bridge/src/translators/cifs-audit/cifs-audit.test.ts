import { describeGoldenCases, GOLDEN_CONTEXT } from '../../translate/testing/golden';
import { cifsAuditFormat } from './index';

const origin = { source: 't', line: 1, offset: 0 };

const READ = `<Event><System><Provider Name="NetApp-Security-Auditing" Guid="{3CB2A168-FE19-4A4E-BDAD-DCF422F13473}"/><EventID>4663</EventID><EventName>Read Object</EventName><Source>CIFS</Source><Result>Audit Success</Result><TimeCreated SystemTime="2026-10-01T00:00:01.015494000Z"/><Computer>c1/vs1</Computer></System><EventData><Data Name="SubjectIP" IPVersion="4">10.0.1.23</Data><Data Name="SubjectUserName">yamada</Data><Data Name="ObjectType">File</Data><Data Name="ObjectName">(vol1);/share/dev/design.xlsx</Data><Data Name="AccessList">%%4416 </Data></EventData></Event>`;

describe('cifs-audit (NetApp ONTAP)', () => {
  it('detects NetApp XML ahead of Windows XML', () => {
    expect(cifsAuditFormat.detect(READ)).toBeGreaterThan(0.95);
    expect(
      cifsAuditFormat.detect(
        '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Microsoft-Windows-Security-Auditing"/>',
      ),
    ).toBe(0);
  });

  it('reads a file read', () => {
    const [e] = cifsAuditFormat.translate({ text: READ, origin }, GOLDEN_CONTEXT);
    expect(e).toMatchObject({
      '@timestamp': '2026-10-01T00:00:01.015Z',
      'host.name': 'vs1',
      'user.name': 'yamada',
      'source.ip': '10.0.1.23',
      'file.path': '/share/dev/design.xlsx',
      'file.extension': 'xlsx',
      'kansa.access.operation': 'read',
      'event.action': 'read-file',
      'kansa.message.ja': 'yamada が vs1 上の /share/dev/design.xlsx を読み取りました(ボリューム vol1、10.0.1.23 から)',
      'kansa.message.en': 'yamada read /share/dev/design.xlsx on vs1 (volume vol1, from 10.0.1.23)',
    });
  });
});

describeGoldenCases(__dirname);
