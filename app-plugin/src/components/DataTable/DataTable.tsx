import type { CSSProperties, HTMLAttributes, ReactNode } from 'react';

/** One row: its React key, its cells in column order, and attributes of its <tr> (data-*, style). */
export interface DataRow {
  key: string;
  cells: ReactNode[];
  attributes?: HTMLAttributes<HTMLTableRowElement> & { [data: `data-${string}`]: string | boolean | undefined };
}

const HEADER_CELL: CSSProperties = { textAlign: 'left', padding: '2px 8px' };

/**
 * The plain HTML table the pages show their results in: one header row, one row per entry. Plain on purpose: it
 * prints, copies into a spreadsheet and reads well to a screen reader by its aria-label.
 */
export function DataTable({
  label,
  header,
  rows,
  style,
  headerStyle = HEADER_CELL,
  cellStyle,
}: {
  label?: string;
  header: string[];
  rows: DataRow[];
  style?: CSSProperties;
  headerStyle?: CSSProperties;
  cellStyle?: CSSProperties;
}) {
  return (
    <table aria-label={label} style={style}>
      <thead>
        <tr>
          {header.map((c) => (
            <th key={c} style={headerStyle}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} {...r.attributes}>
            {r.cells.map((c, i) => (
              <td key={i} style={cellStyle}>
                {c}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
