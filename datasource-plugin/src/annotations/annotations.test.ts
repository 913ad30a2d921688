import { FieldType, toDataFrame, type AnnotationQuery } from '@grafana/data';
import { FIELD } from '@kansa/schema/fields';
import { firstValueFrom } from 'rxjs';

import type { KansaQuery } from '../types';
import { labelTags, logFramesToAnnotations } from './events';
import { kansaAnnotations } from './support';

// A logs frame as the backend returns it (names per CONTRACTS.md): newest first.
const frame = toDataFrame({
  fields: [
    {
      name: 'timestamp',
      type: FieldType.time,
      values: [Date.parse('2026-10-16T03:26:21Z'), Date.parse('2026-10-16T03:25:21Z')],
    },
    {
      name: 'body',
      type: FieldType.string,
      values: ['長谷川 誠 が Domain Admins に追加されました', '長谷川 誠 が 203.0.113.77 からログオンしました'],
    },
    { name: 'severity', type: FieldType.string, values: ['warning', 'info'] },
    { name: 'id', type: FieldType.string, values: ['ev-2', 'ev-1'] },
    {
      name: 'labels',
      type: FieldType.other,
      values: [
        {
          [FIELD.userName]: 'hasegawa.m',
          [FIELD.eventAction]: 'added-member-to-group',
          [FIELD.groupName]: 'Domain Admins',
        },
        JSON.stringify({
          [FIELD.userName]: 'hasegawa.m',
          [FIELD.eventAction]: 'logged-in',
          [FIELD.eventCategory]: ['authentication', 'session'],
        }),
      ],
    },
  ],
});

describe('annotations from log frames', () => {
  it('take the time from timestamp, the text from body and tags from labels, oldest first', () => {
    expect(logFramesToAnnotations([frame])).toEqual([
      {
        id: 'ev-1',
        time: Date.parse('2026-10-16T03:25:21Z'),
        text: '長谷川 誠 が 203.0.113.77 からログオンしました',
        tags: [
          `${FIELD.eventAction}:logged-in`,
          `${FIELD.eventCategory}:authentication`,
          `${FIELD.eventCategory}:session`,
          `${FIELD.userName}:hasegawa.m`,
        ],
      },
      {
        id: 'ev-2',
        time: Date.parse('2026-10-16T03:26:21Z'),
        text: '長谷川 誠 が Domain Admins に追加されました',
        tags: [
          `${FIELD.eventAction}:added-member-to-group`,
          `${FIELD.groupName}:Domain Admins`,
          `${FIELD.userName}:hasegawa.m`,
        ],
      },
    ]);
  });

  it('limit tags to the chosen fields in their order', () => {
    expect(labelTags({ b: '1', a: '2', c: '' }, ['c', 'a', 'missing'])).toEqual(['a:2']);
    expect(labelTags('not json')).toEqual([]);
  });

  it('skip frames that are not log frames', () => {
    expect(logFramesToAnnotations([toDataFrame({ fields: [{ name: 'value', values: [1] }] })])).toEqual([]);
  });
});

describe('annotation support', () => {
  it('runs the target as a logs query, migrating a top-level query string', () => {
    const anno = kansaAnnotations.prepareAnnotation!({
      name: 'Scenarios',
      enable: true,
      iconColor: 'red',
      query: 'event.code:4728',
    } as AnnotationQuery<KansaQuery>);
    expect(kansaAnnotations.prepareQuery!(anno)).toEqual({
      refId: 'KansaAnnotations',
      queryType: 'logs',
      query: 'event.code:4728',
      queryModelVersion: 1,
    });
    expect(kansaAnnotations.getDefaultQuery!()).toMatchObject({ queryType: 'logs', limit: 100 });
  });

  it('keeps a metrics target from becoming anything but logs', () => {
    const anno = {
      name: 'x',
      enable: true,
      iconColor: 'red',
      target: { refId: 'B', queryType: 'metrics', query: 'a' },
    } as AnnotationQuery<KansaQuery>;
    expect(kansaAnnotations.prepareQuery!(anno)).toMatchObject({ refId: 'B', queryType: 'logs', query: 'a' });
  });

  it('tags each event with the target’s label fields', async () => {
    const anno = {
      name: 'x',
      enable: true,
      iconColor: 'red',
      target: { refId: 'A', queryType: 'logs', query: '', labels: [FIELD.eventAction] },
    } as AnnotationQuery<KansaQuery>;
    const events = await firstValueFrom(kansaAnnotations.processEvents!(anno, [frame]));
    expect(events?.map((e) => e.tags)).toEqual([
      [`${FIELD.eventAction}:logged-in`],
      [`${FIELD.eventAction}:added-member-to-group`],
    ]);
  });
});
