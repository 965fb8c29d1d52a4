// CSV for spreadsheets: RFC 4180 quoting with `;`-safe cells, a guard against formula injection
// (a text cell starting with = + - @ tab or CR gets a leading '), UTF-8 with a BOM so umlauts survive.
export type CsvValue = string | number | boolean | null | undefined | Date | string[];

export function csvCell(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  // A number is never a formula: a negative one (a change) stays a number in the spreadsheet.
  if (typeof v === 'number') return String(v);
  let s = v instanceof Date ? v.toISOString() : Array.isArray(v) ? v.join('|') : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",;\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A whole CSV document: header row, then rows; CRLF line ends; BOM first. */
export function csvDocument(header: string[], rows: CsvValue[][]): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
