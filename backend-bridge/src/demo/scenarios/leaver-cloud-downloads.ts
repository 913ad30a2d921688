import type { Employee } from '../company';
import { deptSite, oneDrive, type Item } from '../logs/cloud';
import { EXTS, SHARE_FILES } from '../office';
import type { SpOperation } from '../render/m365';
import type { Rng } from '../rng';
import type { Scene } from './scene';
import type { ScenarioDef } from './types';

/** What the leaver pulls on each of the last three working days, and how. */
const PULLS: ReadonlyArray<{ hh: number; mm: number; op: SpOperation; count: number; gapSec: [number, number] }> = [
  // The OneDrive sync client set to sync the team site's case library: a file every few seconds.
  { hh: 16, mm: 30, op: 'FileSyncDownloadedFull', count: 90, gapSec: [2, 6] },
  // The browser: the confidential and customer folders, one download after another.
  { hh: 12, mm: 40, op: 'FileDownloaded', count: 60, gapSec: [10, 40] },
  // The browser again: the own OneDrive and what is left of the team site.
  { hh: 16, mm: 0, op: 'FileDownloaded', count: 70, gapSec: [10, 40] },
];
const TOTAL = PULLS.reduce((n, p) => n + p.count, 0);
const FOLDERS = ['Shared Documents/案件', 'Shared Documents/機密', 'Shared Documents/顧客'];

/**
 * The watchlisted leaver's last three working days (their departure date is just after the period): 220 files pulled
 * out of SharePoint and OneDrive, 90 by the OneDrive sync client (FileSyncDownloadedFull) and 130 in the browser
 * (FileDownloaded). In the ordinary month a person downloads one to four files on one day in ten.
 */
export default {
  id: 'leaver-cloud-downloads',
  rules: ['insider-leaver-cloud-downloads'],
  days: (plan) => plan.work.slice(-PULLS.length),
  present: (plan, cast) => plan.work.slice(-PULLS.length).map((d) => [cast.leaver, d]),
  play(scene, d, rng) {
    const { leaver } = scene.cast;
    if (!leaver) return;
    const days = scene.plan.work.slice(-PULLS.length);
    const k = days.indexOf(d);
    const pull = PULLS[k];
    let t = scene.at(d, pull.hh, pull.mm);
    for (let i = 0; i < pull.count; i++) {
      scene.logs.cloud.sharePoint(t, leaver, pull.op, item(leaver, k, i, rng), rng);
      t += rng.int(pull.gapSec[0], pull.gapSec[1]) * 1000;
    }
    if (k === days.length - 1) record(scene, leaver, scene.at(days[0], PULLS[0].hh, PULLS[0].mm), t);
  },
} satisfies ScenarioDef;

/** Day 0 syncs the case library; day 1 the confidential and customer folders; day 2 the own OneDrive and the rest. */
function item(p: Employee, k: number, i: number, rng: Rng): Item {
  const name = `${rng.pick(SHARE_FILES)}_${i + 1}${rng.pick(EXTS)}`;
  if (k === 0) return { siteUrl: deptSite(p), relativeUrl: FOLDERS[0], name };
  if (k === 1) return { siteUrl: deptSite(p), relativeUrl: FOLDERS[1 + (i % 2)], name };
  return i % 2 === 0
    ? { siteUrl: oneDrive(p), relativeUrl: 'Documents', name }
    : { siteUrl: deptSite(p), relativeUrl: rng.pick(FOLDERS), name };
}

function record(scene: Scene, leaver: Employee, start: number, end: number): void {
  const sync = PULLS.filter((p) => p.op === 'FileSyncDownloadedFull').reduce((n, p) => n + p.count, 0);
  scene.record(
    {
      id: 'leaver-cloud-downloads',
      title: 'A leaver pulls hundreds of files from SharePoint and OneDrive in their last days',
      who: leaver.account,
      what: `${leaver.account} downloads ${TOTAL} files from ${deptSite(leaver)} and their OneDrive over the last ${PULLS.length} working days: ${sync} with the OneDrive sync client (FileSyncDownloadedFull), ${TOTAL - sync} in the browser (FileDownloaded)`,
      monitoringPoint: 'Insider: cloud downloads by a leaver',
      useCase: '2 insider',
      detections: [
        {
          description: 'the sync client copies the case library to the PC',
          query: `event.action:file-sync-downloaded AND user.name:${leaver.account}`,
          minCount: sync,
        },
        // By folder: ordinary downloads (the benign month too) come from the team folders and OneDrive only.
        ...FOLDERS.slice(1).map((folder) => ({
          description: `files downloaded in the browser from ${folder}`,
          query: `event.action:file-downloaded AND user.name:${leaver.account} AND file.directory:"${folder}"`,
          minCount: PULLS[1].count / 2,
        })),
      ],
    },
    start,
    end,
  );
}
