import type { Employee } from '../company';
import { deptSite, guid, oneDrive, type Item } from '../logs/cloud';
import type { Month } from '../month';
import { EXTS, SHARE_FILES } from '../office';
import type { Rng } from '../rng';
import { MINUTE } from '../time';

/** Partner contacts the company shares with on purpose (approved guests: specific-people links, view only). */
export const PARTNERS = [
  'yamada@kyoei-buhin.co.jp',
  'sato.k@tokai-logi.co.jp',
  'nishimura@nishi-design.co.jp',
  'lee@globex-trading.com',
];
/** Departments that work with partners. */
const PARTNER_DEPTS = new Set(['eigyo', 'kaihatsu', 'seizo']);
const TEAM_FOLDERS = ['共有', '案件', '定例', '資料'];

/**
 * Microsoft 365 on an ordinary working day, for everyone who was at their PC: files opened and saved on the
 * department's SharePoint site or their OneDrive, now and then a file shared with a colleague or an organization-wide
 * link, and in the departments that work with partners a specific-people link for an approved partner contact.
 * Now and then a file or a few downloaded to the PC. Never an anonymous link: the company allows those only by exception, so the demo's anonymous link is a scenario.
 * Runs after the day's sessions, from its own random stream, so no other log changes.
 */
export function cloudDay(m: Month, day: number, d: number): void {
  if (m.isOffDay(day)) return;
  const rng = m.cloudRng.fork(`day-${d}`);
  for (const { p, arrive, leave } of m.book.worked(day)) {
    if (!p.night && leave - arrive > 2 * 60 * MINUTE) personCloud(m, p, arrive, leave, rng.fork(p.account));
  }
}

function personCloud(m: Month, p: Employee, arrive: number, leave: number, rng: Rng): void {
  const { cloud } = m.logs;
  const at = () => arrive + 15 * MINUTE + rng.int(0, leave - arrive - 30 * MINUTE);
  const file = (own: boolean): Item =>
    own
      ? { siteUrl: oneDrive(p), relativeUrl: 'Documents', name: fileName(rng) }
      : { siteUrl: deptSite(p), relativeUrl: `Shared Documents/${rng.pick(TEAM_FOLDERS)}`, name: fileName(rng) };
  for (let i = rng.int(0, 3); i > 0; i--) {
    const roll = rng.next();
    const op = roll < 0.65 ? 'FileAccessed' : roll < 0.9 ? 'FileModified' : 'FileUploaded';
    cloud.sharePoint(at(), p, op, file(rng.chance(0.3)), rng);
  }
  if (rng.chance(0.05)) {
    const colleagues = m.people.filter((c) => c.dept === p.dept && c !== p);
    const to = colleagues.length > 0 ? rng.pick(colleagues) : undefined;
    if (to) {
      const sharing = {
        target: to.email,
        targetType: 'Member' as const,
        linkType: rng.pick(['View', 'Edit'] as const),
      };
      cloud.sharePoint(at(), p, 'SharingSet', file(rng.chance(0.5)), rng, sharing);
    }
  }
  if (rng.chance(0.02)) cloud.sharePoint(at(), p, 'CompanyLinkCreated', file(false), rng, { linkType: 'View' });
  if (PARTNER_DEPTS.has(p.dept.code) && rng.chance(0.03)) {
    const t = at();
    const item = file(false);
    const sharingId = guid(rng);
    const link = { linkType: 'View' as const, sharingId };
    const correlation = cloud.sharePoint(t, p, 'SecureLinkCreated', item, rng, link);
    const guest = { ...link, target: rng.pick(PARTNERS), targetType: 'Guest' as const };
    cloud.sharePoint(t + 1000, p, 'AddedToSecureLink', item, rng, guest, correlation);
  }
  // A file saved to the PC to work offline or attach to a mail, one to four at a time: never a whole library. Drawn
  // last, so everything above is as before.
  if (rng.chance(0.1))
    for (let i = rng.int(1, 4); i > 0; i--) cloud.sharePoint(at(), p, 'FileDownloaded', file(rng.chance(0.3)), rng);
}

const fileName = (rng: Rng): string => `${rng.pick(SHARE_FILES)}_${rng.int(1, 40)}${rng.pick(EXTS)}`;
