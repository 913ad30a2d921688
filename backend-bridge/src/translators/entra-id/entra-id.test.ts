import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { translateBuffer } from '../../translate/run';
import { describeGoldenCases, GOLDEN_CONTEXT } from '../../translate/testing/golden';
import { entraIdFormat } from '.';

const origin = { source: 't', line: 1, offset: 0 };

describe('entra-id', () => {
  it('reads a failed sign-in with its error and reason', () => {
    const text =
      '{"id":"1","createdDateTime":"2026-10-01T00:02:10Z","userDisplayName":"鈴木 花子","userPrincipalName":"suzuki@contoso.co.jp","ipAddress":"198.51.100.77","appDisplayName":"Office 365 Exchange Online","conditionalAccessStatus":"notApplied","status":{"errorCode":50126,"failureReason":"Invalid username or password."},"location":{"city":"Amsterdam","countryOrRegion":"NL"}}';
    const [ev] = entraIdFormat.translate({ text, origin }, GOLDEN_CONTEXT);
    expect(ev).toMatchObject({
      'user.name': 'suzuki',
      'user.full_name': '鈴木 花子',
      'source.ip': '198.51.100.77',
      'event.action': 'logon-failed',
      'error.code': '50126',
      'kansa.message.en':
        'suzuki failed to sign in to Office 365 Exchange Online from 198.51.100.77 (NL Amsterdam) (error 50126 Invalid username or password.)',
    });
  });

  it('names the target user and group of a membership change', () => {
    const lines = readFileSync(join(__dirname, 'testdata', 'diagnostic-storage-pt1h', 'case.input'), 'utf8').split(
      '\n',
    );
    const [ev] = entraIdFormat.translate({ text: lines[4], origin }, GOLDEN_CONTEXT);
    expect(ev).toMatchObject({
      'user.name': 'sato',
      'user.target.name': 'ext.contractor01',
      'group.name': '経理部',
      'event.action': 'add-member-to-group',
      'event.category': ['iam'],
    });
  });

  it('refuses a diagnostic record of another category, keeping it as a failure', () => {
    expect(() =>
      entraIdFormat.translate({ text: '{"category":"RiskyUsers","properties":{}}', origin }, GOLDEN_CONTEXT),
    ).toThrow(/found category RiskyUsers/);
  });

  it('detects each layout', () => {
    for (const name of ['diagnostic-storage-pt1h', 'portal-download-json', 'ugly-eventhub-batch-cut']) {
      const { stream } = translateBuffer(readFileSync(join(__dirname, 'testdata', name, 'case.input')), {
        source: name,
        ctx: GOLDEN_CONTEXT,
      });
      expect(stream.format?.id).toBe('entra-id');
    }
  });
});

describeGoldenCases(__dirname);
