// Prints the dashboards and alert rules Kansa ships, for `npm start` to show what is available.
import { DASHBOARDS } from '../src/content/dashboards';
import { RULES } from '../src/content/rules';

const panels = (d: (typeof DASHBOARDS)[number]) => d.rows.reduce((n, r) => n + r.panels.length, 0);
console.log(`Kansa dashboards (${DASHBOARDS.length}), in Grafana under /d/<uid>:`);
for (const d of DASHBOARDS) {
  console.log(`  ${d.uid.padEnd(18)} ${d.title.ja} / ${d.title.en} (${panels(d)} panels)`);
}
console.log(`Kansa alert rules (${RULES.length}), folder Kansa, groups kansa-<use case>:`);
for (const r of RULES) {
  console.log(`  ${r.id.padEnd(28)} ${r.severity.padEnd(8)} ${r.title.ja} / ${r.title.en}`);
}
