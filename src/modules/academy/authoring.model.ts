// Quizzes and courses as authored, without the database: their settings, reading GIFT text with
// random choice ids, the confirmation token of a partly valid text, and the signature that tells
// whether the questions changed. Pure, so services, queries and the content sync share it.
import { randomBytes } from 'node:crypto';
import { sha256 } from '../../shared/identity.js';
import { invalid } from '../../shared/errors.js';
import { type GiftQuestion, type GiftReadResult, parseGift, ParseError, readGift } from './gift.js';

export type FeedbackPolicy = 'after_attempt' | 'after_pass';

export interface QuizSettings {
  slug: string;
  title: string;
  intro: string;
  language: 'de' | 'en';
  passMark: number;
  attemptLimit: number | null;
  timeLimitMinutes: number | null;
  questionsPerPage: number;
  shuffleQuestions: boolean;
  shuffleAnswers: boolean;
  feedbackPolicy: FeedbackPolicy;
}

export interface CourseSettings {
  slug: string;
  title: string;
  summary: string;
  language: 'de' | 'en';
  guideSlugs: string[];
  quizSlugs: string[];
}

export type UpsertResult = 'created' | 'updated' | 'unchanged';

export const newChoiceId = () => randomBytes(5).toString('hex');

/** Parses GIFT with random choice ids (so ids never hint at the authored order); all or nothing. */
export function parseQuizSource(source: string): GiftQuestion[] {
  return parseGift(source, { newId: () => newChoiceId() });
}

/** Reads GIFT item by item with random choice ids: the questions, the refused and the skipped items. */
export function readQuizSource(source: string): GiftReadResult {
  return readGift(source, { newId: () => newChoiceId() });
}

/**
 * What a facilitator sends to say "import the valid questions of exactly this text". Line breaks
 * are normalised (browsers send a textarea with CRLF and drop its leading line breaks).
 */
export function giftConfirmToken(source: string): string {
  return sha256(source.replace(/\r\n?/g, '\n').replace(/^\n+/, '')).slice(0, 32);
}

/** The questions without ids or lines: equal signatures mean nothing changed. */
export function questionsSignature(questions: GiftQuestion[]): string {
  const plain = questions.map((q) => ({
    kind: q.kind, title: q.title, text: q.text, points: q.points, explanation: q.explanation, chapterRef: q.chapterRef,
    partialCredit: q.partialCredit, choices: q.choices.map(({ id: _id, ...c }) => c), accepted: q.accepted, ranges: q.ranges,
  }));
  return sha256(JSON.stringify(plain));
}

/**
 * Reads the GIFT text of the form. Any refused item makes it a 422 (the form lists them), unless
 * the facilitator confirmed importing the valid questions of exactly this text (`confirm`).
 */
export function readQuizForm(source: string, confirm: string | undefined): GiftReadResult {
  let read: GiftReadResult;
  try {
    read = readQuizSource(source);
  } catch (e) {
    if (e instanceof ParseError) throw invalid('academy.gift.refused', { source: 'academy.gift.refused' });
    throw e;
  }
  if (!read.refused.length) return read;
  if (confirm && confirm !== giftConfirmToken(source)) throw invalid('academy.gift.confirmStale', { source: 'academy.gift.confirmStale' });
  if (!confirm || !read.questions.length) throw invalid('academy.gift.refused', { source: 'academy.gift.refused' });
  return read;
}
