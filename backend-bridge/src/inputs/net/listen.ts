import type { AddressInfo, Server } from 'node:net';
import { IntakeStartError } from '../intake';

/** Listens, or rejects with an IntakeStartError naming the address and the cause (EADDRINUSE, EACCES). */
export function listen(server: Server, port: number, host: string, intake: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const fail = (err: NodeJS.ErrnoException) =>
      reject(new IntakeStartError(intake, `cannot listen on ${host}:${port}: ${err.code ?? err.message}`));
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      resolve(server.address() as AddressInfo);
    });
  });
}
