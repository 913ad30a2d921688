// An HTTP proxy in front of OpenSearch that lets a fault case act on one request before it is forwarded:
// e.g. kill -9 the bridge at the exact moment it sends a given write, and drop that write.
import http from 'node:http';

/**
 * @param {string} target OpenSearch URL
 * @param {(req: http.IncomingMessage, body: Buffer) => Promise<'forward'|'drop'>} hook
 * @returns {Promise<{url: string, close: () => Promise<void>}>}
 */
export function startProxy(target, hook) {
  const to = new URL(target);
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      if ((await hook(req, body)) === 'drop') {
        req.socket.destroy();
        return;
      }
      const up = http.request(
        { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers },
        (r) => {
          res.writeHead(r.statusCode, r.headers);
          r.pipe(res);
        },
      );
      up.on('error', () => req.socket.destroy());
      up.end(body);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        close: () =>
          new Promise((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}
