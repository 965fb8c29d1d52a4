// Academy test data: quizzes from GIFT text, courses, and a form poster that repeats keys
// (checkboxes) the way browsers do.
import type { DataSource } from 'typeorm';
import { inTransaction } from '../../src/db/transaction.js';
import { upsertCourse, upsertQuiz } from '../../src/modules/academy/authoring.service.js';
import { parseQuizSource, type QuizSettings } from '../../src/modules/academy/authoring.model.js';
import { csrfIn, type Browser } from './agent.js';
import { uniq } from './factories.js';

export const SAMPLE_GIFT = `//! chapter: buergerhaushalt-planen/phasen
//! explanation: Zuerst wird informiert.
::Phase:: Womit beginnt ein Bürgerhaushalt? {
  =Information #RICHTIG-FEEDBACK
  ~Abstimmung #FALSCH-FEEDBACK
  ~Rechenschaft
}

//! points: 2
Welche Kanäle eignen sich für die Information? {
  ~%50%Amtsblatt
  ~%50%Website
  ~%-100%Geheimsitzung
}

Ein Bürgerhaushalt ist rechtlich bindend. {F}

Wie heißt das Verfahren? {=Bürgerhaushalt =Beteiligungshaushalt}

Wie viel Prozent? {#5:1}

//! chapter: buergerhaushalt-planen/ablauf
[ordering] Ordnen Sie die Phasen. {=Information =Vorschläge =Abstimmung}
`;

export async function createQuiz(ds: DataSource, o: Partial<QuizSettings> & { gift?: string } = {}) {
  const settings: QuizSettings = {
    slug: o.slug ?? uniq('quiz-'), title: o.title ?? 'Testquiz', intro: '', language: o.language ?? 'de', passMark: o.passMark ?? 70,
    attemptLimit: o.attemptLimit === undefined ? null : o.attemptLimit, timeLimitMinutes: o.timeLimitMinutes ?? null,
    questionsPerPage: o.questionsPerPage ?? 10, shuffleQuestions: o.shuffleQuestions ?? false, shuffleAnswers: o.shuffleAnswers ?? true,
    feedbackPolicy: o.feedbackPolicy ?? 'after_attempt',
  };
  const questions = parseQuizSource(o.gift ?? SAMPLE_GIFT);
  const { id } = await inTransaction(ds, (db) => upsertQuiz(db, settings, questions, 'app', null));
  return { id, slug: settings.slug, settings };
}

export async function createCourse(ds: DataSource, quizSlugs: string[], guideSlugs = ['buergerhaushalt-planen']) {
  const slug = uniq('kurs-');
  const { id } = await inTransaction(ds, (db) => upsertCourse(db, { slug, title: `Kurs ${slug}`, summary: 'Ein **Kurs**.', language: 'de', guideSlugs, quizSlugs }, 'app'));
  return { id, slug };
}

export interface QuestionInfo {
  id: number;
  kind: string;
  choices: { id: string; text: string; weight: number; position?: number }[];
}

export async function questionsOf(ds: DataSource, quizId: number): Promise<QuestionInfo[]> {
  return ds.query(`SELECT id, kind, choices FROM academy_questions WHERE quiz_id = $1 AND archived_at IS NULL ORDER BY position`, [quizId]);
}

/** Posts [name, value] pairs (repeat a name for checkboxes) with a CSRF token from `formPage`. */
export async function postPairs(b: Browser, path: string, pairs: [string, string][], formPage: string) {
  const page = await b.get(formPage);
  const body = new URLSearchParams([...pairs, ['_csrf', csrfIn(page.text)]]).toString();
  return b.agent.post(path).type('form').send(body);
}

/** Form pairs giving the full-credit answer to each question of SAMPLE_GIFT-like quizzes. */
export function rightAnswers(questions: QuestionInfo[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (const q of questions) {
    const name = `q${q.id}`;
    if (q.kind === 'single' || q.kind === 'truefalse') pairs.push([name, q.choices.find((c) => c.weight === 100)!.id]);
    else if (q.kind === 'multiple') for (const c of q.choices.filter((c) => c.weight > 0)) pairs.push([name, c.id]);
    else if (q.kind === 'short') pairs.push([name, 'bürgerhaushalt']);
    else if (q.kind === 'numeric') pairs.push([name, '5,5']);
    else if (q.kind === 'ordering') for (const c of q.choices) pairs.push([`${name}-${c.id}`, String(c.position! + 1)]);
  }
  return pairs;
}
