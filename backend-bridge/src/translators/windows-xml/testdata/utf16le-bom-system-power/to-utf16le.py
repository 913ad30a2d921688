# Writes case.input from source.xml the way PowerShell 5.1 writes `wevtutil qe System /f:xml > system.xml`:
# UTF-16LE with a byte-order mark and CRLF line ends. Run it after editing source.xml.
from pathlib import Path

here = Path(__file__).parent
text = (here / 'source.xml').read_text(encoding='utf-8').replace('\r\n', '\n').replace('\n', '\r\n')
(here / 'case.input').write_bytes(b'\xff\xfe' + text.encode('utf-16-le'))
