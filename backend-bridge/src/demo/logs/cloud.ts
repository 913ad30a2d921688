import type { Employee } from '../company';
import { spRecord, TENANT, type SpOperation, type SpRecord } from '../render/m365';
import type { Rng } from '../rng';
import type { Outputs } from './outputs';

/** The office's egress address (the FortiGate's source NAT): what Microsoft 365 sees for everyone at work. */
export const OFFICE_EGRESS = '198.51.100.7';

/** Each department's SharePoint team site. */
const SITES: Record<string, string> = {
  eigyo: 'Sales',
  kaihatsu: 'Development',
  seizo: 'Manufacturing',
  jinji: 'HumanResources',
  keiri: 'Accounting',
  somu: 'GeneralAffairs',
  joho: 'IT',
  homu: 'Legal',
};

export const deptSite = (p: Employee): string => `${TENANT.sharepoint}/sites/${SITES[p.dept.code]}/`;
export const oneDrive = (p: Employee): string => `${TENANT.onedrive}/personal/${p.email.replace(/[@.]/g, '_')}/`;

export const guid = (rng: Rng): string =>
  `${rng.hex(8)}-${rng.hex(4)}-4${rng.hex(3)}-${rng.pick(['8', '9', 'a', 'b'])}${rng.hex(3)}-${rng.hex(12)}`;

export type Item = Pick<SpRecord, 'siteUrl' | 'relativeUrl' | 'name' | 'folder'>;
export type Sharing = Pick<SpRecord, 'target' | 'targetType' | 'linkType' | 'sharingId'>;

/** Microsoft 365's unified audit log of SharePoint and OneDrive (cloud/m365-audit.json). */
export class CloudLog {
  constructor(private readonly out: Outputs) {}

  /** One SharePoint/OneDrive record by `p` from the office; returns its CorrelationId for the records that follow. */
  sharePoint(
    t: number,
    p: Employee,
    operation: SpOperation,
    item: Item,
    rng: Rng,
    sharing: Sharing = {},
    correlationId = guid(rng),
  ): string {
    const upn = p.email;
    const line = spRecord({
      t,
      id: guid(rng),
      correlationId,
      operation,
      upn,
      userIndex: p.index,
      clientIp: OFFICE_EGRESS,
      ...item,
      ...sharing,
    });
    this.out.m365.add(t, line);
    return correlationId;
  }
}
