// WebVTT captions: every problem with its line, cues read from valid files, transcripts from cues.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { cuePlainText, formatClock, parseTimestamp, parseWebVtt, transcriptOf, writeWebVtt } from '../../src/shared/webvtt.js';

const VALID = `\uFEFFWEBVTT - Bürgerhaushalt erklärt
Kind: captions

NOTE Untertitel von der Stadt Beispielstadt

STYLE
::cue { color: yellow }

intro
00:00.000 --> 00:04.500 line:0 align:start
<v Anna Beispiel>Willkommen zum Bürgerhaushalt!</v>

00:00:04.500 --> 00:00:09.000
Heute zeigen wir, wie <i>Vorschläge</i>
&amp; Abstimmungen laufen.

00:00:09.000 --> 00:01:02.250
<v.loud Bernd>Los geht&apos;s.
`;

describe('WebVTT', () => {
  it('when a valid file with a header, NOTE, STYLE, identifiers, settings and tags is read, then every cue comes back and nothing is wrong', () => {
    const { cues, problems } = parseWebVtt(VALID.replace(/\n/g, '\r\n'));
    expect(problems).toEqual([]);
    expect(cues.map((c) => [c.id, c.start, c.end, c.settings, c.line])).toEqual([
      ['intro', 0, 4.5, 'line:0 align:start', 10],
      ['', 4.5, 9, '', 13],
      ['', 9, 62.25, '', 17],
    ]);
    expect(cues[1]!.text).toBe('Heute zeigen wir, wie <i>Vorschläge</i>\n&amp; Abstimmungen laufen.');
  });

  it('when a file has several problems, then each is reported with its line, and the good cues are still read', () => {
    const { cues, problems } = parseWebVtt([
      'WEBVTTX', // 1
      '', // 2
      '00:01.000 --> 00:02.000', // 3
      'gut', // 4
      '', // 5
      '00:01:75.000 --> 00:02.000', // 6 seconds > 59
      'x', // 7
      '', // 8
      '00:05.000 --> 00:04.000', // 9 end before start
      'y', // 10
      '', // 11
      'nur Text ohne Zeit', // 12
      '', // 13
      '00:03.000 --> 00:04', // 14 malformed end
      'z', // 15
      '', // 16
      '00:00.500 --> 00:01.000', // 17 starts before the previous cue
      'a --> b', // 18 arrow in the text
      '', // 19
      '00:06.000 --> 00:07.000', // 20 no text
    ].join('\n'));
    expect(problems).toEqual([
      { line: 1, code: 'signature', detail: 'WEBVTTX' },
      { line: 6, code: 'timestamp', detail: '00:01:75.000' },
      { line: 9, code: 'endBeforeStart', detail: '00:05.000 --> 00:04.000' },
      { line: 12, code: 'noTiming', detail: 'nur Text ohne Zeit' },
      { line: 14, code: 'timing', detail: '00:04' },
      { line: 18, code: 'arrowInPayload', detail: 'a --> b' },
      { line: 17, code: 'order', detail: '00:00:00.500' },
      { line: 20, code: 'emptyCue' },
    ]);
    expect(cues.map((c) => c.line)).toEqual([3, 17, 20]);
  });

  it('when the file is empty or only whitespace, then that is the one problem', () => {
    expect(parseWebVtt(' \n\n').problems).toEqual([{ line: 1, code: 'empty' }]);
  });

  it('when timestamps are read, then hours are optional, minutes and seconds stop at 59 and milliseconds have three digits', () => {
    expect(parseTimestamp('01:02.003')).toBe(62.003);
    expect(parseTimestamp('10:00:00.000')).toBe(36000);
    expect(parseTimestamp('100:00:00.000')).toBe(360000);
    for (const bad of ['1:02.003', '01:60.000', '60:00.000', '01:02.03', '01:02,003', '00:00:00:00.000', '']) expect(parseTimestamp(bad)).toBeNull();
    expect(formatClock(252)).toBe('04:12');
    expect(formatClock(3852.9)).toBe('1:04:12');
  });

  it('when cues become a transcript, then tags go, entities are decoded, speakers are named and a repeated caption is written once', () => {
    const { cues } = parseWebVtt(`${VALID}\n00:01:02.250 --> 00:01:03.000\n<v.loud Bernd>Los geht&apos;s.\n`);
    expect(transcriptOf(cues)).toEqual([
      { start: 0, clock: '00:00', speaker: 'Anna Beispiel', text: 'Willkommen zum Bürgerhaushalt!' },
      { start: 4.5, clock: '00:04', speaker: null, text: 'Heute zeigen wir, wie Vorschläge & Abstimmungen laufen.' },
      { start: 9, clock: '00:09', speaker: 'Bernd', text: "Los geht's." },
    ]);
    expect(cuePlainText('<c.yellow>a</c> <00:00:01.000>b &lt;c&gt;')).toBe('a b <c>');
  });

  it('when any cues are written and read again, then they come back unchanged and valid', () => {
    const text = fc.stringMatching(/^[^\n\r<&]*[^\s<&-][^\n\r<&]*$/).filter((s) => !s.includes('-->') && s.trim() === s);
    const cue = fc.record({ start: fc.integer({ min: 0, max: 10 * 3600 * 1000 }), len: fc.integer({ min: 1, max: 60_000 }), text, id: fc.constantFrom('', 'c1', 'intro') });
    fc.assert(fc.property(fc.array(cue, { maxLength: 20 }), (raw) => {
      const cues = [...raw].sort((a, b) => a.start - b.start).map((c) => ({ id: c.id, start: c.start / 1000, end: (c.start + c.len) / 1000, settings: '', text: c.text }));
      const back = parseWebVtt(writeWebVtt(cues));
      expect(back.problems).toEqual([]);
      expect(back.cues.map(({ id, start, end, settings, text: t }) => ({ id, start, end, settings, text: t }))).toEqual(cues);
    }));
  });

  it('when arbitrary text is read, then it never throws and every problem has a line inside the file', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (s) => {
      const lines = s.replace(/\r\n?/g, '\n').split('\n').length;
      const { problems } = parseWebVtt(`WEBVTT\n\n${s}`);
      for (const p of problems) {
        expect(p.line).toBeGreaterThanOrEqual(1);
        expect(p.line).toBeLessThanOrEqual(lines + 2);
      }
    }));
  });
});
