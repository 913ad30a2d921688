import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { exampleConfig } from '../config/example';
import { ConfigError, loadConfig, redactConfig } from '../config/load';
import { Bridge } from '../serve/bridge';

export const SERVE_USAGE = `usage: kansa serve [--config kansa.yaml] [--print-config] [--print-example-config]
  Runs the bridge: syslog (UDP/TCP/TLS) and HTTP intake (/ingest, Elasticsearch-compatible /_bulk)
  → translators → durable queue → OpenSearch. Config: --config, else $KANSA_CONFIG, else defaults;
  KANSA_* variables override (see backend-bridge/README.md). SIGTERM/SIGINT drain and exit.
  --print-config          print the effective configuration (secrets redacted) and exit
  --print-example-config  print the example configuration generated from the schema and exit`;

export async function serveCommand(argv: string[], io: { stdout: Writable; stderr: Writable }): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      'print-config': { type: 'boolean' },
      'print-example-config': { type: 'boolean' },
    },
  });
  if (values['print-example-config']) {
    io.stdout.write(exampleConfig());
    return 0;
  }
  let config;
  try {
    config = loadConfig({ file: values.config });
  } catch (err) {
    if (err instanceof ConfigError) {
      io.stderr.write(`kansa serve: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  if (values['print-config']) {
    io.stdout.write(stringify(redactConfig(config)));
    return 0;
  }
  const bridge = new Bridge(config);
  // Signal handlers first: a SIGTERM while the listeners start still stops cleanly.
  let signalled: (signal: string) => void = () => undefined;
  const stopping = new Promise<string>((resolve) => (signalled = resolve));
  const onTerm = () => signalled('SIGTERM');
  const onInt = () => signalled('SIGINT');
  process.on('SIGTERM', onTerm);
  process.on('SIGINT', onInt);
  try {
    await bridge.start();
  } catch (err) {
    // A listener that cannot start (port in use, bad TLS key, unwritable queue): one line, non-zero exit.
    process.off('SIGTERM', onTerm);
    process.off('SIGINT', onInt);
    io.stderr.write(`kansa serve: cannot start: ${(err as Error).message}\n`);
    return 1;
  }
  const signal = await stopping;
  process.off('SIGTERM', onTerm);
  process.off('SIGINT', onInt);
  bridge.log.info({ signal }, 'signal received');
  await bridge.stop();
  return 0;
}
