import type { Employee } from '../company';
import { CloudLog } from './cloud';
import { DeviceLog } from './devices';
import { FirewallLog } from './firewall';
import { IdsLog } from './ids';
import { HrdbLog } from './hrdb';
import { LinuxLog } from './linux';
import { MailLog } from './mail';
import { OfficeLog } from './office';
import { openOutputs, type Outputs } from './outputs';
import { SqlServerLog } from './sqlserver';
import { WebLog } from './web';
import { WindowsLog } from './windows';
import { ZeekLog } from './zeek';

/** Every log of the demo month, each system with its own writer and counters. */
export class DemoLogs {
  readonly out: Outputs;
  readonly windows: WindowsLog;
  readonly firewall: FirewallLog;
  readonly zeek: ZeekLog;
  readonly web: WebLog;
  readonly mail: MailLog;
  readonly linux: LinuxLog;
  readonly hrdb: HrdbLog;
  readonly devices: DeviceLog;
  readonly office: OfficeLog;
  readonly cloud: CloudLog;
  readonly sqlServer: SqlServerLog;
  readonly ids: IdsLog;

  constructor(outDir: string, people: Employee[], categories: Map<string, string[]>) {
    this.out = openOutputs(outDir);
    this.windows = new WindowsLog(this.out);
    this.firewall = new FirewallLog(this.out);
    this.zeek = new ZeekLog(this.out);
    this.web = new WebLog(this.out, this.zeek, this.firewall, categories);
    this.mail = new MailLog(this.out, people);
    this.linux = new LinuxLog(this.out);
    this.hrdb = new HrdbLog(this.out);
    this.devices = new DeviceLog(this.out);
    this.office = new OfficeLog(this.out);
    this.cloud = new CloudLog(this.out);
    this.sqlServer = new SqlServerLog(this.out);
    this.ids = new IdsLog(this.out);
  }

  /** Writes every line stamped before `before` (all when omitted). */
  flush(before?: number): void {
    for (const sink of Object.values(this.out)) sink.flush(before);
  }

  close(): Array<{ name: string; lines: number; bytes: number }> {
    for (const sink of Object.values(this.out)) sink.close();
    return Object.values(this.out).map((s) => ({ name: s.name, lines: s.lines, bytes: s.bytes }));
  }
}
