import { machineSubject, subject, type EventData } from '../logs/windows';
import { EXTS, FQDN, SHARE_FILES } from '../office';
import type { Rng } from '../rng';
import { jstDate, MINUTE } from '../time';
import type { Scene } from './scene';
import type { ScenarioDef } from './types';

const REMOVABLE = { task: 12813, taskName: 'Removable Storage' };
const EXPLORER: EventData = [
  ['ProcessId', '0x1d30'],
  ['ProcessName', 'C:\\Windows\\explorer.exe'],
];
const T = '\n\t\t\t\t';

/**
 * Every working day of the second half, the watchlisted leaver: 8 job-site visits at lunch, a USB stick with 12
 * copies at 17:20, 3 large mails to a private gmail.com address, one print job of 120–400 pages.
 */
export default {
  id: 'leaver-exfiltration',
  rules: ['insider-leaver-baseline', 'insider-risk-score'],
  days: (plan) => plan.work,
  present: (plan, cast) => plan.work.map((d) => [cast.leaver, d]),
  play(scene, d, rng) {
    const { leaver } = scene.cast;
    if (!leaver) return;
    const lr = rng.fork('leaver');
    const t = scene.at(d, 12, 10);
    for (let i = 0; i < 8; i++) scene.logs.web.browse(leaver, t + i * 90_000, lr, 'job-site');
    usbCopies(scene, d, lr);
    const [family, given] = [leaver.romaji.split(' ')[1], leaver.romaji.split(' ')[0]];
    for (let i = 0; i < 3; i++) {
      const at = scene.at(d, 17, 40) + i * 4 * MINUTE;
      scene.logs.mail.send(leaver, at, lr, `${family}.${given}1987@gmail.com`, lr.int(5_000_000, 18_000_000));
    }
    const title = `顧客一覧_全件_${jstDate(t).replace(/-/g, '')}.xlsx`;
    scene.logs.office.print(leaver, scene.at(d, 18, 5), lr, lr.int(120, 400), title);
    const { work } = scene.plan;
    if (d === work[0]) record(scene, work.length);
  },
} satisfies ScenarioDef;

/** A SanDisk stick plugged in (6416), then 12 files written to E:\持ち出し (removable storage 4656, 4663, 4658). */
function usbCopies(scene: Scene, d: number, rng: Rng): void {
  const { leaver } = scene.cast;
  const { windows } = scene.logs;
  const comp = `${leaver.host}.${FQDN}`;
  const tu = scene.at(d, 17, 20);
  windows.security(
    'workstations',
    tu,
    comp,
    6416,
    [
      ...machineSubject(leaver.host),
      ['DeviceId', 'USBSTOR\\Disk&Ven_SanDisk&Prod_Ultra&Rev_1.00\\4C530001230915112345&0'],
      ['DeviceDescription', 'SanDisk Ultra USB Device'],
      ['ClassId', '{4d36e967-e325-11ce-bfc1-08002be10318}'],
      ['ClassName', 'DiskDrive'],
      ['VendorIds', 'USBSTOR\\DiskSanDisk_Ultra___________1.00'],
      ['CompatibleIds', 'USBSTOR\\Disk'],
      ['LocationInformation', 'Port_#0002.Hub_#0001'],
    ],
    'A new external device was recognized by the system.',
    { task: 13316, taskName: 'Plug and Play Events' },
  );
  const base = subject(leaver, '0x77aa01');
  let u = tu + 20_000;
  for (let i = 0; i < 12; i++) {
    const h = windows.nextHandle();
    const path = `E:\\持ち出し\\${rng.pick(SHARE_FILES)}_${i + 1}${rng.pick(EXTS)}`;
    const object: EventData = [
      ['ObjectServer', 'Security'],
      ['ObjectType', 'File'],
      ['ObjectName', path],
      ['HandleId', h],
    ];
    windows.security(
      'workstations',
      u,
      comp,
      4656,
      [
        ...base,
        ...object,
        ['TransactionId', '{00000000-0000-0000-0000-000000000000}'],
        ['AccessList', `%%1538${T}%%1541${T}%%4417${T}%%4418${T}%%4420${T}%%4424${T}`],
        ['AccessReason', '-'],
        ['AccessMask', '0x120116'],
        ['PrivilegeList', '-'],
        ['RestrictedSidCount', '0'],
        ...EXPLORER,
        ['ResourceAttributes', '-'],
      ],
      'A handle to an object was requested.',
      { version: 1, ...REMOVABLE },
    );
    const written: EventData = [
      ...base,
      ...object,
      ['AccessList', `%%4417${T}`],
      ['AccessMask', '0x2'],
      ...EXPLORER,
      ['ResourceAttributes', '-'],
    ];
    windows.security('workstations', u + 5, comp, 4663, written, 'An attempt was made to access an object.', {
      version: 1,
      ...REMOVABLE,
    });
    const closed: EventData = [...base, ['ObjectServer', 'Security'], ['HandleId', h], ...EXPLORER];
    windows.security('workstations', u + 40, comp, 4658, closed, 'The handle to an object was closed.', REMOVABLE);
    u += rng.int(4000, 30_000);
  }
}

function record(scene: Scene, days: number): void {
  const { leaver } = scene.cast;
  const { work } = scene.plan;
  const user = `user.name:${leaver.account}`;
  const watched = 'kansa.user.watchlist:true';
  scene.record(
    {
      id: 'leaver-exfiltration',
      title:
        '退職予定者: job-site browsing, USB copies, mail to a private address ' +
        'and heavy printing in the last weeks',
      who: leaver.account,
      what:
        'every working day of the second half: 8 job-site visits, a USB stick with 12 copies, 3 large mails to ' +
        `gmail.com, one 120–400 page print job (departure ${leaver.departureDate})`,
      monitoringPoint: 'Insider: employees about to leave (watchlist)',
      useCase: '2 insider',
      detections: [
        {
          description: 'job-site browsing by a watchlisted user',
          query: `${user} AND kansa.url.category:job-site AND ${watched}`,
          minCount: 8 * days,
        },
        {
          description: 'USB device plugged in',
          query: `event.code:6416 AND kansa.host.owner:${leaver.account}`,
          minCount: days,
        },
        {
          description: 'copies to removable storage',
          query: `${user} AND file.path:E\\:\\\\* AND ${watched}`,
          minCount: 12 * days,
        },
        {
          description: 'mail to a private address',
          query: 'email.direction:outbound AND email.to.address:*@gmail.com',
          minCount: 3 * days,
        },
        {
          description: 'heavy printing',
          query: `${user} AND event.action:document-printed AND kansa.print.pages:>=100 AND ${watched}`,
          minCount: days,
        },
      ],
    },
    scene.at(work[0], 12, 10),
    scene.at(work[work.length - 1], 18, 10),
  );
}
