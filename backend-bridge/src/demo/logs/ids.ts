import { eveAlertLine, type EveAlert } from '../render/suricata';
import type { Rng } from '../rng';
import type { Outputs } from './outputs';

/** The IDS on the core switch's mirror port: it sees the LAN's traffic to the servers and to the Internet. */
export const SENSOR = 'ids-core01';

export type Signature = Pick<EveAlert, 'sid' | 'rev' | 'signature' | 'category' | 'severity' | 'appProto'>;

/** Suricata's eve.json (alerts only, as an IDS feeding a SIEM is usually configured). */
export class IdsLog {
  private flow = 1_148_573_366_000_000;

  constructor(private readonly out: Outputs) {}

  alert(t: number, sig: Signature, src: string, dst: string, dstPort: number, rng: Rng): void {
    const flowId = (this.flow += rng.int(1_000, 90_000));
    const line = eveAlertLine({
      t,
      flowId,
      sensor: SENSOR,
      src,
      srcPort: rng.int(49152, 65000),
      dst,
      dstPort,
      proto: 'TCP',
      ...sig,
    });
    this.out.ids.add(t, line);
  }
}
