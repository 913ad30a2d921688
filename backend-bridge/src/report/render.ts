import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';

import type { Report } from './build';

/**
 * Japanese text needs a CJK font embedded in the PDF; the Debian package fonts-noto-cjk puts Noto Sans CJK here.
 * pdfkit embeds only the glyphs used (a subset), so a report stays small.
 */
export const FONT_CANDIDATES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
];
/** The Japanese face inside the collection. */
const FONT_FACE = 'NotoSansCJKjp-Regular';

export function findFont(explicit?: string, candidates: readonly string[] = FONT_CANDIDATES): string {
  const found = [explicit, process.env.KANSA_REPORT_FONT, ...candidates].find((p): p is string => !!p && existsSync(p));
  if (!found) {
    throw new Error(
      `no Japanese font for the PDF: install the Debian package fonts-noto-cjk (apt-get install -y fonts-noto-cjk) or pass --font / KANSA_REPORT_FONT (looked in ${candidates.join(', ')})`,
    );
  }
  return found;
}

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** UTF-8 with a BOM so Excel on Japanese Windows opens it without mojibake; one section column, then the table's. */
export function renderCsv(report: Report): Buffer {
  const lines: string[] = [];
  const header = report.sections[0]?.columns.map((c) => c.ja) ?? [];
  lines.push(['区分', ...header].map(csvCell).join(','));
  for (const s of report.sections) {
    if (s.columns.map((c) => c.ja).join() !== header.join()) {
      lines.push('', [s.title, ...s.columns.map((c) => c.ja)].map(csvCell).join(','));
    }
    for (const row of s.rows) lines.push([s.title, ...row].map(csvCell).join(','));
  }
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]);
}

const MARGIN = 36;
const SIZE = 7.5;

/** A landscape A4 PDF: title, period, then each section as a table that continues over pages. */
export function renderPdf(report: Report, fontPath: string, generatedAt: Date): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    info: { Title: report.title, Creator: 'Kansa', CreationDate: generatedAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('jp', fontPath, FONT_FACE);
  doc.font('jp');
  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN;

  doc.fontSize(16).text(report.title);
  doc.fontSize(9).text(`対象期間: ${report.period}${report.department ? `　部署: ${report.department}` : ''}`);
  doc.text(`作成: ${generatedAt.toISOString()} (Kansa)`);
  doc.moveDown();

  for (const s of report.sections) {
    if (doc.y + 60 > bottom()) doc.addPage();
    doc.fontSize(12).text(`${s.title} (${s.rows.length} 件${s.truncated ? '、上限で打ち切り' : ''})`, MARGIN);
    doc.moveDown(0.3);
    const total = s.columns.reduce((a, c) => a + c.width, 0);
    const widths = s.columns.map((c) => (c.width / total) * width);
    const line = (cells: string[], header: boolean) => {
      doc.fontSize(SIZE);
      const height = Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: widths[i] - 4 }))) + 3;
      if (doc.y + height > bottom()) {
        doc.addPage();
      }
      const y = doc.y;
      let x = MARGIN;
      if (header)
        doc
          .rect(MARGIN, y - 1, width, height)
          .fill('#e8e8e8')
          .fillColor('black');
      cells.forEach((c, i) => {
        doc.text(c, x + 2, y, { width: widths[i] - 4 });
        x += widths[i];
      });
      doc.y = y + height;
      doc
        .moveTo(MARGIN, doc.y - 1)
        .lineTo(MARGIN + width, doc.y - 1)
        .lineWidth(0.3)
        .strokeColor('#bbbbbb')
        .stroke();
    };
    line(
      s.columns.map((c) => c.ja),
      true,
    );
    if (s.rows.length === 0) {
      doc.fontSize(SIZE).text('該当なし', MARGIN + 2);
    }
    for (const r of s.rows) line(r, false);
    doc.x = MARGIN;
    doc.moveDown();
  }
  doc.end();
  return done;
}
