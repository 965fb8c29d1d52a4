// Numbers and percentages in the page language, through the view helpers every template uses.
import { describe, expect, it } from '@jest/globals';
import Handlebars from 'handlebars';
import { helpers } from '../../src/web/view-helpers/index.js';

const hb = Handlebars.create();
for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, fn as Handlebars.HelperDelegate);
const render = (template: string, data: Record<string, unknown>) => hb.compile(template)(data);

describe('number helpers', () => {
  it('when a percentage is shown, then German pages read "90,9 %" and English ones "90.9%"; nothing for no value', () => {
    expect(render('{{formatPercent p}}', { lang: 'de', p: 90.9 })).toBe('90,9\u00a0%');
    expect(render('{{formatPercent p}}', { lang: 'en', p: 90.9 })).toBe('90.9%');
    expect(render('{{formatPercent p}}', { lang: 'de', p: '54.55' })).toBe('54,6\u00a0%');
    expect(render('{{formatPercent p}}', { lang: 'de', p: 0 })).toBe('0\u00a0%');
    expect(render('{{formatPercent p}}', { lang: 'de', p: null })).toBe('');
  });

  it('when a plural message shows a count, then the count is in the page language', () => {
    expect(render('{{tp "forum.views" n}}', { lang: 'de', n: 1234 })).toContain('1.234');
    expect(render('{{tp "forum.views" n}}', { lang: 'en', n: 1234 })).toContain('1,234');
    expect(render('{{tp "academy.attempt.points" n}}', { lang: 'de', n: 0.5 })).toContain('0,5');
  });
});
