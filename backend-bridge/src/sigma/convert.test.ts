import { convertRule } from './convert';
import { parseRules } from './rule';

/** Conversion of each modifier and condition form, on small rules written for the tests, against hand-written Lucene. */

const PROCESS = 'event.action:(started-process OR created-process)';

/** A process_creation rule with the given detection (YAML lines indented by two). */
function convert(detection: string, logsource = 'product: windows\n  category: process_creation') {
  const yaml = `title: t\nid: 00000000-0000-4000-8000-000000000001\nlogsource:\n  ${logsource}\ndetection:\n${detection}\n`;
  const { rules, errors } = parseRules(yaml, 'test.yml');
  expect(errors).toEqual([]);
  return convertRule(rules[0]);
}

/** The detection part of a full conversion. */
function detection(yaml: string): string {
  const c = convert(yaml);
  expect(c.issues).toEqual([]);
  expect(c.outcome).toBe('full');
  expect(c.query!.startsWith(`${PROCESS} AND (`)).toBe(true);
  return c.query!.slice(PROCESS.length + 6, -1);
}

describe('values and modifiers', () => {
  it('an exact value is a quoted term on the mapped field; a list is an OR', () => {
    expect(detection('  sel:\n    Image: C:\\Windows\\a.exe\n  condition: sel')).toBe(
      'process.executable:"C:\\\\Windows\\\\a.exe"',
    );
    expect(detection('  sel:\n    ParentImage:\n      - x\n      - "y z"\n  condition: sel')).toBe(
      'process.parent.executable:"x" OR process.parent.executable:"y z"',
    );
  });
  it('a map is an AND of its fields', () => {
    expect(detection('  sel:\n    Image: a\n    ParentImage: b\n  condition: sel')).toBe(
      'process.executable:"a" AND process.parent.executable:"b"',
    );
  });
  it('contains, startswith and endswith become case-insensitive regular expressions', () => {
    expect(detection('  sel:\n    Image|contains: ab\n  condition: sel')).toBe('process.executable:/.*[aA][bB].*/');
    expect(detection('  sel:\n    Image|startswith: C:\\x\n  condition: sel')).toBe(
      'process.executable:/[cC]:\\\\[xX].*/',
    );
    expect(detection('  sel:\n    Image|endswith: .e\n  condition: sel')).toBe('process.executable:/.*\\.[eE]/');
  });
  it('cased keeps the case and writes a wildcard term', () => {
    expect(detection('  sel:\n    Image|endswith|cased: \\A b\n  condition: sel')).toBe(
      'process.executable:*\\\\A\\ b',
    );
  });
  it('Sigma wildcards inside a value, with \\* as a literal star', () => {
    expect(detection("  sel:\n    Image: 'a*b?c\\*'\n  condition: sel")).toBe(
      'process.executable:/[aA].*[bB].[cC]\\*/',
    );
  });
  it('a text field is matched through its .keyword sub-field', () => {
    expect(detection('  sel:\n    CommandLine|contains: -e\n  condition: sel')).toBe(
      'process.command_line.keyword:/.*-[eE].*/',
    );
  });
  it('all turns a list into an AND', () => {
    expect(detection('  sel:\n    CommandLine|contains|all:\n      - a\n      - b\n  condition: sel')).toBe(
      'process.command_line.keyword:/.*[aA].*/ AND process.command_line.keyword:/.*[bB].*/',
    );
  });
  it('re becomes a Lucene regular expression, unanchored ends opened with .*', () => {
    expect(detection("  sel:\n    CommandLine|re: '^a\\d+/x'\n  condition: sel")).toBe(
      'process.command_line.keyword:/a[0-9]+\\/x.*/',
    );
    expect(detection("  sel:\n    CommandLine|re|i: 'ab$'\n  condition: sel")).toBe(
      'process.command_line.keyword:/.*[aA][bB]/',
    );
  });
  it('re with a look-ahead is a gap with the reason', () => {
    const c = convert("  sel:\n    CommandLine|re: 'a(?=b)'\n    Image: x\n  condition: sel");
    expect(c.outcome).toBe('partial');
    expect(c.issues[0]).toEqual({ field: 'CommandLine', reason: expect.stringMatching(/look-arounds/) });
    expect(c.query).toBe(`${PROCESS} AND (process.executable:"x")`);
  });
  it('cidr on an IP field', () => {
    const c = convert(
      '  sel:\n    DestinationIp|cidr: 10.0.0.0/8\n  condition: sel',
      'product: windows\n  category: network_connection',
    );
    expect(c.query).toBe(
      'event.action:(network-connection-made OR network-connection-accepted) AND (destination.ip:"10.0.0.0/8")',
    );
  });
  it('windash writes each dash Windows accepts', () => {
    expect(detection('  sel:\n    CommandLine|windash|contains: " -x"\n  condition: sel')).toBe(
      ['-', '/', '\u2013', '\u2014', '\u2015']
        .map((d) => `process.command_line.keyword:/.* ${d === '/' ? '\\/' : d}[xX].*/`)
        .join(' OR '),
    );
  });
  it('base64 encodes the value; base64offset gives the three offsets', () => {
    expect(detection('  sel:\n    CommandLine|base64: http\n  condition: sel')).toBe(
      'process.command_line.keyword:"aHR0cA=="',
    );
    expect(detection('  sel:\n    CommandLine|base64offset|contains: http\n  condition: sel')).toBe(
      'process.command_line.keyword:*aHR0c* OR process.command_line.keyword:*h0dH* OR process.command_line.keyword:*odHRw*',
    );
  });
  it('wide before base64offset encodes UTF-16LE (61 00 62 00, then one and two leading spaces)', () => {
    expect(detection('  sel:\n    CommandLine|wide|base64offset|contains: ab\n  condition: sel')).toBe(
      'process.command_line.keyword:*YQBiA* OR process.command_line.keyword:*EAYg* OR process.command_line.keyword:*hAGIA*',
    );
  });
  it('null means the field is absent; exists says either way', () => {
    expect(detection('  sel:\n    ParentImage: null\n  condition: sel')).toBe('NOT _exists_:process.parent.executable');
    expect(detection('  sel:\n    ParentImage|exists: true\n  condition: sel')).toBe(
      '_exists_:process.parent.executable',
    );
  });
  it('numbers and comparisons on numeric fields', () => {
    expect(detection('  sel:\n    ProcessId: 4\n    ParentProcessId|gte: 100\n  condition: sel')).toBe(
      'process.pid:4 AND process.parent.pid:>=100',
    );
  });
  it('Zeek fields map to the normalized ones, with seconds scaled to event.duration nanoseconds', () => {
    const c = convert(
      '  sel:\n    id.resp_p: 4444\n    duration|gte: 3600\n  condition: sel',
      'product: zeek\n  service: conn',
    );
    expect(c.query).toBe(
      'event.module:zeek AND event.dataset:zeek.conn AND (destination.port:4444 AND event.duration:>=3600000000000)',
    );
  });
  it('EventID is the event code', () => {
    const c = convert('  sel:\n    EventID: 4720\n  condition: sel', 'product: windows\n  service: security');
    expect(c.query).toBe('winlog.channel:"Security" AND (event.code:"4720")');
  });
  it('unmapped Windows fields fall back to the raw EventData: exact values and prefixes only', () => {
    expect(detection('  sel:\n    OriginalFileName: a b\n    IntegrityLevel|startswith: Sys\n  condition: sel')).toBe(
      'winlog.event_data.OriginalFileName:"a b" AND winlog.event_data.IntegrityLevel:Sys*',
    );
    const c = convert('  sel:\n    Image: x\n    Description|contains: y\n  condition: sel');
    expect(c.outcome).toBe('partial');
    expect(c.issues).toEqual([
      { field: 'Description', reason: expect.stringMatching(/flat_object.*exact values and prefixes/) },
    ]);
  });
  it('keywords are phrases in the original event', () => {
    expect(detection("  keywords:\n    - 'evil thing'\n    - '*x y*'\n  condition: keywords")).toBe(
      'event.original:"evil thing" OR event.original:"x y"',
    );
  });
  it('an unknown modifier is reported, never dropped silently', () => {
    const c = convert('  sel:\n    Image|fancy: x\n    ParentImage: y\n  condition: sel');
    expect(c.outcome).toBe('partial');
    expect(c.issues).toEqual([{ field: 'Image', reason: 'unknown modifier |fancy' }]);
    expect(convert('  sel:\n    Image|fieldref: ParentImage\n  condition: sel').outcome).toBe('none');
  });
});

describe('conditions', () => {
  const sels = '  a:\n    Image: a\n  b:\n    Image: b\n  c:\n    ParentImage: c\n';
  it('and, or, not with parentheses', () => {
    expect(detection(`${sels}  condition: a and not (b or c)`)).toBe(
      'process.executable:"a" AND NOT (process.executable:"b" OR process.parent.executable:"c")',
    );
    expect(detection(`${sels}  condition: (a or b) and c`)).toBe(
      '(process.executable:"a" OR process.executable:"b") AND process.parent.executable:"c"',
    );
  });
  it('not inside an or is its own group, since "x OR NOT y" means "x but not y" in Lucene', () => {
    expect(detection(`${sels}  condition: a or not b`)).toBe('process.executable:"a" OR (NOT process.executable:"b")');
  });
  it('1 of and all of a pattern', () => {
    const s = '  sel_a:\n    Image: a\n  sel_b:\n    Image: b\n  filter:\n    ParentImage: c\n';
    expect(detection(`${s}  condition: 1 of sel_* and not filter`)).toBe(
      '(process.executable:"a" OR process.executable:"b") AND NOT process.parent.executable:"c"',
    );
    expect(detection(`${s}  condition: all of sel_*`)).toBe('process.executable:"a" AND process.executable:"b"');
  });
  it('1 of them and all of them', () => {
    expect(detection('  a:\n    Image: a\n  b:\n    Image: b\n  condition: 1 of them')).toBe(
      'process.executable:"a" OR process.executable:"b"',
    );
    expect(detection('  a:\n    Image: a\n  b:\n    Image: b\n  condition: all of them')).toBe(
      'process.executable:"a" AND process.executable:"b"',
    );
  });
  it('a list of conditions is an OR', () => {
    expect(detection('  a:\n    Image: a\n  b:\n    Image: b\n  condition:\n    - a\n    - b')).toBe(
      'process.executable:"a" OR process.executable:"b"',
    );
  });
  it('a gap under not narrows nothing: the not falls away instead of excluding everything', () => {
    const c = convert('  sel:\n    Image: a\n  filter:\n    Nope|contains: x\n  condition: sel and not filter');
    expect(c.outcome).toBe('partial');
    expect(c.query).toBe(`${PROCESS} AND (process.executable:"a")`);
    expect(c.issues).toEqual([{ field: 'Nope', reason: expect.stringMatching(/flat_object/) }]);
  });
  it('a rule whose only selection is a gap converts to nothing', () => {
    const c = convert('  sel:\n    Nope|contains: x\n  condition: sel');
    expect(c.outcome).toBe('none');
    expect(c.issues.map((i) => i.reason)).toContain(
      'nothing is left to match on once the unsupported parts are dropped',
    );
  });
  it('a rule left with only exclusions converts to nothing: it would fire on every event of its source', () => {
    const c = convert(
      '  sel:\n    Nope|contains: x\n  filter:\n    Image: C:\\Windows\\Sysmon64.exe\n  condition: sel and not filter',
    );
    expect(c.outcome).toBe('none');
    expect(c.issues.map((i) => i.reason)).toContain(
      'only exclusions are left once the unsupported parts are dropped: it would match nearly every event of the log source',
    );
    expect(convert('  sel:\n    Image: a\n  filter:\n    Image: b\n  condition: sel and not filter').outcome).toBe(
      'full',
    );
  });
  it('not of a null check is an _exists_ query, never NOT NOT', () => {
    expect(
      detection('  sel:\n    Image: a\n  filter_null:\n    CommandLine: null\n  condition: sel and not filter_null'),
    ).toBe('process.executable:"a" AND _exists_:process.command_line.keyword');
  });
  it('near, the aggregation pipe and "2 of" are reported as unconvertible', () => {
    expect(convert('  a:\n    Image: a\n  condition: a | count() by Image > 5').issues[0].reason).toMatch(
      /aggregation pipe/,
    );
    expect(convert('  a:\n    Image: a\n  b:\n    Image: b\n  condition: a near b').issues[0].reason).toMatch(/near/);
    expect(convert('  a:\n    Image: a\n  condition: 2 of a').issues[0].reason).toMatch(/more than one of/);
  });
  it('a log source no translator feeds is unconvertible with the reason', () => {
    const c = convert('  a:\n    cs-uri: x\n  condition: a', 'category: webserver');
    expect(c).toMatchObject({ outcome: 'none', issues: [{ reason: expect.stringMatching(/web server/) }] });
  });
});
