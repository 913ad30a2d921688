import type { Signature } from '../logs/ids';
import type { Month } from '../month';
import type { Rng } from '../rng';
import { HOUR, MINUTE } from '../time';

const FS02 = '10.0.0.21';

/** What the IDS flags on an ordinary day: informational and policy signatures, never a high-severity one. */
const USB_METADATA: Signature = {
  sid: 2025275,
  rev: 3,
  signature: 'ET INFO Windows OS Submitting USB Metadata to Microsoft',
  category: 'Misc activity',
  severity: 3,
  appProto: 'http',
};
const IP_LOOKUP: Signature = {
  sid: 2033966,
  rev: 2,
  signature: 'ET INFO External IP Lookup Service Domain in TLS SNI',
  category: 'Device Retrieving External IP Address Detected',
  severity: 2,
  appProto: 'tls',
};
const SMB_EXECUTABLE: Signature = {
  sid: 2025702,
  rev: 4,
  signature: 'ET INFO SMB2 NT Create AndX Request For an Executable File',
  category: 'Misc activity',
  severity: 3,
  appProto: 'smb',
};
const OLD_JAVA: Signature = {
  sid: 2019401,
  rev: 5,
  signature: 'ET POLICY Vulnerable Java Version 1.8.x Detected',
  category: 'Potentially Bad Traffic',
  severity: 2,
  appProto: 'http',
};

/**
 * Suricata on an ordinary working day, for the people at their PCs: Windows reporting USB devices, IP-lookup sites,
 * installers copied to FS02 by the IT department, the factory's old Java runtime. Severity 2-3 only: a benign company
 * sees no high-severity alert. Runs after the day's sessions, from its own random stream, so no other log changes.
 */
export function idsDay(m: Month, day: number, d: number): void {
  if (m.isOffDay(day)) return;
  const rng = m.idsRng.fork(`day-${d}`);
  const { ids } = m.logs;
  for (const { p, arrive, leave } of m.book.worked(day)) {
    if (p.night || leave - arrive < 2 * HOUR) continue;
    const at = (r: Rng) => arrive + 10 * MINUTE + r.int(0, leave - arrive - 20 * MINUTE);
    if (rng.chance(0.04)) ids.alert(at(rng), USB_METADATA, p.ip, '203.0.113.45', 80, rng);
    if (rng.chance(0.02)) ids.alert(at(rng), IP_LOOKUP, p.ip, '198.51.100.140', 443, rng);
    if (p.dept.code === 'joho' && rng.chance(0.3)) ids.alert(at(rng), SMB_EXECUTABLE, p.ip, FS02, 445, rng);
    if (p.dept.code === 'seizo' && rng.chance(0.1)) ids.alert(at(rng), OLD_JAVA, p.ip, '203.0.113.90', 80, rng);
  }
}
