import { describe, expect, it } from '@jest/globals';
import { inTransaction } from '../../../src/db/transaction.js';
import { queueSearchIndex } from '../../../src/shared/search-index.js';
import { useTestApp } from '../../support/app.js';
import { Browser, signedIn } from '../../support/agent.js';
import { createUser, uniq } from '../../support/factories.js';
import { createCategory, createThread } from '../../support/forum-factories.js';

describe('similar questions through the search engine', () => {
  const t = useTestApp();

  it('when an indexed thread matches only in its body, then the engine suggests it (title trigrams alone would not), with the forum permissions', async () => {
    const word = uniq('Quartiersfonds');
    const open = await createCategory(t.ctx.ds, { isPublic: true });
    const closed = await createCategory(t.ctx.ds, { isPublic: false });
    const publicThread = await createThread(t.ctx.ds, { category: open, title: `Frage ${uniq('a')} zum Verfahren`, body: `Wir planen einen ${word} mit Losverfahren.` });
    const networkThread = await createThread(t.ctx.ds, { category: closed, title: `Frage ${uniq('b')} zum Ablauf`, body: `Auch bei uns gibt es einen ${word}.` });
    await inTransaction(t.ctx.ds, async (db) => {
      await queueSearchIndex(db, 'thread', publicThread.id);
      await queueSearchIndex(db, 'thread', networkThread.id);
    });
    await t.drain();

    const member = await signedIn(t.app, await createUser(t.ctx.ds));
    const forMember = await member.get(`/forum/similar.json?title=${encodeURIComponent(word)}`).set('accept', 'application/json');
    expect(forMember.body.threads.map((x: { url: string }) => x.url).sort()).toEqual([publicThread.url, networkThread.url].sort());

    const visitor = new Browser(t.app);
    const forVisitor = await visitor.get(`/forum/similar.json?title=${encodeURIComponent(word)}`).set('accept', 'application/json');
    expect(forVisitor.body.threads.map((x: { url: string }) => x.url)).toEqual([publicThread.url]);
  });
});
