/** PAM module messages inside syslog, whatever program logs them; the translation is _lib/pam.ts. */
import type { KansaEvent, SyslogMessage, SyslogProgram, TranslateContext } from '../../translate/types';
import { unwrapRepeated } from '../_lib/linux';
import { isPamMessage, translatePam } from '../_lib/pam';

export const pam: SyslogProgram = {
  id: 'pam',
  matches(msg: SyslogMessage): boolean {
    return isPamMessage(msg.message);
  },
  translate(msg: SyslogMessage, _ctx: TranslateContext): KansaEvent | null {
    const { text, count } = unwrapRepeated(msg.message);
    return translatePam(text, msg, count);
  },
};

export default pam;
