import { ciscoLine } from '../render/cisco';
import { syslogLine } from '../render/syslog';
import type { Outputs } from './outputs';

/** The switches' and access points' syslog, with the Cisco message sequence number they share. */
export class DeviceLog {
  private seq = 20000;

  constructor(private readonly out: Outputs) {}

  /** A Cisco IOS message from a switch (`switch.log`) or an AP (`ap.log`). */
  cisco(file: 'switch' | 'ap', t: number, priority: number, host: string, message: string): void {
    this.out[file].add(t, ciscoLine(t, priority, ++this.seq, host, message));
  }

  /** A hostapd message from one of the Linux access points. */
  hostapd(t: number, host: string, message: string): void {
    this.out.ap.add(t, syslogLine(t, host, 'hostapd', message));
  }
}
