import type { AppRootProps } from '@grafana/data';
import { lazy } from 'react';
import { Route, Routes } from 'react-router-dom';

import { ROUTES } from '../../routes';
import type { KansaAppSettings } from '../../types';

// Each page is its own chunk, loaded when its route is first opened (the module's Suspense shows the wait).
const HomePage = lazy(() => import('../../pages/HomePage'));
const AttendanceRoute = lazy(() => import('../../pages/AttendancePage'));
const RiskRoute = lazy(() => import('../../pages/RiskPage'));
const AuditRoute = lazy(() => import('../../pages/AuditPage'));
const PersonRoute = lazy(() => import('../../pages/person/PersonPage'));

/** Grafana mounts the app root at /a/<plugin id>/*, so the routes are relative to it. */
export function App({ meta }: AppRootProps<KansaAppSettings>) {
  const settings = meta.jsonData ?? {};
  return (
    <Routes>
      <Route path={ROUTES.attendance} element={<AttendanceRoute settings={settings} />} />
      <Route path={ROUTES.risk} element={<RiskRoute settings={settings} />} />
      <Route path={ROUTES.audit} element={<AuditRoute settings={settings} />} />
      <Route path={ROUTES.person} element={<PersonRoute settings={settings} />} />
      <Route path="*" element={<HomePage settings={settings} />} />
    </Routes>
  );
}

export default App;
