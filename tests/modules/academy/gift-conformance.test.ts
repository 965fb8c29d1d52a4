// GIFT conformance: tests/fixtures/gift holds GIFT files with one construct of Moodle's GIFT
// documentation per question (written for Praxis, in the forms Moodle's documentation, its own
// tests and its exporter use). Each file is read and the parsed structure of every question is
// compared, together with the refused and skipped items and their lines.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type GiftQuestion, type GiftReadResult, readGift, serializeGift } from '../../../src/modules/academy/gift.js';
import { gradeQuestion } from '../../../src/modules/academy/grading.js';
import { renderMarkdown } from '../../../src/shared/markdown.js';
import { projectRoot } from '../../../src/paths.js';

const fixture = (name: string) => readFileSync(path.join(projectRoot, 'tests', 'fixtures', 'gift', name), 'utf8');
const read = (name: string) => readGift(fixture(name));

type Row = [string, number, string | null];
/** The parts of a question a conformance check compares; ranges as "min..max" or "*" for any other number. */
function shape(q: GiftQuestion) {
  return {
    line: q.line, kind: q.kind, title: q.title, text: q.text,
    ...(q.explanation ? { explanation: q.explanation } : {}),
    ...(q.choices.length ? { choices: q.choices.map((c): Row => [c.text, c.weight, c.feedback ?? null]) } : {}),
    ...(q.accepted.length ? { accepted: q.accepted.map((a): Row => [a.text, a.weight, a.feedback ?? null]) } : {}),
    ...(q.ranges.length ? { ranges: q.ranges.map((r): Row => [r.any ? '*' : `${+r.min.toFixed(6)}..${+r.max.toFixed(6)}`, r.weight, r.feedback ?? null]) } : {}),
    ...(q.kind === 'multiple' ? { partialCredit: q.partialCredit } : {}),
  };
}
const shapes = (r: GiftReadResult) => r.questions.map(shape);
const tf = (right: boolean, wrongFeedback: string | null = null, rightFeedback: string | null = null): Row[] =>
  [['true', right ? 100 : 0, right ? rightFeedback : wrongFeedback], ['false', right ? 0 : 100, right ? wrongFeedback : rightFeedback]];

describe('GIFT conformance: multiple choice', () => {
  const r = read('01-multiple-choice.gift');

  it('when the multiple-choice constructs are read, then each question has the kind, text, choices, weights and feedback Moodle gives it', () => {
    expect(shapes(r)).toEqual([
      { line: 5, kind: 'single', title: null, text: 'Which body decides the municipal budget?',
        choices: [['the mayor', 0, null], ['the press office', 0, null], ['the council', 100, null]] },
      { line: 8, kind: 'single', title: null, text: 'A participatory budget is _____ for the council.',
        choices: [['binding', 0, null], ['advisory', 100, null], ['secret', 0, null]] },
      { line: 11, kind: 'single', title: null, text: '_____ is where the first participatory budget was held.',
        choices: [['Porto Alegre', 100, null], ['Paris', 0, null], ['Oslo', 0, null]] },
      { line: 14, kind: 'single', title: null, text: 'The first participatory budget was held in _____.',
        choices: [['Paris', 0, null], ['Porto Alegre', 100, null], ['Oslo', 0, null]] },
      { line: 17, kind: 'single', title: null, text: 'Which channel reaches people without internet access?',
        choices: [['a web form', 0, null], ['a newsletter', 0, null], ['a printed notice in the town hall', 100, null], ['a social media post', 0, null]] },
      { line: 24, kind: 'single', title: null, text: 'What comes first in a participation process?',
        choices: [['Information', 100, 'Right: people need to know before they can take part.'], ['Voting', 0, 'No, voting comes late.'], ['Accountability', 0, 'No, that closes the process.']] },
      { line: 31, kind: 'single', title: null, text: "In which year did Germany's first participatory budget start?",
        choices: [['1989', 0, null], ['1997', 50, 'Close: planning started then.'], ['1998', 100, 'Right.'], ['2000', 25, 'Too late.']] },
      { line: 39, kind: 'single', title: null, text: 'Which of these is a capital of a German state?',
        choices: [['Kiel', 100, null], ['Mainz', 100, null], ['Bonn', 0, null], ['Oldenburg', 0, null]] },
      { line: 42, kind: 'single', title: null, text: 'How is the order of phases written?',
        choices: [['information -> consultation -> decision', 100, null], ['decision -> information', 0, null]] },
      { line: 45, kind: 'multiple', title: null, text: 'Which two are forms of consultation?', partialCredit: true,
        choices: [["a citizens' panel", 50, null], ['an online dialogue', 50, null], ['a council decision', -100, null], ['the annual accounts', -100, null]] },
      { line: 53, kind: 'multiple', title: null, text: 'Which colour lies between orange and green in the spectrum?', partialCredit: true,
        choices: [['yellow', 100, 'right'], ['red', -50, 'wrong'], ['blue', -50, 'wrong']] },
      { line: 60, kind: 'multiple', title: null, text: 'Which documents belong to the budget?', partialCredit: true,
        choices: [['the budget plan', 50, null], ['the financial plan', 50, null], ['the minutes of the sports club', 0, null]] },
      { line: 67, kind: 'single', title: null, text: 'Who has the last word on the budget?', explanation: 'The budget right stays with the elected council.',
        choices: [['the council', 100, null], ['the administration', 0, null]] },
    ]);
    expect(r.refused).toEqual([]);
    expect(r.skipped).toEqual([]);
  });

  it('when several = answers stand beside ~ answers, then picking any of them earns full points and a ~ answer none', () => {
    const q = r.questions.find((x) => x.line === 39)!;
    const pick = (text: string) => gradeQuestion(q, { choiceIds: [q.choices.find((c) => c.text === text)!.id] }).score;
    expect([pick('Kiel'), pick('Mainz'), pick('Bonn')]).toEqual([1, 1, 0]);
  });

  it('when multiple answers carry penalties, then a right tick earns its weight and a wrong tick takes it away again', () => {
    const q = r.questions.find((x) => x.line === 53)!;
    const tick = (...texts: string[]) => gradeQuestion(q, { choiceIds: texts.map((t) => q.choices.find((c) => c.text === t)!.id) }).score;
    expect([tick('yellow'), tick('yellow', 'red'), tick('red')]).toEqual([1, 0.5, 0]);
  });
});

describe('GIFT conformance: true/false', () => {
  it('when T, F, TRUE, FALSE and their feedback forms are read, then the right answer and Moodle\'s feedback order hold', () => {
    const r = read('02-true-false.gift');
    expect(shapes(r)).toEqual([
      { line: 4, kind: 'truefalse', title: null, text: 'The council may delegate the budget decision to residents.', choices: tf(false) },
      { line: 6, kind: 'truefalse', title: null, text: 'Residents may submit proposals online.', choices: tf(true) },
      { line: 8, kind: 'truefalse', title: null, text: 'A participatory budget needs a council decision to start.', choices: tf(true) },
      { line: 10, kind: 'truefalse', title: null, text: 'Proposals must be submitted on paper.', choices: tf(false) },
      { line: 13, kind: 'truefalse', title: null, text: 'Accountability reports are optional.',
        choices: tf(false, 'They are part of the promise made to residents.', 'Right: they are part of the process.') },
      { line: 16, kind: 'truefalse', title: null, text: 'Every proposal gets a written answer.',
        choices: tf(true, 'Every proposal is answered, also a rejected one.') },
      { line: 19, kind: 'truefalse', title: 'Answer', text: '42 is the answer to everything.', explanation: 'A reference to a well-known novel.',
        choices: tf(false, 'The question was never asked.', 'Well spotted.') },
      { line: 24, kind: 'truefalse', title: null, text: 'The budget right stays _____ with the council.', choices: tf(true) },
    ]);
    expect(r.refused).toEqual([]);
  });
});

describe('GIFT conformance: short answer', () => {
  const r = read('03-short-answer.gift');

  it('when the short-answer constructs are read, then every accepted answer keeps its weight and feedback, also without = and at the start', () => {
    expect(shapes(r)).toEqual([
      { line: 4, kind: 'short', title: null, text: 'What is the name of a fixed sum residents decide on directly?',
        accepted: [["citizens' budget", 100, null], ['citizen budget', 100, null]] },
      { line: 7, kind: 'short', title: null, text: 'Two plus two equals _____.', accepted: [['four', 100, null], ['4', 100, null]] },
      { line: 10, kind: 'short', title: null, text: 'Two plus _____ equals four.', accepted: [['two', 100, null]] },
      { line: 13, kind: 'short', title: null, text: 'Where does the council meet?',
        accepted: [['town hall', 100, 'Right.'], ['city hall', 50, 'Also used, but not the local name.'], ['hall', 25, 'Too vague.']] },
      { line: 20, kind: 'short', title: null, text: 'Which animal is best?',
        accepted: [['Frog', 100, 'Good!'], ['Cat', 50, 'Why cats?'], ['*', 0, 'Completely wrong']] },
      { line: 27, kind: 'short', title: null, text: 'Which file pattern matches every GIFT file?',
        accepted: [['\\*.gift', 100, null], ['all *.gift files', 100, null]] },
      { line: 30, kind: 'short', title: null, text: '_____ is the largest continent.', accepted: [['Asia', 100, null]] },
    ]);
    expect(r.refused).toEqual([]);
  });

  it('when an answer is a wildcard, then it matches any text, the better answer wins and \\* stays a literal star', () => {
    const animal = r.questions.find((x) => x.line === 20)!;
    const grade = (q: GiftQuestion, text: string) => { const g = gradeQuestion(q, { text }); return [g.score, g.feedback]; };
    expect(grade(animal, 'frog')).toEqual([1, 'Good!']);
    expect(grade(animal, 'cat')).toEqual([0.5, 'Why cats?']);
    expect(grade(animal, 'dog')).toEqual([0, 'Completely wrong']);
    const pattern = r.questions.find((x) => x.line === 27)!;
    expect([grade(pattern, '*.gift')[0], grade(pattern, 'x.gift')[0], grade(pattern, 'all quiz.gift files')[0]]).toEqual([1, 0, 1]);
  });
});

describe('GIFT conformance: numeric', () => {
  const r = read('04-numeric.gift');

  it('when the numeric constructs are read, then values, tolerances, ranges, weights and "any other answer" feedback are kept', () => {
    expect(shapes(r)).toEqual([
      { line: 4, kind: 'numeric', title: null, text: 'In which year did the first participatory budget in Germany start?', ranges: [['1998..1998', 100, null]] },
      { line: 7, kind: 'numeric', title: null, text: 'What is pi to three decimal places? _____.', ranges: [['3.141..3.142', 100, null]] },
      { line: 10, kind: 'numeric', title: null, text: 'Name a whole number from 1 to 5.', ranges: [['1..5', 100, null]] },
      { line: 13, kind: 'numeric', title: null, text: 'When was the town founded?',
        ranges: [['1214..1214', 100, 'Right.'], ['1204..1224', 50, 'Close enough for half the points.']] },
      { line: 19, kind: 'numeric', title: 'Range', text: 'What is a number from 1 to 5?', ranges: [['1..5', 100, null], ['*', 0, 'Completely wrong']] },
      { line: 22, kind: 'numeric', title: 'Export', text: 'How many members does the council have?',
        ranges: [['45..45', 100, null], ['42..48', 50, 'Almost.'], ['*', 0, 'Count again.']] },
      { line: 29, kind: 'numeric', title: null, text: 'What is the lowest temperature on record here in degrees Celsius?',
        explanation: 'Measured in the winter of 1929.', ranges: [['-28..-27', 100, null]] },
    ]);
    expect(r.refused).toEqual([]);
  });

  it('when a number matches no range, then the "any other answer" feedback is shown and a better range still wins', () => {
    const q = r.questions.find((x) => x.line === 22)!;
    const grade = (text: string) => { const g = gradeQuestion(q, { text }); return [g.score, g.feedback]; };
    expect(grade('45')).toEqual([1, undefined]);
    expect(grade('47')).toEqual([0.5, 'Almost.']);
    expect(grade('12')).toEqual([0, 'Count again.']);
  });
});

describe('GIFT conformance: kinds Praxis does not import', () => {
  it('when a file holds matching, essay and description items, then they are refused or skipped with their lines and the rest imports', () => {
    const r = read('05-unsupported-and-descriptions.gift');
    expect(shapes(r)).toEqual([
      { line: 24, kind: 'truefalse', title: null, text: 'A valid question after the refused ones still imports.', choices: tf(true) },
    ]);
    expect(r.questions[0]!.category).toBe('top/Mixed');
    expect(r.refused).toEqual([
      { line: 8, message: 'academy.gift.error.matchingUnsupported' },
      { line: 14, message: 'academy.gift.error.matchingUnsupported' },
      { line: 17, message: 'academy.gift.error.essayUnsupported' },
      { line: 20, message: 'academy.gift.error.essayUnsupported' },
    ]);
    expect(r.skipped).toEqual([
      { line: 6, message: 'academy.gift.skipped.description' },
      { line: 22, message: 'academy.gift.skipped.description' },
    ]);
  });
});

describe('GIFT conformance: options', () => {
  const r = read('06-options.gift');

  it('when comments, categories, titles, escapes, line breaks and format markers are used, then text, answers and feedback read as Moodle reads them', () => {
    expect(shapes(r)).toEqual([
      { line: 8, kind: 'truefalse', title: 'Title with : colon', text: 'Which title is shown?', choices: tf(true) },
      { line: 11, kind: 'truefalse', title: 'Two lines', text: 'Question text\nover two lines?', choices: tf(true) },
      { line: 16, kind: 'single', title: null, text: 'Which of these is not a GIFT control character?',
        choices: [['~', 0, '~ is a control character.'], ['=', 0, '= is a control character.'], ['#', 0, '# is a control character.'],
          ['{', 0, '{ is a control character.'], ['}', 0, '} is a control character.'], ['\\', 100, 'Right: \\ (a backslash) only escapes the others.']] },
      { line: 25, kind: 'truefalse', title: null, text: 'Line one\nline two', choices: tf(true) },
      { line: 28, kind: 'single', title: null, text: 'The folder C:\\Temp and \\( x^2 \\) stay as written; so does 50\\%.',
        choices: [['ok', 100, null], ['not ok', 0, null]] },
      { line: 31, kind: 'single', title: null, text: "Who is buried in **Grant's tomb**?",
        choices: [['no one', 100, 'excellent, **really**'], ['Grant', 0, null]] },
      { line: 34, kind: 'single', title: null, text: 'Which tag makes text <strong>bold</strong> and <em>italic</em> in HTML?',
        choices: [['<b>', 100, null], ['<u>', 0, null]] },
      { line: 37, kind: 'truefalse', title: null, text: 'Which file is \\*args\\_list\\*.txt?', choices: tf(true) },
      { line: 40, kind: 'truefalse', title: null, text: 'Is this the default format?', choices: tf(true) },
      { line: 43, kind: 'single', title: 'Formats', text: "What's between orange and green in the spectrum?",
        choices: [['yellow', 100, 'right; good!'], ['red', 0, "wrong, it's yellow"], ['blue', 0, "wrong, it's yellow"], ['**purple**', 0, "wrong, it's *yellow*"]] },
      { line: 51, kind: 'single', title: null, text: 'Which is the best animal?', explanation: '<p>Frogs <strong>are</strong> the best.</p>',
        choices: [['Frog', 100, null], ['Cat', 0, null]] },
    ]);
    expect(r.questions.map((q) => q.category)).toEqual(Array(11).fill('top/Budget/Basics'));
    expect(r.refused).toEqual([]);
  });

  it('when the question texts are rendered, then [plain] shows its characters literally, [markdown] and [html] format, and no marker is visible', () => {
    const html = (line: number) => renderMarkdown(r.questions.find((q) => q.line === line)!.text);
    expect(html(37)).toBe('<p>Which file is *args_list*.txt?</p>\n');
    expect(html(31)).toBe("<p>Who is buried in <strong>Grant's tomb</strong>?</p>\n");
    expect(html(34)).toContain('<strong>bold</strong> and <em>italic</em> in HTML?');
    expect(html(28)).toContain('C:\\Temp');
    const everything = JSON.stringify(r.questions);
    for (const marker of ['[html]', '[plain]', '[markdown]', '[moodle]']) expect(everything).not.toContain(marker);
  });
});

describe('GIFT conformance: a file as Moodle exports it', () => {
  const source = fixture('07-moodle-export.gift');

  it('when a Moodle export is read, then its questions import with HTML reduced to text in answers, and essay, description and matching are listed', () => {
    const r = readGift(source);
    expect(shapes(r)).toEqual([
      { line: 10, kind: 'single', title: 'Council', text: '<p>Which body decides the budget?</p>',
        choices: [['the council', 100, 'Right.'], ['the mayor', 0, 'No, the mayor proposes it.'], ['the press office', 0, null]] },
      { line: 18, kind: 'multiple', title: 'Channels', text: '<p>Which channels reach residents without internet?</p>', explanation: '<p>Mix channels.</p>', partialCredit: true,
        choices: [['printed notices', 50, null], ['information stands', 50, null], ['a web form', -100, 'Needs internet.']] },
      { line: 27, kind: 'truefalse', title: 'Binding', text: '<p>A participatory budget is binding for the council.</p>',
        choices: tf(false, 'It advises the council.', 'Right.') },
      { line: 31, kind: 'short', title: 'Term', text: '<p>What is a fixed sum residents decide on directly?</p>',
        accepted: [["citizens' budget", 100, null], ['budget', 50, 'Too general.']] },
      { line: 38, kind: 'numeric', title: 'Members', text: '<p>How many members does the council have?</p>',
        ranges: [['45..45', 100, null], ['*', 0, 'Count again.']] },
    ]);
    expect(r.questions.map((q) => q.category)).toEqual(Array(5).fill('top/Default for Participation 101'));
    expect(r.refused).toEqual([
      { line: 45, message: 'academy.gift.error.essayUnsupported' },
      { line: 53, message: 'academy.gift.error.matchingUnsupported' },
    ]);
    expect(r.skipped).toEqual([{ line: 49, message: 'academy.gift.skipped.description' }]);
  });

  it('when the export is saved with Windows line ends and a byte order mark, then it reads the same', () => {
    const strip = (x: GiftReadResult) => ({ ...x, questions: x.questions.map(shape) });
    expect(strip(readGift(`\uFEFF${source.replace(/\n/g, '\r\n')}`))).toEqual(strip(readGift(source)));
  });
});

describe('GIFT conformance: writing back', () => {
  it.each(['01-multiple-choice.gift', '02-true-false.gift', '03-short-answer.gift', '04-numeric.gift', '06-options.gift', '07-moodle-export.gift'])(
    'when the questions of %s are written as GIFT and read again, then they are the same questions', (name) => {
      const questions = read(name).questions;
      const again = readGift(serializeGift(questions));
      expect(again.refused).toEqual([]);
      const plain = (qs: GiftQuestion[]) => JSON.parse(JSON.stringify(qs.map(({ line: _l, category: _c, ...q }) => q)));
      expect(plain(again.questions)).toEqual(plain(questions));
    });
});
