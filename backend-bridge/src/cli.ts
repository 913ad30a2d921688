import { importCommand, IMPORT_USAGE } from './commands/import';
import { serveCommand, SERVE_USAGE } from './commands/serve';
import { translateCommand, TRANSLATE_USAGE, UsageError } from './commands/translate';
import { demoCommand, DEMO_USAGE } from './demo/command';
import { directoryCommand, DIRECTORY_USAGE } from './directory/command';
import { archiveCommand, ARCHIVE_USAGE } from './archive/command';
import { retentionCommand, RETENTION_USAGE } from './retention/command';
import { reportCommand, REPORT_USAGE } from './report/command';
import { riskCommand, RISK_USAGE } from './risk/command';
import { sigmaCommand, SIGMA_USAGE } from './sigma/command';
import { timesheetCommand, TIMESHEET_USAGE } from './timesheet/command';

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

const COMMANDS: Record<string, { usage: string; run: (argv: string[]) => Promise<number> }> = {
  translate: {
    usage: TRANSLATE_USAGE,
    run: (argv) => translateCommand(argv, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }),
  },
  serve: { usage: SERVE_USAGE, run: (argv) => serveCommand(argv, { stdout: process.stdout, stderr: process.stderr }) },
  sigma: { usage: SIGMA_USAGE, run: (argv) => sigmaCommand(argv, { stdout: process.stdout, stderr: process.stderr }) },
  report: { usage: REPORT_USAGE, run: (argv) => reportCommand(argv, { stdout: process.stdout, stderr: process.stderr }) },
  timesheet: { usage: TIMESHEET_USAGE, run: (argv) => timesheetCommand(argv, { stdout: process.stdout, stderr: process.stderr }) },
  risk: { usage: RISK_USAGE, run: (argv) => riskCommand(argv, { stdout: process.stdout, stderr: process.stderr }) },
  directory: { usage: DIRECTORY_USAGE, run: (argv) => directoryCommand(argv, { stdout: process.stdout, stderr: process.stderr }) },
  demo: { usage: DEMO_USAGE, run: (argv) => demoCommand(argv, { stdout: process.stdout, stderr: process.stderr }) },
  archive: { usage: ARCHIVE_USAGE, run: (argv) => archiveCommand(argv, { stdout: process.stdout, stderr: process.stderr }) },
  retention: { usage: RETENTION_USAGE, run: (argv) => retentionCommand(argv, { stdout: process.stdout, stderr: process.stderr }) },
  import: {
    usage: IMPORT_USAGE,
    run: (argv) => importCommand(argv, { stdout: process.stdout, stderr: process.stderr }),
  },
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(`${name && name !== '--help' ? `kansa: unknown command "${name}"\n` : ''}${USAGE}\n`);
    return name && name !== '--help' ? 2 : 0;
  }
  if (rest.includes('--help')) {
    process.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${(err as Error).message}\n${command.usage}\n`);
      return 2;
    }
    throw err;
  }
}
