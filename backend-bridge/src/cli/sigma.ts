import { writeFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { UsageError } from './usage';
import { provisioningFile, SIGMA_FOLDER_TITLE } from '../sigma/alert';
import { alertRules, convertCorpus, coverage, coverageText, entryLine } from '../sigma/corpus';
import { loadRules } from '../sigma/rule';

export const SIGMA_USAGE = `usage: kansa sigma convert RULES… [--out FILE] [--datasource UID] [--partial] [--list]
  Converts Sigma rules (files, or folders searched recursively for .yml/.yaml, e.g. a SigmaHQ checkout's rules/)
  to Lucene queries over Kansa's fields and prints the coverage: how many convert fully, partially (the query is
  broader than the rule; the missing fields are named) or not at all (and why), and the fields most often missing.
  --out FILE        write a Grafana alert provisioning file: one group in the folder "${SIGMA_FOLDER_TITLE}", every rule
                    paused (set isPaused: false on the rules you want, or enable them in Grafana's rule list);
                    a FILE ending in .json is for the app's configuration page (Install Sigma rules), which installs
                    them editable in Grafana; any other name gets YAML for provisioning/alerting/
  --datasource UID  the Kansa datasource the rules query (default: kansa, the provisioned one)
  --partial         also write partially converted rules (their description lists what they leave out)
  --list            one line per rule: outcome, file, title, reasons, and the query`;

export async function sigmaCommand(argv: string[], io: { stdout: Writable; stderr: Writable }): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'convert') throw new UsageError(`kansa sigma: expected "convert", got "${sub ?? ''}"`);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      datasource: { type: 'string' },
      partial: { type: 'boolean' },
      list: { type: 'boolean' },
    },
  });
  if (positionals.length === 0) throw new UsageError('kansa sigma convert: name at least one rule file or folder');
  const { rules, errors } = loadRules(positionals);
  const entries = convertCorpus(rules);
  if (values.list) {
    for (const e of entries) io.stdout.write(`${entryLine(e)}${e.query ? `\n        ${e.query}` : ''}\n`);
    for (const err of errors) io.stdout.write(`error   ${err.file}  ${err.message}\n`);
  }
  io.stdout.write(`${coverageText(coverage(entries, errors))}\n`);
  if (values.out) {
    const rulesOut = alertRules(entries, values.datasource ?? 'kansa', !!values.partial);
    const header = `# Kansa alert rules converted from Sigma by \`kansa sigma convert\`; every rule is paused until you enable it.\n`;
    // JSON for the app's configuration page (Install Sigma rules); YAML, with a header, for provisioning/alerting/.
    const file = provisioningFile(rulesOut);
    writeFileSync(
      values.out,
      values.out.endsWith('.json') ? `${JSON.stringify(file, null, 2)}\n` : header + stringify(file, { lineWidth: 0 }),
    );
    io.stderr.write(`wrote ${rulesOut.length} alert rules to ${values.out}\n`);
  }
  return rules.length === 0 ? 1 : 0;
}
