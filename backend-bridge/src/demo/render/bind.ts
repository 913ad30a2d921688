import { bindStamp } from '../time';

/** BIND's querylog line for an A query with EDNS (`+E(0)K`) answered by the internal resolver. */
export function queryLine(t: number, clientObject: string, ip: string, port: number, name: string): string {
  const client = `client @0x7f8a2c${clientObject} ${ip}#${port} (${name})`;
  return `${bindStamp(t)} ${client}: query: ${name} IN A +E(0)K (10.0.0.53)`;
}
