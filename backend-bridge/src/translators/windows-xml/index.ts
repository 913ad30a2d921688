import type { Format } from '../../translate/types';
import { mapWinEvent } from '../_lib/windows/map';
import { EVENT_NS, readEventXml } from './read';

/**
 * Windows Event XML: wevtutil qe /f:xml, Get-WinEvent `.ToXml()`, Event Viewer "Save as XML"
 * (wrapped in <Events>) and Windows Event Forwarding (with <RenderingInfo>). One <Event> per record.
 */
export const windowsXml: Format = {
  id: 'windows-xml',
  framing: 'xml-events',
  detect(sample: string): number {
    const at = sample.indexOf('<Event');
    if (at === -1) return 0;
    if (sample.includes(EVENT_NS)) return 0.95;
    if (sample.includes('<System>') && sample.includes('<EventID')) return 0.8;
    return 0;
  },
  translate(record, ctx) {
    return [mapWinEvent(readEventXml(record.text, ctx), 'windows-xml')];
  },
};
