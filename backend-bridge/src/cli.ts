import type { Writable } from 'node:stream';
import { isUsageError } from './cli/usage';

/**
 * The `kansa` entry. Each command lives in src/cli/<command>.ts and is loaded only when it runs, so
 * `kansa translate` does not load the risk, report or sigma code (startup time, memory).
 */
const USAGE = `usage: kansa <command> [options]
commands:
  translate   raw logs → normalized NDJSON on stdout (no OpenSearch needed)
  import      translate log files and index them into OpenSearch
  serve       run the bridge service (syslog + HTTP intake → durable queue → OpenSearch)
  directory   load the user directory and asset list into OpenSearch (query-time watchlist, privileged, leaver)
  demo        generate a month of raw logs for a demo company (kansa demo generate --out DIR)
  archive     the tamper-evident raw archive: verify, export for auditors, replay, keys
  retention   run the retention job once (deletions are audited; legal holds respected)
  risk        behaviour baselines and risk scores: rebuild from stored events, eval on the demo month
  report      render the monthly audit / attendance / insider report to PDF and CSV (kansa serve mails them)
  sigma       convert Sigma rules to Kansa queries and Grafana alert rules, with a coverage report
  timesheet   import self-reported timesheets (CSV/XLSX exports of attendance systems) for the 乖離 check
run "kansa <command> --help" for a command's options`;

interface Command {
  usage: string;
  run: (argv: string[]) => Promise<number>;
}

const io = () => ({ stdout: process.stdout as Writable, stderr: process.stderr as Writable });

const COMMANDS: Record<string, () => Promise<Command>> = {
  translate: async () => {
    const m = await import('./cli/translate');
    return { usage: m.TRANSLATE_USAGE, run: (argv) => m.translateCommand(argv, { stdin: process.stdin, ...io() }) };
  },
  serve: async () => {
    const m = await import('./cli/serve');
    return { usage: m.SERVE_USAGE, run: (argv) => m.serveCommand(argv, io()) };
  },
  sigma: async () => {
    const m = await import('./cli/sigma');
    return { usage: m.SIGMA_USAGE, run: (argv) => m.sigmaCommand(argv, io()) };
  },
  report: async () => {
    const m = await import('./cli/report');
    return { usage: m.REPORT_USAGE, run: (argv) => m.reportCommand(argv, io()) };
  },
  timesheet: async () => {
    const m = await import('./cli/timesheet');
    return { usage: m.TIMESHEET_USAGE, run: (argv) => m.timesheetCommand(argv, io()) };
  },
  risk: async () => {
    const m = await import('./cli/risk');
    return { usage: m.RISK_USAGE, run: (argv) => m.riskCommand(argv, io()) };
  },
  directory: async () => {
    const m = await import('./cli/directory');
    return { usage: m.DIRECTORY_USAGE, run: (argv) => m.directoryCommand(argv, io()) };
  },
  demo: async () => {
    const m = await import('./cli/demo');
    return { usage: m.DEMO_USAGE, run: (argv) => m.demoCommand(argv, io()) };
  },
  archive: async () => {
    const m = await import('./cli/archive');
    return { usage: m.ARCHIVE_USAGE, run: (argv) => m.archiveCommand(argv, io()) };
  },
  retention: async () => {
    const m = await import('./cli/retention');
    return { usage: m.RETENTION_USAGE, run: (argv) => m.retentionCommand(argv, io()) };
  },
  import: async () => {
    const m = await import('./cli/import');
    return { usage: m.IMPORT_USAGE, run: (argv) => m.importCommand(argv, io()) };
  },
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const load = name && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    process.stderr.write(`${name && name !== '--help' ? `kansa: unknown command "${name}"\n` : ''}${USAGE}\n`);
    return name && name !== '--help' ? 2 : 0;
  }
  const command = await load();
  if (rest.includes('--help')) {
    process.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (isUsageError(err)) {
      process.stderr.write(`${(err as Error).message}\n${command.usage}\n`);
      return 2;
    }
    throw err;
  }
}
