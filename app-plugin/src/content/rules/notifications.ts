/**
 * Who hears about a Kansa alert: contact points and the notification policy tree, in Grafana's file provisioning
 * format. Cyber alerts go to the security team's mail and chat (critical ones to Teams too); insider, attendance and
 * audit alerts name people under suspicion or their working hours, so they go only to the compliance mailbox, never
 * to a chat channel.
 *
 * The generator writes it as `provisioning/alerting/kansa-notifications.yaml.example`, which Grafana does not load:
 * Grafana rejects an email contact point without addresses and a webhook without a URL, and a provisioned policy
 * tree replaces the organisation's whole tree, so an admin sets the KANSA_ALERT_* variables and renames the file
 * (docs/content.md says how). Values are `$VAR` placeholders Grafana expands from its environment at provisioning.
 */
type Json = Record<string, unknown>;

export type Matcher = [label: string, op: '=' | '!=' | '=~' | '!~', value: string];

export interface Route {
  receiver: string;
  object_matchers?: Matcher[];
  continue?: boolean;
  group_by?: string[];
  group_wait?: string;
  group_interval?: string;
  repeat_interval?: string;
  routes?: Route[];
}

/** The environment variables the contact points read, with what to put there. */
export const NOTIFICATION_ENV = {
  KANSA_ALERT_SECURITY_EMAIL: 'security team addresses, `;`-separated (cyber alerts)',
  KANSA_ALERT_COMPLIANCE_EMAIL: 'compliance / HR addresses, `;`-separated (insider, attendance, audit alerts)',
  KANSA_ALERT_SLACK_WEBHOOK_URL: 'Slack incoming webhook URL (cyber alerts)',
  KANSA_ALERT_TEAMS_WEBHOOK_URL: 'Microsoft Teams workflow webhook URL (critical cyber and failure alerts)',
} as const;

export const RECEIVERS = {
  securityEmail: 'Kansa セキュリティ担当 (メール)',
  complianceEmail: 'Kansa コンプライアンス担当 (メール)',
  slack: 'Kansa セキュリティ担当 (Slack)',
  teams: 'Kansa 緊急 (Teams)',
} as const;

const env = (name: keyof typeof NOTIFICATION_ENV) => `$${name}`;

function contactPoints(): Json[] {
  const point = (name: string, uid: string, type: string, settings: Json) => ({
    orgId: 1,
    name,
    receivers: [{ uid, type, settings, disableResolveMessage: false }],
  });
  return [
    point(RECEIVERS.securityEmail, 'kansa-security-email', 'email', {
      addresses: env('KANSA_ALERT_SECURITY_EMAIL'),
      singleEmail: true,
    }),
    point(RECEIVERS.complianceEmail, 'kansa-compliance-email', 'email', {
      addresses: env('KANSA_ALERT_COMPLIANCE_EMAIL'),
      singleEmail: true,
    }),
    point(RECEIVERS.slack, 'kansa-slack', 'slack', { url: env('KANSA_ALERT_SLACK_WEBHOOK_URL') }),
    point(RECEIVERS.teams, 'kansa-teams', 'teams', { url: env('KANSA_ALERT_TEAMS_WEBHOOK_URL') }),
  ];
}

/** Only alerts carrying `kansa_rule_id` enter the Kansa subtree; anything else falls to the root receiver. */
export function policyTree(): Route {
  const personal = 'insider|attendance|audit';
  return {
    receiver: RECEIVERS.securityEmail,
    group_by: ['grafana_folder', 'alertname'],
    routes: [
      {
        receiver: RECEIVERS.securityEmail,
        object_matchers: [['kansa_rule_id', '=~', '.+']],
        // Every label (Alertmanager's '...', which must stand alone): one notification per rule and person or host,
        // so two leavers never share a mail.
        group_by: ['...'],
        group_wait: '30s',
        group_interval: '5m',
        repeat_interval: '4h',
        routes: [
          {
            receiver: RECEIVERS.teams,
            object_matchers: [
              ['use_case', '=', 'cyber'],
              ['severity', '=', 'critical'],
            ],
            continue: true,
            repeat_interval: '1h',
          },
          { receiver: RECEIVERS.slack, object_matchers: [['use_case', '=', 'cyber']], continue: true },
          { receiver: RECEIVERS.securityEmail, object_matchers: [['use_case', '=', 'cyber']] },
          { receiver: RECEIVERS.teams, object_matchers: [['use_case', '=', 'failure']] },
          {
            receiver: RECEIVERS.complianceEmail,
            object_matchers: [
              ['use_case', '=~', personal],
              ['severity', '=~', 'critical|high'],
            ],
            repeat_interval: '12h',
          },
          {
            receiver: RECEIVERS.complianceEmail,
            object_matchers: [['use_case', '=~', personal]],
            repeat_interval: '24h',
          },
        ],
      },
    ],
  };
}

/** Grafana's alerting file provisioning (apiVersion 1): contact points and the policy tree of org 1. */
export function notificationsFile(): Json {
  return { apiVersion: 1, contactPoints: contactPoints(), policies: [{ orgId: 1, ...policyTree() }] };
}

export function notificationsDoc(): string {
  const rows = Object.entries(NOTIFICATION_ENV).map(([k, v]) => `| \`${k}\` | ${v} |`);
  return [
    '',
    '## Contact points and notification policy',
    '',
    "`provisioning/alerting/kansa-notifications.yaml.example` (generated from `app-plugin/src/content/rules/notifications.ts`): cyber alerts go to the security mail and Slack (critical ones also to Teams), failure alerts to Teams, insider/attendance/audit alerts only to the compliance mailbox (they name people). Grafana rejects contact points without an address or URL and a provisioned policy tree replaces the organisation's, so the file is not loaded until an admin sets these variables in Grafana's environment and renames it to `kansa-notifications.yaml`:",
    '',
    '| variable | value |',
    '|---|---|',
    ...rows,
    '',
  ].join('\n');
}
