// WebVTT (W3C WebVTT: The Web Video Text Tracks Format): parses and checks caption, subtitle,
// description and chapter files, and turns cues into a plain transcript. Captions are required
// before a training video is published (issue 18), so a facilitator needs every problem at once,
// each with its line number — not the first one, and never an exception: `parseWebVtt` returns the
// cues it could read together with the problems it found.

export interface VttCue {
  /** The cue identifier line, or '' when there is none. */
  id: string;
  /** Seconds from the start of the media (millisecond precision). */
  start: number;
  end: number;
  /** Cue settings after the end time (e.g. "line:0 align:start"), as written. */
  settings: string;
  /** The payload as written (may contain tags such as <v Speaker>, <i>, <c.yellow>). */
  text: string;
  /** The line of the timing line (1-based). */
  line: number;
}

/** A problem in the file; `code` names it (its message: `webvtt.<code>`), `line` is 1-based. */
export interface VttProblem {
  line: number;
  code:
    | 'empty'
    | 'signature' // the first line is not "WEBVTT" (optionally followed by a space or tab and text)
    | 'timing' // a line with "-->" that is not "start --> end" with valid timestamps
    | 'timestamp' // a timestamp with minutes or seconds above 59, or the wrong number of digits
    | 'endBeforeStart' // the end time is not after the start time
    | 'order' // a cue starts before the previous cue
    | 'noTiming' // a block that is neither a cue, a NOTE, STYLE nor REGION (e.g. text without a timing line)
    | 'arrowInPayload' // "-->" inside a cue's text
    | 'emptyCue'; // a cue without text
  /** The offending text, shortened (for the message). */
  detail?: string;
}

export interface VttResult {
  cues: VttCue[];
  problems: VttProblem[];
}

const TIMESTAMP = /^(?:(\d{2,}):)?(\d{2}):(\d{2})\.(\d{3})$/;
const MAX_DETAIL = 60;
const short = (s: string) => (s.length > MAX_DETAIL ? `${s.slice(0, MAX_DETAIL - 1)}…` : s);

/** Seconds of a WebVTT timestamp ("01:02.500", "1:02:03.004" is invalid: hours need two digits), or null. */
export function parseTimestamp(s: string): number | null {
  const m = TIMESTAMP.exec(s);
  if (!m) return null;
  const [h, min, sec, ms] = [m[1] ? Number(m[1]) : 0, Number(m[2]), Number(m[3]), Number(m[4])];
  if (min > 59 || sec > 59) return null;
  return h * 3600 + min * 60 + sec + ms / 1000;
}

/** "hh:mm:ss.ttt" (hours always written), for writing files. */
export function formatTimestamp(seconds: number): string {
  const total = Math.round(seconds * 1000);
  const ms = total % 1000;
  const s = Math.floor(total / 1000) % 60;
  const m = Math.floor(total / 60_000) % 60;
  const h = Math.floor(total / 3_600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(h)}:${two(m)}:${two(s)}.${String(ms).padStart(3, '0')}`;
}

/** "1:04:12" or "04:12": how a transcript or a timed comment shows a moment. */
export function formatClock(seconds: number): string {
  const t = Math.floor(seconds);
  const s = t % 60;
  const m = Math.floor(t / 60) % 60;
  const h = Math.floor(t / 3600);
  const two = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

/** Parses a timing line "start --> end [settings]"; a problem when it is not one. */
function timingLine(line: string, no: number): { start: number; end: number; settings: string } | VttProblem {
  const m = /^(\S+)[ \t]+-->[ \t]+(\S+)(?:[ \t]+(.*))?$/.exec(line.trim());
  if (!m) return { line: no, code: 'timing', detail: short(line) };
  const start = parseTimestamp(m[1]!);
  const end = parseTimestamp(m[2]!);
  if (start === null || end === null) {
    const bad = start === null ? m[1]! : m[2]!;
    return { line: no, code: TIMESTAMP.test(bad) ? 'timestamp' : 'timing', detail: short(bad) };
  }
  if (end <= start) return { line: no, code: 'endBeforeStart', detail: short(line.trim()) };
  return { start, end, settings: (m[3] ?? '').trim() };
}

/** Cues and problems of a WebVTT document (a leading BOM and CRLF/CR line ends are accepted). */
export function parseWebVtt(source: string): VttResult {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  const problems: VttProblem[] = [];
  const cues: VttCue[] = [];
  if (!text.trim()) return { cues, problems: [{ line: 1, code: 'empty' }] };
  if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0]!)) problems.push({ line: 1, code: 'signature', detail: short(lines[0]!) });

  // Blocks are separated by blank lines; the signature's block (header lines) is skipped.
  let i = 1;
  while (i < lines.length && lines[i]!.trim() !== '') i++;
  let lastStart = -1;
  while (i < lines.length) {
    while (i < lines.length && lines[i]!.trim() === '') i++;
    if (i >= lines.length) break;
    const first = i;
    const block: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== '') block.push(lines[i++]!);
    const head = block[0]!;
    if (/^NOTE(?:[ \t]|$)/.test(head) || (/^(STYLE|REGION)[ \t]*$/.test(head) && !block.some((l) => l.includes('-->')))) continue;
    // A cue: an optional identifier line, then the timing line.
    const timingAt = head.includes('-->') ? 0 : block[1]?.includes('-->') ? 1 : -1;
    if (timingAt < 0) {
      problems.push({ line: first + 1, code: 'noTiming', detail: short(head) });
      continue;
    }
    const no = first + timingAt + 1;
    const timing = timingLine(block[timingAt]!, no);
    if ('code' in timing) {
      problems.push(timing);
      continue;
    }
    const payload = block.slice(timingAt + 1);
    const arrow = payload.findIndex((l) => l.includes('-->'));
    if (arrow >= 0) problems.push({ line: no + 1 + arrow, code: 'arrowInPayload', detail: short(payload[arrow]!) });
    if (!payload.length) problems.push({ line: no, code: 'emptyCue' });
    if (timing.start < lastStart) problems.push({ line: no, code: 'order', detail: formatTimestamp(timing.start) });
    lastStart = Math.max(lastStart, timing.start);
    cues.push({ id: timingAt === 1 ? head.trim() : '', start: timing.start, end: timing.end, settings: timing.settings, text: payload.join('\n'), line: no });
  }
  return { cues, problems };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', nbsp: '\u00a0', lrm: '\u200e', rlm: '\u200f', quot: '"', apos: "'" };

/** A cue's payload as plain text: tags (<v Anna>, <i>, <c.x>, <00:01.000>) dropped, entities decoded, lines joined. */
export function cuePlainText(payload: string): string {
  return payload
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|nbsp|lrm|rlm|quot|apos);/g, (_m, name: string) => ENTITIES[name]!)
    .split('\n').map((l) => l.trim()).filter(Boolean).join(' ');
}

/** The speaker of a cue from its first voice tag (<v Anna Beispiel>), or null. */
export function cueSpeaker(payload: string): string | null {
  const m = /<v(?:\.[^\s>]+)*[ \t]+([^>]+)>/.exec(payload);
  return m ? m[1]!.trim() : null;
}

export interface TranscriptLine {
  start: number;
  clock: string;
  speaker: string | null;
  text: string;
}

/**
 * The transcript below a player: one line per cue with text, consecutive cues of the same text
 * (a caption shown again across a cut) written once.
 */
export function transcriptOf(cues: readonly VttCue[]): TranscriptLine[] {
  const out: TranscriptLine[] = [];
  for (const c of cues) {
    const text = cuePlainText(c.text);
    if (!text || out.at(-1)?.text === text) continue;
    out.push({ start: c.start, clock: formatClock(c.start), speaker: cueSpeaker(c.text), text });
  }
  return out;
}

/** Writes cues as a WebVTT document (the inverse of parseWebVtt for valid files). */
export function writeWebVtt(cues: readonly Pick<VttCue, 'id' | 'start' | 'end' | 'settings' | 'text'>[]): string {
  const blocks = cues.map((c) => [c.id, `${formatTimestamp(c.start)} --> ${formatTimestamp(c.end)}${c.settings ? ` ${c.settings}` : ''}`, c.text]
    .filter((l, i) => i > 0 || l).join('\n'));
  return `WEBVTT\n\n${blocks.join('\n\n')}\n`;
}
