// Item statistics for facilitators: per question how many answered, the share correct and the
// most chosen wrong answer. Pure, so it is tested without a database.
import { normalizeText, type QuestionKey, type Outcome, type Response } from './grading.js';

export interface ResultItem {
  questionId: number;
  outcome: Outcome;
  response: Response | null;
}

export interface ItemStatistic {
  questionId: number;
  answered: number;
  correct: number;
  /** 0..100, one decimal; null when nobody answered. */
  correctShare: number | null;
  /** The wrong answer chosen most often (choice text, typed text or an order), with its count. */
  topWrong: { label: string; count: number } | null;
}

function wrongLabels(key: QuestionKey & { choices: { id: string; text: string }[] }, r: Response): string[] {
  const text = (id: string) => key.choices.find((c) => c.id === id)?.text ?? '?';
  switch (key.kind) {
    case 'single':
    case 'truefalse':
    case 'multiple':
      return (r.choiceIds ?? []).filter((id) => !key.choices.some((c) => c.id === id && c.weight > 0)).map(text);
    case 'ordering':
      return r.choiceIds?.length ? [r.choiceIds.map(text).join(' → ')] : [];
    default:
      return r.text ? [normalizeText(r.text)] : [];
  }
}

export function itemStatistics(questions: { id: number; key: QuestionKey }[], results: ResultItem[][]): ItemStatistic[] {
  return questions.map(({ id, key }) => {
    let answered = 0;
    let correct = 0;
    const wrong = new Map<string, number>();
    for (const attempt of results) {
      const item = attempt.find((x) => x.questionId === id);
      if (!item) continue;
      answered++;
      if (item.outcome === 'correct') { correct++; continue; }
      if (!item.response) continue;
      for (const label of wrongLabels(key, item.response)) wrong.set(label, (wrong.get(label) ?? 0) + 1);
    }
    let topWrong: ItemStatistic['topWrong'] = null;
    for (const [label, count] of [...wrong].sort((a, b) => a[0].localeCompare(b[0]))) {
      if (!topWrong || count > topWrong.count) topWrong = { label, count };
    }
    return { questionId: id, answered, correct, correctShare: answered ? Math.round((correct / answered) * 1000) / 10 : null, topWrong };
  });
}
