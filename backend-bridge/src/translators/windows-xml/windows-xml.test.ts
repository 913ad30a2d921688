import { describeGoldenCases } from '../../translate/testing/golden';
import { windowsXml } from '.';

describe('windows-xml', () => {
  it('detects wevtutil and Event Viewer exports', () => {
    expect(
      windowsXml.detect("<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"),
    ).toBeGreaterThan(0.9);
    expect(windowsXml.detect('<Events><Event><System><EventID>1</EventID>')).toBeGreaterThan(0.5);
    expect(windowsXml.detect('Oct  1 09:00:01 web01 sshd[1]: hi')).toBe(0);
  });
});

describeGoldenCases(__dirname);
