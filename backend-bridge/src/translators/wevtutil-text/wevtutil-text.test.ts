import { describeGoldenCases } from '../../translate/testing/golden';
import { wevtutilText } from '.';
import { readSecurityMessage, readSysmonMessage } from './message';

describe('wevtutil-text', () => {
  it('detects the text rendering with or without the colon after Event[N]', () => {
    expect(
      wevtutilText.detect('Event[0]:\r\n  Log Name: Security\r\n  Source: Microsoft-Windows-Security-Auditing\r\n'),
    ).toBeGreaterThan(0.5);
    expect(wevtutilText.detect('C:\\>wevtutil qe Security /f:text\nEvent[0]\n  Log Name: Security\n')).toBeGreaterThan(
      0.5,
    );
    expect(wevtutilText.detect('Event[0]: something else\nhello')).toBe(0);
  });

  it('reads sections, top-level labels and continued values back into EventData names', () => {
    const msg =
      'An account failed to log on.\n\nSubject:\n\tSecurity ID:\t\tS-1-0-0\n\nLogon Type:\t\t\t3\n\nAccount For Which Logon Failed:\n\tAccount Name:\t\tadmin\n\nPrivileges:\t\tSeBackupPrivilege\n\t\t\tSeDebugPrivilege\n\nThe subject fields indicate:\n\t- a note';
    expect(readSecurityMessage(4625, msg)).toEqual({
      SubjectUserSid: 'S-1-0-0',
      LogonType: '3',
      TargetUserName: 'admin',
      PrivilegeList: 'SeBackupPrivilege\nSeDebugPrivilege',
    });
    expect(
      readSecurityMessage(
        4688,
        'Process Information:\n\tToken Elevation Type:\tTokenElevationTypeFull (2)\n\tOdd Label:\tx',
      ),
    ).toEqual({ TokenElevationType: '%%1937', ProcessInformation_OddLabel: 'x' });
    expect(readSysmonMessage('Process Create:\nImage: C:\\a.exe\nParentImage: C:\\b.exe')).toEqual({
      Image: 'C:\\a.exe',
      ParentImage: 'C:\\b.exe',
    });
  });
});

describeGoldenCases(__dirname);
