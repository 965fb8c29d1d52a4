import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { gradeQuestion, gradeQuiz, matchesAccepted, normalizeText, parseNumber, responseIsWellFormed, type QuestionKey } from '../../../src/modules/academy/grading.js';

const single: QuestionKey = {
  kind: 'single', points: 2,
  choices: [
    { id: 'a', text: 'A', weight: 100, feedback: 'gut' },
    { id: 'b', text: 'B', weight: 0, feedback: 'nein' },
    { id: 'c', text: 'C', weight: 50 },
  ],
};
const multiAll: QuestionKey = {
  kind: 'multiple', points: 3, partialCredit: false,
  choices: [
    { id: 'a', text: 'A', weight: 50 }, { id: 'b', text: 'B', weight: 50 },
    { id: 'c', text: 'C', weight: -100 }, { id: 'd', text: 'D', weight: -100 },
  ],
};
const multiPartial: QuestionKey = { ...multiAll, partialCredit: true, points: 4 };
const tf: QuestionKey = { kind: 'truefalse', points: 1, choices: [{ id: 'true', text: 'wahr', weight: 0 }, { id: 'false', text: 'falsch', weight: 100 }] };
const short: QuestionKey = {
  kind: 'short', points: 1, choices: [],
  accepted: [{ text: 'Bürgerhaushalt', weight: 100 }, { text: 'Beteiligungshaushalt', weight: 100 }, { text: 'Haushalt', weight: 50, feedback: 'fast' }],
};
const numeric: QuestionKey = {
  kind: 'numeric', points: 2, choices: [],
  ranges: [{ min: 3.4, max: 3.6, weight: 100 }, { min: 1, max: 5, weight: 50, feedback: 'ungefähr' }],
};
const ordering: QuestionKey = {
  kind: 'ordering', points: 3,
  choices: [{ id: 'x', text: 'erst', weight: 0, position: 0 }, { id: 'y', text: 'dann', weight: 0, position: 1 }, { id: 'z', text: 'zuletzt', weight: 0, position: 2 }],
};

describe('grading: single choice', () => {
  it('when the right choice is picked, then full points and its feedback', () => {
    expect(gradeQuestion(single, { choiceIds: ['a'] })).toEqual({ score: 2, max: 2, outcome: 'correct', feedback: 'gut' });
  });
  it('when a wrong choice is picked, then 0 points, wrong', () => {
    expect(gradeQuestion(single, { choiceIds: ['b'] })).toMatchObject({ score: 0, outcome: 'wrong', feedback: 'nein' });
  });
  it('when a partially right choice is picked, then its share', () => {
    expect(gradeQuestion(single, { choiceIds: ['c'] })).toMatchObject({ score: 1, outcome: 'partial' });
  });
  it('when nothing is picked, then unanswered', () => {
    expect(gradeQuestion(single, undefined).outcome).toBe('unanswered');
    expect(gradeQuestion(single, { choiceIds: [] }).outcome).toBe('unanswered');
  });
  it('when two choices or an unknown id are sent, then 0 and the response is malformed', () => {
    expect(gradeQuestion(single, { choiceIds: ['a', 'c'] }).score).toBe(0);
    expect(gradeQuestion(single, { choiceIds: ['zz'] }).score).toBe(0);
    expect(responseIsWellFormed(single, { choiceIds: ['zz'] })).toBe(false);
    expect(responseIsWellFormed(single, { text: 'a' })).toBe(false);
  });
});

describe('grading: multiple choice', () => {
  it('when all-or-nothing and exactly the right set is picked, then full points', () => {
    expect(gradeQuestion(multiAll, { choiceIds: ['b', 'a'] })).toMatchObject({ score: 3, outcome: 'correct' });
  });
  it('when all-or-nothing and one right is missing or one wrong added, then 0', () => {
    expect(gradeQuestion(multiAll, { choiceIds: ['a'] }).score).toBe(0);
    expect(gradeQuestion(multiAll, { choiceIds: ['a', 'b', 'c'] }).score).toBe(0);
  });
  it('when partial credit, then each right pick adds its share', () => {
    expect(gradeQuestion(multiPartial, { choiceIds: ['a'] })).toMatchObject({ score: 2, outcome: 'partial' });
    expect(gradeQuestion(multiPartial, { choiceIds: ['a', 'b'] })).toMatchObject({ score: 4, outcome: 'correct' });
  });
  it('when partial credit and wrong picks, then they subtract but never below 0', () => {
    expect(gradeQuestion(multiPartial, { choiceIds: ['a', 'b', 'c'] }).score).toBe(0);
    expect(gradeQuestion(multiPartial, { choiceIds: ['a', 'c', 'd'] })).toMatchObject({ score: 0, outcome: 'wrong' });
    const mild: QuestionKey = { ...multiPartial, choices: [...multiPartial.choices.slice(0, 2), { id: 'c', text: 'C', weight: -25 }] };
    expect(gradeQuestion(mild, { choiceIds: ['a', 'b', 'c'] }).score).toBe(3);
  });
  it('when everything is ticked, then no more than full and no less than 0', () => {
    const r = gradeQuestion(multiPartial, { choiceIds: ['a', 'b', 'c', 'd'] });
    expect(r.score).toBe(0);
  });
  it('when a duplicate id is sent, then the response is malformed', () => {
    expect(responseIsWellFormed(multiAll, { choiceIds: ['a', 'a'] })).toBe(false);
    expect(gradeQuestion(multiPartial, { choiceIds: ['a', 'a'] }).score).toBe(0);
  });
});

describe('grading: true/false', () => {
  it('when the statement is false and "false" is picked, then full points', () => {
    expect(gradeQuestion(tf, { choiceIds: ['false'] })).toMatchObject({ score: 1, outcome: 'correct' });
  });
  it('when "true" is picked, then 0', () => {
    expect(gradeQuestion(tf, { choiceIds: ['true'] })).toMatchObject({ score: 0, outcome: 'wrong' });
  });
  it('when something else is sent, then malformed', () => {
    expect(responseIsWellFormed(tf, { choiceIds: ['yes'] })).toBe(false);
  });
});

describe('grading: short text', () => {
  it('when any accepted answer is given, in any case and spacing, then full points', () => {
    expect(gradeQuestion(short, { text: 'bürgerhaushalt' }).score).toBe(1);
    expect(gradeQuestion(short, { text: '  BÜRGERHAUSHALT ' }).score).toBe(1);
    expect(gradeQuestion(short, { text: 'Beteiligungshaushalt' }).score).toBe(1);
  });
  it('when inner spaces differ only in count, then still accepted', () => {
    const k: QuestionKey = { ...short, accepted: [{ text: 'Online Dialog', weight: 100 }] };
    expect(gradeQuestion(k, { text: 'online   dialog' }).score).toBe(1);
  });
  it('when a partially accepted answer is given, then its share and feedback', () => {
    expect(gradeQuestion(short, { text: 'haushalt' })).toMatchObject({ score: 0.5, outcome: 'partial', feedback: 'fast' });
  });
  it('when another text is given, then 0; an empty one is unanswered', () => {
    expect(gradeQuestion(short, { text: 'Haushaltsplan' }).outcome).toBe('wrong');
    expect(gradeQuestion(short, { text: '   ' }).outcome).toBe('unanswered');
  });
  it('when choice ids are sent to a text question, then malformed', () => {
    expect(responseIsWellFormed(short, { choiceIds: ['a'] })).toBe(false);
  });
  it('normalises case, spaces and unicode composition', () => {
    expect(normalizeText(' Bu\u0308rger  HAUS ')).toBe('bürger haus');
  });
  it('when an accepted answer holds * (Moodle\'s wildcard), then it matches any run of characters; \\* is a literal star', () => {
    expect(matchesAccepted('Bürger*', 'Bürgerhaushalt')).toBe(true);
    expect(matchesAccepted('Bürger*', 'bürger')).toBe(true);
    expect(matchesAccepted('*haus*', 'Bürgerhaushalt')).toBe(true);
    expect(matchesAccepted('B*t', 'Bürgerhaushalt')).toBe(true);
    expect(matchesAccepted('B*x', 'Bürgerhaushalt')).toBe(false);
    expect(matchesAccepted('*', 'irgendwas')).toBe(true);
    expect(matchesAccepted('a\\*b', 'a*b')).toBe(true);
    expect(matchesAccepted('a\\*b', 'axb')).toBe(false);
    expect(matchesAccepted('C:\\Temp', 'c:\\temp')).toBe(true);
  });
  it('when a wildcard answer with weight 0 carries feedback, then every other answer gets that feedback and the better answer wins', () => {
    const k: QuestionKey = { ...short, accepted: [...short.accepted!, { text: '*', weight: 0, feedback: 'leider nicht' }] };
    expect(gradeQuestion(k, { text: 'Haushaltsplan' })).toMatchObject({ score: 0, outcome: 'wrong', feedback: 'leider nicht' });
    expect(gradeQuestion(k, { text: 'Haushalt' })).toMatchObject({ score: 0.5, feedback: 'fast' });
  });
  it('when a pattern has many wildcards and the text is long, then matching stays fast (no backtracking blow-up)', () => {
    const start = process.cpuUsage();
    expect(matchesAccepted('*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(500))).toBe(false);
    const used = process.cpuUsage(start);
    expect((used.user + used.system) / 1000).toBeLessThan(500);
  });
});

describe('grading: numeric', () => {
  it('when the value is within the tolerance, including the edges, then full points', () => {
    for (const v of ['3.5', '3,5', '3.4', '3.6', ' 3.45 ']) expect(gradeQuestion(numeric, { text: v }).score).toBe(2);
  });
  it('when the value is only in the wider range, then the partial share', () => {
    expect(gradeQuestion(numeric, { text: '4' })).toMatchObject({ score: 1, outcome: 'partial', feedback: 'ungefähr' });
  });
  it('when the value is outside every range or not a number, then 0', () => {
    expect(gradeQuestion(numeric, { text: '6' }).score).toBe(0);
    expect(gradeQuestion(numeric, { text: 'drei' }).score).toBe(0);
    expect(gradeQuestion(numeric, { text: 'Infinity' }).score).toBe(0);
  });
  it('when a range stands for "any other answer", then every number not matched better gets its feedback', () => {
    const k: QuestionKey = { ...numeric, ranges: [...numeric.ranges!, { min: 0, max: 0, any: true, weight: 0, feedback: 'weit daneben' }] };
    expect(gradeQuestion(k, { text: '99' })).toMatchObject({ score: 0, outcome: 'wrong', feedback: 'weit daneben' });
    expect(gradeQuestion(k, { text: '4' })).toMatchObject({ score: 1, feedback: 'ungefähr' });
    expect(gradeQuestion(k, { text: '3.5' }).score).toBe(2);
    expect(gradeQuestion(k, { text: 'drei' })).toMatchObject({ score: 0, feedback: undefined });
  });
  it('parses numbers strictly', () => {
    expect(parseNumber('1e3')).toBe(1000);
    expect(parseNumber('-2,5')).toBe(-2.5);
    expect(parseNumber('1.2.3')).toBeNull();
    expect(parseNumber('')).toBeNull();
  });
});

describe('grading: ordering', () => {
  it('when the order is right, then full points', () => {
    expect(gradeQuestion(ordering, { choiceIds: ['x', 'y', 'z'] })).toMatchObject({ score: 3, outcome: 'correct' });
  });
  it('when the order is wrong, then 0 (all or nothing)', () => {
    expect(gradeQuestion(ordering, { choiceIds: ['y', 'x', 'z'] }).score).toBe(0);
  });
  it('when partial credit, then the share of items in their place', () => {
    expect(gradeQuestion({ ...ordering, partialCredit: true }, { choiceIds: ['y', 'x', 'z'] })).toMatchObject({ score: 1, outcome: 'partial' });
  });
  it('when items are missing or repeated, then malformed', () => {
    expect(responseIsWellFormed(ordering, { choiceIds: ['x', 'y'] })).toBe(false);
    expect(responseIsWellFormed(ordering, { choiceIds: ['x', 'x', 'z'] })).toBe(false);
  });
});

describe('grading: a whole quiz', () => {
  it('when answers are graded, then score, percent and pass follow the pass mark', () => {
    const r = gradeQuiz([single, tf, ordering], [{ choiceIds: ['a'] }, { choiceIds: ['true'] }, { choiceIds: ['x', 'y', 'z'] }], 80);
    expect(r).toMatchObject({ score: 5, max: 6, percent: 83.3, passed: true });
    expect(gradeQuiz([single, tf], [{ choiceIds: ['b'] }, undefined], 50)).toMatchObject({ score: 0, passed: false });
  });
});

// ---- properties ----
const choiceKinds = ['single', 'multiple', 'truefalse', 'ordering'] as const;
const arbKey = fc.oneof(
  fc.record({
    kind: fc.constantFrom(...choiceKinds),
    points: fc.integer({ min: 0, max: 20 }),
    partialCredit: fc.boolean(),
    weights: fc.array(fc.integer({ min: -100, max: 100 }), { minLength: 1, maxLength: 6 }),
  }).map(({ kind, points, partialCredit, weights }): QuestionKey => ({
    kind, points, partialCredit,
    choices: weights.map((w, i) => ({ id: `c${i}`, text: `t${i}`, weight: w, position: i })),
  })),
  fc.record({ points: fc.integer({ min: 0, max: 20 }), accepted: fc.array(fc.record({ text: fc.string(), weight: fc.integer({ min: 0, max: 100 }) })) })
    .map(({ points, accepted }): QuestionKey => ({ kind: 'short', points, choices: [], accepted })),
  fc.record({ points: fc.integer({ min: 0, max: 20 }), ranges: fc.array(fc.record({ min: fc.double({ noNaN: true }), max: fc.double({ noNaN: true }), weight: fc.integer({ min: -100, max: 200 }) })) })
    .map(({ points, ranges }): QuestionKey => ({ kind: 'numeric', points, choices: [], ranges })),
);

function arbResponseFor(key: QuestionKey) {
  if (key.kind === 'short' || key.kind === 'numeric') return fc.record({ text: fc.oneof(fc.string(), fc.double().map(String)) });
  const ids = key.choices.map((c) => c.id);
  if (key.kind === 'ordering') return fc.shuffledSubarray(ids, { minLength: ids.length, maxLength: ids.length }).map((choiceIds) => ({ choiceIds }));
  // includes tampered ids on purpose
  return fc.shuffledSubarray([...ids, 'tampered'], { minLength: 0 }).map((choiceIds) => ({ choiceIds }));
}

describe('grading: properties', () => {
  it('the score is always between 0 and the question\'s points', () => {
    fc.assert(fc.property(arbKey.chain((key) => fc.tuple(fc.constant(key), arbResponseFor(key))), ([key, response]) => {
      const r = gradeQuestion(key, response);
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(key.points);
      expect(Number.isFinite(r.score)).toBe(true);
    }), { numRuns: 500 });
  });

  it('permuting the choices (the order shown) does not change the score', () => {
    const keyAndPerm = arbKey.chain((key) =>
      fc.tuple(fc.constant(key), arbResponseFor(key), fc.shuffledSubarray(key.choices, { minLength: key.choices.length, maxLength: key.choices.length })));
    fc.assert(fc.property(keyAndPerm, ([key, response, permuted]) => {
      const a = gradeQuestion(key, response);
      const b = gradeQuestion({ ...key, choices: permuted }, response);
      expect(b).toEqual(a);
    }), { numRuns: 500 });
  });

  it('a quiz score is between 0 and the sum of points', () => {
    fc.assert(fc.property(fc.array(arbKey.chain((key) => fc.tuple(fc.constant(key), arbResponseFor(key))), { maxLength: 8 }), fc.integer({ min: 0, max: 100 }), (pairs, mark) => {
      const r = gradeQuiz(pairs.map((p) => p[0]), pairs.map((p) => p[1]), mark);
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(r.max + 1e-9);
      expect(r.percent).toBeLessThanOrEqual(100);
    }));
  });
});
