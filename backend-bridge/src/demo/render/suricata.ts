/**
 * Suricata EVE JSON alerts, one object per line as the `eve-log` file output writes them (Suricata user guide, "Eve
 * JSON Format": timestamp with microseconds and the sensor's offset, flow_id, in_iface, event_type, src/dest ip and
 * port, proto, host = sensor-name, alert.action/gid/signature_id/rev/signature/category/severity, app_proto).
 */
export interface EveAlert {
  t: number;
  flowId: number;
  sensor: string;
  src: string;
  srcPort: number;
  dst: string;
  dstPort: number;
  proto: 'TCP' | 'UDP';
  appProto?: string;
  sid: number;
  rev: number;
  signature: string;
  category: string;
  /** Suricata's classification priority: 1 is the highest. */
  severity: 1 | 2 | 3;
}

/** "2026-10-01T09:12:30.431821+0900": JST with microseconds. */
function eveTime(t: number, micros: number): string {
  const iso = new Date(t + 9 * 3600_000).toISOString();
  return `${iso.slice(0, 23)}${String(micros).padStart(3, '0')}+0900`;
}

export function eveAlertLine(r: EveAlert): string {
  return JSON.stringify({
    timestamp: eveTime(r.t, r.flowId % 1000),
    flow_id: r.flowId,
    in_iface: 'eth1',
    event_type: 'alert',
    src_ip: r.src,
    src_port: r.srcPort,
    dest_ip: r.dst,
    dest_port: r.dstPort,
    proto: r.proto,
    host: r.sensor,
    alert: {
      action: 'allowed',
      gid: 1,
      signature_id: r.sid,
      rev: r.rev,
      signature: r.signature,
      category: r.category,
      severity: r.severity,
    },
    ...(r.appProto ? { app_proto: r.appProto } : {}),
  });
}
