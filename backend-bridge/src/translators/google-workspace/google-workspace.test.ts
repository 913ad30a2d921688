import { describeGoldenCases, GOLDEN_CONTEXT } from '../../translate/testing/golden';
import { googleWorkspaceFormat } from '.';
import { mapActivity, RULES } from './map';

const origin = { source: 't', line: 1, offset: 0 };

/** The event a rule's sample activity holds. */
const eventOf = (id: string): unknown =>
  (JSON.parse(RULES.rules.find((r) => r.id === id)!.sample) as { events: unknown[] }).events[0];

describe('google-workspace', () => {
  it('translates every sample of the rule table', () => {
    for (const rule of RULES.rules) {
      const [ev] = mapActivity(rule.sample);
      expect(ev['kansa.message.en']).not.toMatch(/undefined/);
    }
  });

  it('says who opened a file to anyone with the link, and that it went external', () => {
    const [visibility, scope] = mapActivity(
      JSON.stringify({
        id: { time: '2026-10-02T01:20:03.000Z', uniqueQualifier: '33', applicationName: 'drive' },
        actor: { email: 'tanaka@example.co.jp' },
        ipAddress: '203.0.113.24',
        events: [eventOf('drive.change_document_visibility'), eventOf('drive.change_document_access_scope')],
      }),
    );
    expect(visibility).toMatchObject({
      'user.name': 'tanaka',
      // Anyone with the link: the action Microsoft 365's anonymous links carry, so one rule sees both.
      'event.action': 'anonymous-link-created',
      'event.code': 'change_document_visibility',
      'kansa.access.operation': 'permission-change',
      'event.id': '33-0',
      'kansa.message.en':
        'tanaka changed the visibility of 顧客台帳 in Google Drive from 203.0.113.24 (private → anyone with the link, now external)',
    });
    expect(scope['event.id']).toBe('33-1');
    // Narrowed back to specific people: a visibility change, not a new anonymous link.
    const [narrowed] = mapActivity(
      JSON.stringify({
        id: { time: '2026-10-02T01:25:00.000Z', uniqueQualifier: '34', applicationName: 'drive' },
        actor: { email: 'tanaka@example.co.jp' },
        events: [
          {
            type: 'acl_change',
            name: 'change_document_visibility',
            parameters: [
              { name: 'doc_title', value: '顧客台帳' },
              { name: 'visibility', value: 'shared_internally' },
              { name: 'old_visibility', value: 'people_with_link' },
            ],
          },
        ],
      }),
    );
    expect(narrowed['event.action']).toBe('change-document-visibility');
    expect(scope['kansa.message.ja']).toBe(
      'tanaka が 203.0.113.24 から Google ドライブの 顧客台帳 のリンク共有の権限を変更しました(リンクを知っている全員: なし → 閲覧者)',
    );
  });

  it('keeps the good activities of a page with one broken activity', () => {
    const page = JSON.stringify({
      kind: 'admin#reports#activities',
      items: [
        { id: { time: '2026-10-01T00:00:00Z', applicationName: 'login' }, events: [{ name: 'logout' }] },
        { id: { time: 'bad' } },
      ],
    });
    const events = googleWorkspaceFormat.translate({ text: page, origin }, GOLDEN_CONTEXT);
    expect(events.map((e) => e['kansa.parse.status'] ?? 'ok')).toEqual(['ok', 'failed']);
    expect(events[1]['event.original']).toBe('{"id":{"time":"bad"}}');
  });

  it('fails an empty page with a reason instead of returning nothing', () => {
    expect(() =>
      googleWorkspaceFormat.translate(
        { text: '{"kind":"admin#reports#activities","etag":"x"}', origin },
        GOLDEN_CONTEXT,
      ),
    ).toThrow(/no activities/);
  });

  it('detects pages and single activities, not other JSON', () => {
    expect(googleWorkspaceFormat.detect('{\n  "kind": "admin#reports#activities",\n  "items": [')).toBeGreaterThan(
      0.95,
    );
    expect(
      googleWorkspaceFormat.detect(
        '{"id":{"time":"2026-10-01T00:00:00Z","uniqueQualifier":"1","applicationName":"drive"}',
      ),
    ).toBeGreaterThan(0.9);
    expect(googleWorkspaceFormat.detect('{"Records":[{"eventVersion":"1.10","eventSource":"iam.amazonaws.com"')).toBe(
      0,
    );
  });
});

describeGoldenCases(__dirname);
