// The welcome page's form: profile (job title, department, languages, interests) and what to
// follow (forum categories and tags by id, use-case topics and methods by taxonomy key).
import { z } from 'zod';
import { parseId } from '../../shared/ids.js';
import { checkboxList, spokenLanguagesField } from '../accounts/index.js';
import { topicKeysField } from '../usecases/index.js';

const trimmed = (max: number) => z.string().trim().max(max, 'validation.tooLong').default('');

/** Ids from checkboxes; anything that is not an id is refused (existence is checked by the forum). */
const idList = checkboxList(z.unknown().transform((v, c) => {
  const n = parseId(v);
  if (n === null) {
    c.addIssue({ code: 'custom', message: 'validation.invalid' });
    return z.NEVER;
  }
  return n;
}), 50);

export const welcomeSchema = z.object({
  jobTitle: trimmed(120),
  department: trimmed(120),
  languages: spokenLanguagesField,
  interests: topicKeysField('topic'),
  categories: idList,
  tags: idList,
  topics: topicKeysField('topic'),
  methods: topicKeysField('method'),
});
export type WelcomeInput = z.infer<typeof welcomeSchema>;
