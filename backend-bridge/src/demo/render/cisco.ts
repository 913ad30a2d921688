import { ciscoStamp } from '../time';

/** A Cisco IOS syslog message as the device sends it: `<PRI>seq: host: stamp: %FACILITY-SEV-MNEMONIC: text`. */
export function ciscoLine(t: number, priority: number, seq: number, host: string, message: string): string {
  return `<${priority}>${seq}: ${host}: ${ciscoStamp(t)}: ${message}`;
}
