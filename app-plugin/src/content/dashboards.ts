import type { DashboardDef } from './dashboard';
import { attendanceDashboard } from './dashboards/attendance';
import { audit } from './dashboards/audit';
import { cyber } from './dashboards/cyber';
import { failure } from './dashboards/failure';
import { insider } from './dashboards/insider';
import { overview } from './dashboards/overview';

/** Every dashboard Kansa ships, in menu order. */
export const DASHBOARDS: readonly DashboardDef[] = [overview, cyber, insider, audit, attendanceDashboard, failure];
