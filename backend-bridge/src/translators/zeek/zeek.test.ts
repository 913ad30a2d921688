import { describeGoldenCases, GOLDEN_CONTEXT } from '../../translate/testing/golden';
import { zeekFormat } from './index';

const origin = { source: 't', line: 1, offset: 0 };

describe('zeek', () => {
  it('detects JSON and TSV logs', () => {
    expect(zeekFormat.detect('{"ts":1.5,"uid":"C1","id.orig_h":"10.0.0.1"}')).toBeGreaterThan(0.9);
    expect(zeekFormat.detect('#separator \\x09\n#fields\tts\tuid')).toBeGreaterThan(0.9);
    expect(zeekFormat.detect('{"EventID":4624}')).toBe(0);
  });

  it('tells the log by its fields', () => {
    const [dns] = zeekFormat.translate(
      {
        text: '{"ts":1790812804.2,"uid":"C","id.orig_h":"10.0.1.23","query":"a.example","qtype_name":"A","rcode_name":"NOERROR"}',
        origin,
      },
      GOLDEN_CONTEXT,
    );
    expect(dns['event.action']).toBe('dns-query');
    const [http] = zeekFormat.translate(
      {
        text: '{"ts":1790812804.2,"uid":"C","id.orig_h":"10.0.1.23","method":"GET","host":"www.doda.jp","uri":"/"}',
        origin,
      },
      GOLDEN_CONTEXT,
    );
    expect(http['kansa.url.category']).toBe('job-site');
  });

  it('reads a TSV row with its header', () => {
    const [e] = zeekFormat.translate(
      {
        text: '1790812801.5\tC1\t10.0.1.23\t1\t10.0.0.5\t22\ttcp\t-\tS0',
        origin,
        header: ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto', 'service', 'conn_state'],
      },
      GOLDEN_CONTEXT,
    );
    expect(e).toMatchObject({ 'destination.port': 22, 'event.outcome': 'failure' });
    expect(e).not.toHaveProperty('network.protocol');
  });
});

describeGoldenCases(__dirname);
