/**
 * The Entra ID message rule table: one rule per form of record. Diagnostic settings write a sign-in
 * (SignInLogs, NonInteractiveUserSignInLogs, ServicePrincipalSignInLogs) or an audit (AuditLogs) with
 * the event in `properties`; the portal's "Download JSON" and Microsoft Graph give the bare `signIn` or
 * `directoryAudit` object. A rule's sample is such a record; the key is its form.
 */
import { obj, str, type Json } from '../_lib/json';
import { jsonKeyOf } from '../_lib/json-key';
import { isIp } from '../_lib/network';
import { ruleTable, sentenceIn, type MessageRule } from '../_lib/rules';
import { mapAudit, mapSignIn } from './map';

/** The form of a record: diagnostic or Graph, sign-in or audit. */
export function keyOf(r: Json): string | undefined {
  const category = str(r.category);
  const props = obj(r.properties);
  if (props && category && /SignInLogs$/.test(category)) return 'diagnostic-sign-in';
  if (props && category === 'AuditLogs') return 'diagnostic-audit';
  if (
    r.createdDateTime !== undefined &&
    (r.userPrincipalName !== undefined || r.servicePrincipalName !== undefined) &&
    obj(r.status)
  )
    return 'graph-sign-in';
  if (r.activityDateTime !== undefined && r.activityDisplayName !== undefined) return 'graph-audit';
  return undefined;
}

const SAMPLE_DIAGNOSTIC_SIGN_IN =
  '{"time":"2026-10-01T00:00:41.1234567Z","resourceId":"/tenants/5b7e3c1a-2f4d-4e8b-9a6c-0d1e2f3a4b5c/providers/Microsoft.aadiam","operationName":"Sign-in activity","operationVersion":"1.0","category":"SignInLogs","tenantId":"5b7e3c1a-2f4d-4e8b-9a6c-0d1e2f3a4b5c","resultType":"0","resultSignature":"None","resultDescription":"","durationMs":0,"callerIpAddress":"203.0.113.24","correlationId":"c0ffee03-1a2b-4c3d-8e9f-0a1b2c3d4e5f","identity":"田中 太郎","Level":4,"location":"JP","properties":{"id":"c0ffee01-1a2b-4c3d-8e9f-0a1b2c3d4e5f","createdDateTime":"2026-10-01T00:00:41.1234567Z","userDisplayName":"田中 太郎","userPrincipalName":"tanaka@contoso.co.jp","userId":"c0ffee02-1a2b-4c3d-8e9f-0a1b2c3d4e5f","appId":"1fec8e78-bce4-4aaf-ab1b-5451cc387264","appDisplayName":"Microsoft Teams","ipAddress":"203.0.113.24","clientAppUsed":"Browser","correlationId":"c0ffee03-1a2b-4c3d-8e9f-0a1b2c3d4e5f","conditionalAccessStatus":"success","isInteractive":true,"riskDetail":"none","riskLevelAggregated":"none","riskLevelDuringSignIn":"none","riskState":"none","riskEventTypes_v2":[],"resourceDisplayName":"Microsoft Teams Services","resourceId":"cc15fd57-2c6c-4117-a88c-83b1d56b4bbe","status":{"errorCode":0,"failureReason":"Other.","additionalDetails":null},"deviceDetail":{"deviceId":"d1e2f3a4-0000-4000-8000-000000000001","displayName":"PC-TANAKA","operatingSystem":"Windows10","browser":"Edge 129.0.0","isCompliant":true,"isManaged":true,"trustType":"Hybrid Azure AD joined"},"location":{"city":"Tokyo","state":"Tokyo","countryOrRegion":"JP","geoCoordinates":{"altitude":null,"latitude":35.69,"longitude":139.69}},"authenticationRequirement":"multiFactorAuthentication","userType":"Member"}}';

type Rule = MessageRule<Json>;

const RULE_LIST: Rule[] = [
  {
    id: 'diagnostic-sign-in',
    sample: SAMPLE_DIAGNOSTIC_SIGN_IN,
    match: { key: 'diagnostic-sign-in' },
    build(_g, r) {
      const ev = mapSignIn(obj(r.properties)!, str(r.category));
      // The record's own caller address stands in when the sign-in carries none.
      const ip = str(r.callerIpAddress);
      if (!ev['source.ip'] && ip && isIp(ip)) ev['source.ip'] = ip;
      return sentenceIn(ev);
    },
  },
  {
    id: 'diagnostic-audit',
    sample:
      '{"time":"2026-10-01T01:00:21.0000000Z","resourceId":"/tenants/5b7e3c1a-2f4d-4e8b-9a6c-0d1e2f3a4b5c/providers/Microsoft.aadiam","operationName":"Add user","operationVersion":"1.0","category":"AuditLogs","tenantId":"5b7e3c1a-2f4d-4e8b-9a6c-0d1e2f3a4b5c","resultType":"","resultSignature":"None","resultDescription":"","durationMs":0,"callerIpAddress":"203.0.113.51","correlationId":"c0ffee13-1a2b-4c3d-8e9f-0a1b2c3d4e5f","identity":"佐藤 一郎","Level":4,"properties":{"id":"Directory_c0ffee12-1a2b-4c3d-8e9f-0a1b2c3d4e5f","category":"UserManagement","correlationId":"c0ffee13-1a2b-4c3d-8e9f-0a1b2c3d4e5f","result":"success","resultReason":"","activityDisplayName":"Add user","activityDateTime":"2026-10-01T01:00:21.0000000Z","loggedByService":"Core Directory","operationType":"Add","initiatedBy":{"app":null,"user":{"id":"c0ffee10-1a2b-4c3d-8e9f-0a1b2c3d4e5f","displayName":"佐藤 一郎","userPrincipalName":"sato@contoso.co.jp","ipAddress":"203.0.113.51","userType":null,"homeTenantId":null,"homeTenantName":null}},"targetResources":[{"id":"c0ffee11-1a2b-4c3d-8e9f-0a1b2c3d4e5f","displayName":"External Contractor 01","type":"User","userPrincipalName":"ext.contractor01@contoso.co.jp","groupType":null,"modifiedProperties":[{"displayName":"AccountEnabled","oldValue":"[]","newValue":"[true]"},{"displayName":"UserPrincipalName","oldValue":"[]","newValue":"[\\"ext.contractor01@contoso.co.jp\\"]"}]}],"additionalDetails":[]}}',
    match: { key: 'diagnostic-audit' },
    build: (_g, r) => sentenceIn(mapAudit(obj(r.properties)!)),
  },
  {
    id: 'graph-sign-in',
    sample:
      '{"id":"c0ffee01-1a2b-4c3d-8e9f-0a1b2c3d4e5f","createdDateTime":"2026-10-01T00:00:41.1234567Z","userDisplayName":"田中 太郎","userPrincipalName":"tanaka@contoso.co.jp","userId":"c0ffee02-1a2b-4c3d-8e9f-0a1b2c3d4e5f","appId":"1fec8e78-bce4-4aaf-ab1b-5451cc387264","appDisplayName":"Microsoft Teams","ipAddress":"203.0.113.24","clientAppUsed":"Browser","correlationId":"c0ffee03-1a2b-4c3d-8e9f-0a1b2c3d4e5f","conditionalAccessStatus":"success","isInteractive":true,"riskDetail":"none","riskLevelAggregated":"none","riskLevelDuringSignIn":"none","riskState":"none","riskEventTypes_v2":[],"resourceDisplayName":"Microsoft Teams Services","resourceId":"cc15fd57-2c6c-4117-a88c-83b1d56b4bbe","status":{"errorCode":0,"failureReason":"Other.","additionalDetails":null},"deviceDetail":{"deviceId":"d1e2f3a4-0000-4000-8000-000000000001","displayName":"PC-TANAKA","operatingSystem":"Windows10","browser":"Edge 129.0.0","isCompliant":true,"isManaged":true,"trustType":"Hybrid Azure AD joined"},"location":{"city":"Tokyo","state":"Tokyo","countryOrRegion":"JP","geoCoordinates":{"altitude":null,"latitude":35.69,"longitude":139.69}},"authenticationRequirement":"multiFactorAuthentication","userType":"Member"}',
    match: { key: 'graph-sign-in' },
    build: (_g, r) => sentenceIn(mapSignIn(r)),
  },
  {
    id: 'graph-audit',
    sample:
      '{"id":"Directory_c0ffee17-1a2b-4c3d-8e9f-0a1b2c3d4e5f","category":"GroupManagement","correlationId":"c0ffee18-1a2b-4c3d-8e9f-0a1b2c3d4e5f","result":"success","resultReason":"","activityDisplayName":"Add member to group","activityDateTime":"2026-10-01T01:01:02.0000000Z","loggedByService":"Core Directory","operationType":"Assign","initiatedBy":{"app":null,"user":{"id":"c0ffee14-1a2b-4c3d-8e9f-0a1b2c3d4e5f","displayName":"佐藤 一郎","userPrincipalName":"sato@contoso.co.jp","ipAddress":"203.0.113.51","userType":null,"homeTenantId":null,"homeTenantName":null}},"targetResources":[{"id":"c0ffee15-1a2b-4c3d-8e9f-0a1b2c3d4e5f","displayName":"External Contractor 01","type":"User","userPrincipalName":"ext.contractor01@contoso.co.jp","groupType":null,"modifiedProperties":[]},{"id":"c0ffee16-1a2b-4c3d-8e9f-0a1b2c3d4e5f","displayName":"経理部","type":"Group","userPrincipalName":null,"groupType":"unifiedGroups","modifiedProperties":[]}],"additionalDetails":[]}',
    match: { key: 'graph-audit' },
    build: (_g, r) => sentenceIn(mapAudit(r)),
  },
];

/** The rules read the parsed record; each sample is read the same way for the rule-table test. */
export const RULES = ruleTable<Json>(
  'entra-id',
  JSON.parse(SAMPLE_DIAGNOSTIC_SIGN_IN) as Json,
  RULE_LIST.map((r) => ({ ...r, sampleContext: JSON.parse(r.sample) as Json })),
  jsonKeyOf(keyOf),
);
