import { deptSite } from '../logs/cloud';
import { MINUTE } from '../time';
import type { ScenarioDef } from './types';

const FOLDER = 'Shared Documents/機密';

/**
 * Day 4, 17:48: the watchlisted leaver opens two files of their department's confidential SharePoint folder, then
 * creates an anonymous ("anyone with the link") link to the whole folder: Microsoft 365's unified audit log records
 * FileAccessed and AnonymousLinkCreated. The ordinary month has internal shares and approved partner links only.
 */
export default {
  id: 'public-share-confidential',
  rules: ['insider-public-share'],
  days: (plan) => [plan.workDay(4)],
  present: (plan, cast) => [[cast.leaver, plan.workDay(4)]],
  play(scene, d, rng) {
    const { leaver } = scene.cast;
    if (!leaver) return;
    const { cloud } = scene.logs;
    const siteUrl = deptSite(leaver);
    const t = scene.at(d, 17, 48);
    const files = ['評価一覧_2026上期.xlsx', '給与改定案_2027.xlsx'];
    files.forEach((name, i) =>
      cloud.sharePoint(t + i * 2 * MINUTE, leaver, 'FileAccessed', { siteUrl, relativeUrl: FOLDER, name }, rng),
    );
    const shared = t + 6 * MINUTE;
    const folder = { siteUrl, relativeUrl: 'Shared Documents', name: '機密', folder: true };
    cloud.sharePoint(shared, leaver, 'AnonymousLinkCreated', folder, rng, { linkType: 'View' });
    scene.record(
      {
        id: 'public-share-confidential',
        title: 'Anyone-with-the-link share of a confidential SharePoint folder',
        who: leaver.account,
        what: `${leaver.account} creates an anonymous link to ${siteUrl}${FOLDER} (AnonymousLinkCreated in the unified audit log)`,
        monitoringPoint: 'Insider: sharing scope changes (anyone links)',
        useCase: '2 insider',
        detections: [
          {
            description: 'anonymous link created by the leaver',
            query: `event.action:anonymous-link-created AND user.name:${leaver.account}`,
            minCount: 1,
          },
          {
            description: 'the link is to the confidential folder',
            query: `event.action:anonymous-link-created AND file.path:*機密`,
            minCount: 1,
          },
        ],
      },
      t,
      shared,
    );
  },
} satisfies ScenarioDef;
