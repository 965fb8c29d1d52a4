import { describe, expect, it } from '@jest/globals';
import * as academy from '../../../src/modules/academy/attempts.service.js';
import { useTestApp } from '../../support/app.js';
import { Browser, signedIn } from '../../support/agent.js';
import { createQuiz, questionsOf } from '../../support/academy-factories.js';
import { createUser } from '../../support/factories.js';
import { createGuide } from '../../support/guides-factories.js';

describe('academy → guides: chapters failed most, on the guide page for its owner', () => {
  const t = useTestApp();

  it('when learners fail questions about a chapter, then the owner and facilitators see it on the guide page; members and visitors do not', async () => {
    const g = await createGuide(t.ctx.ds, { owner: await createUser(t.ctx.ds) });
    const quiz = await createQuiz(t.ctx.ds, { gift: `//! chapter: ${g.slug}/planung\n::P:: Was kommt zuerst? {=Information ~Abstimmung}\n` });
    const [question] = await questionsOf(t.ctx.ds, quiz.id);
    const wrong = question!.choices.find((c) => c.text === 'Abstimmung')!;
    for (let i = 0; i < 2; i++) {
      const u = await createUser(t.ctx.ds);
      const actor = { id: u.id, role: u.role };
      const id = await academy.startAttempt(t.ctx, actor, quiz.slug);
      await academy.submitAttempt(t.ctx, actor, id, { page: 1, fields: { [`q${question!.id}`]: wrong.id } });
    }
    const owner = await signedIn(t.app, g.owner);
    const page = (await owner.get(`/guides/${g.slug}`)).text;
    expect(page).toContain('Häufig falsch beantwortet');
    expect(page).toMatch(new RegExp(`href="/guides/${g.slug}/planung" lang="de">Planung</a></td><td class="kern-table__cell">2</td><td class="kern-table__cell">100\u00a0%`));
    const facilitator = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    expect((await facilitator.get(`/guides/${g.slug}`)).text).toContain('Häufig falsch beantwortet');
    const member = await signedIn(t.app, await createUser(t.ctx.ds));
    expect((await member.get(`/guides/${g.slug}`)).text).not.toContain('Häufig falsch beantwortet');
    expect((await new Browser(t.app).get(`/guides/${g.slug}`)).text).not.toContain('Häufig falsch beantwortet');
  });

  it('when nobody failed a question about the guide, then the owner sees no such section', async () => {
    const g = await createGuide(t.ctx.ds, { owner: await createUser(t.ctx.ds) });
    const owner = await signedIn(t.app, g.owner);
    expect((await owner.get(`/guides/${g.slug}`)).text).not.toContain('Häufig falsch beantwortet');
  });
});
