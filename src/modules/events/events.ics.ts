// iCalendar (RFC 5545) for one event (/events/:id.ics) and for a member's private feed. Times are
// written in UTC ("…Z"), which every client converts to its own zone; the UID is the event's stored
// uid (stable across edits) and SEQUENCE its change counter, so a client updates the entry it has.

export interface IcsEvent {
  uid: string;
  title: string;
  descriptionSource: string;
  startsAt: Date;
  endsAt: Date;
  /** What LOCATION shows: the address, and the online link only for those who may see it. */
  location: string;
  url: string;
  sequence: number;
  cancelled: boolean;
  updatedAt: Date;
}

/** TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma and newlines. */
export function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line at 75 octets (RFC 5545 3.1): continuation lines start with a space; UTF-8 sequences stay whole. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    const limit = out.length === 0 ? 75 : 74; // a continuation line's leading space counts
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

/** 20270328T013000Z */
export const icsUtc = (d: Date): string => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

function vevent(e: IcsEvent, stamp: Date): string[] {
  // The Markdown source reads as plain text and keeps its paragraphs (escaped newlines).
  const description = e.descriptionSource.trim();
  return [
    'BEGIN:VEVENT',
    `UID:${e.uid}`,
    `DTSTAMP:${icsUtc(stamp)}`,
    `LAST-MODIFIED:${icsUtc(e.updatedAt)}`,
    `DTSTART:${icsUtc(e.startsAt)}`,
    `DTEND:${icsUtc(e.endsAt)}`,
    `SEQUENCE:${e.sequence}`,
    `SUMMARY:${escapeText(e.title)}`,
    ...(description ? [`DESCRIPTION:${escapeText(description)}`] : []),
    ...(e.location ? [`LOCATION:${escapeText(e.location)}`] : []),
    `URL:${e.url}`,
    `STATUS:${e.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
  ];
}

/** A VCALENDAR with the events, CRLF line ends and folded lines. */
export function toIcs(events: IcsEvent[], opts: { name?: string; stamp?: Date } = {}): string {
  const stamp = opts.stamp ?? new Date();
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Praxis//Events//DE',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...(opts.name ? [`X-WR-CALNAME:${escapeText(opts.name)}`] : []),
    ...events.flatMap((e) => vevent(e, stamp)),
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
