import { epochSeconds } from '../time';

export interface ProxyRequest {
  t: number;
  /** Milliseconds the request took. */
  elapsed: number;
  client: string;
  user: string;
  /** Destination host; a CONNECT tunnel for HTTPS, a plain GET otherwise. */
  host: string;
  https: boolean;
  bytes: number;
  serverIp: string;
}

/** Squid's native access.log line. */
export function accessLine(r: ProxyRequest): string {
  const head = `${epochSeconds(r.t)} ${String(r.elapsed).padStart(6)} ${r.client}`;
  return r.https
    ? `${head} TCP_TUNNEL/200 ${r.bytes} CONNECT ${r.host}:443 ${r.user} HIER_DIRECT/${r.serverIp} -`
    : `${head} TCP_MISS/200 ${r.bytes} GET http://${r.host}/ ${r.user} HIER_DIRECT/${r.serverIp} text/html`;
}
