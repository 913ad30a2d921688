/**
 * The bridge's layers, top to bottom; an import may point down or sideways, never up (README, "Architecture").
 *
 *   cli (src/cli.ts, src/cli/)           the commands: option parsing, usage, exit codes
 *   serve, evaluation                    compose features: the service; risk eval and demo scoring
 *   features                             archive, retention, risk, demo, report, directory, timesheet, sigma, import
 *   inputs                               syslog, HTTP, file tail, compressed files, evtx
 *   pipeline                             queue -> translate -> bulk writer, metrics, the archive's interface
 *   translate, translators               raw bytes -> events (the engine and the formats)
 *   opensearch, queue, config            the client and templates, the durable queue, the config schema
 *
 * Test code (*.test.ts, testing/, fixtures) is not checked: tests may drive any layer.
 * Run: npm run deps (in backend-bridge or at the root); `npm test` runs it too.
 */
const FEATURES = 'archive|retention|risk|demo|report|directory|timesheet|sigma|import';
const BELOW_FEATURES = 'inputs|pipeline|translate|translators|opensearch|queue|config';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'Modules that import each other, directly or round a loop. A loop closed only by `import type` is erased at compile time and allowed (a dispatch table and the mappers that name its types).',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'cli-is-the-top',
      severity: 'error',
      comment: 'Only the CLI loads commands; features expose functions the commands call.',
      from: { pathNot: '^src/(cli/|cli\\.ts$)' },
      to: { path: '^src/(cli/|cli\\.ts$)' },
    },
    {
      name: 'features-below-composition',
      severity: 'error',
      comment: 'serve and evaluation put features together; a feature or anything below must not reach them.',
      from: { path: `^src/(${FEATURES}|${BELOW_FEATURES})/` },
      to: { path: '^src/(serve|evaluation)/' },
    },
    {
      name: 'nothing-below-reaches-a-feature',
      severity: 'error',
      comment: 'inputs, pipeline, translation and the stores work without any feature.',
      from: { path: `^src/(${BELOW_FEATURES})/` },
      to: { path: `^src/(${FEATURES})/` },
    },
    {
      name: 'inputs-above-pipeline',
      severity: 'error',
      comment: 'Inputs feed the pipeline; the pipeline and translation do not know the inputs.',
      from: { path: '^src/(pipeline|translate|translators|opensearch|queue|config)/' },
      to: { path: '^src/inputs/' },
    },
    {
      name: 'pipeline-above-translation',
      severity: 'error',
      from: { path: '^src/(translate|translators|opensearch|queue|config)/' },
      to: { path: '^src/pipeline/' },
    },
    {
      name: 'stores-at-the-bottom',
      severity: 'error',
      comment: 'opensearch, queue and config import nothing above them.',
      from: { path: '^src/(opensearch|queue|config)/' },
      to: { path: '^src/(translate|translators)/' },
    },
    {
      name: 'archive-through-its-facade',
      severity: 'error',
      comment: 'Outside archive/, import the archive only through archive/index.ts: its formats stay private.',
      from: { pathNot: '^src/archive/' },
      to: { path: '^src/archive/', pathNot: '^src/archive/index\\.ts$' },
    },
    // ---- translators: each format folder imports only translators/_lib (issue 18) -------------------------
    {
      name: 'translator-imports-only-lib',
      severity: 'error',
      comment:
        'A translator folder imports shared helpers from translators/_lib only, never another translator folder.',
      from: { path: '^src/translators/([^/_][^/]*)/' },
      to: { path: '^src/translators/[^/]+/', pathNot: ['^src/translators/_lib/', '^src/translators/$1/'] },
    },
    {
      name: 'lib-imports-no-translator',
      severity: 'error',
      comment: 'translators/_lib is shared by the translators and depends on none of them.',
      from: { path: '^src/translators/_lib/' },
      to: { path: '^src/translators/', pathNot: '^src/translators/_lib/' },
    },
    // ------------------------------------------------------------------------------------------------------
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$|/testing/|/testdata/|/fixtures/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
