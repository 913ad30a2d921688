import { FIELD as F } from '@kansa/schema/fields';

import { DASHBOARDS } from '../dashboards';
import { PERSON_PAGE_ANNOTATION, ruleGroups } from './grafana';
import { RULES } from './index';
import { defaultSettings } from './settings';

describe('alerts about one person link to their person page', () => {
  const settings = defaultSettings(RULES);
  const rules = ruleGroups(RULES, settings, 'kansa', DASHBOARDS, 'installer').flatMap((g) => g.rules) as Array<{
    uid: string;
    annotations: Record<string, string>;
  }>;
  const byUser = RULES.filter(
    (r) => r.scenario?.label === F.userName || r.queries(settings).some((q) => q.query.queryType === 'risk'),
  );

  it('every rule whose alerts carry user.name has the link, built from Grafana’s external URL', () => {
    expect(byUser.length).toBeGreaterThanOrEqual(5);
    for (const r of byUser) {
      expect({ rule: r.id, link: rules.find((x) => x.uid === `kansa-${r.id}`)!.annotations.person_page }).toEqual({
        rule: r.id,
        link: PERSON_PAGE_ANNOTATION,
      });
    }
    expect(PERSON_PAGE_ANNOTATION).toBe(
      '{{ externalURL }}/a/kansa-logs-app/person?user={{ index $labels "user.name" | urlquery }}',
    );
  });

  it('rules about hosts or addresses have none', () => {
    const byHost = rules.filter((x) => ['kansa-failure-ap-errors', 'kansa-cyber-password-spray'].includes(x.uid));
    expect(byHost).toHaveLength(2);
    for (const r of byHost) {
      expect(r.annotations.person_page).toBeUndefined();
    }
  });
});
