// The PostgreSQL engine's word lexicon counts, per word, the documents that hold it: typo
// corrections and suggestions must not offer words of texts that are gone (a removed post, a
// deleted member's handle), and a document indexed again must not count twice.
import { describe, expect, it } from '@jest/globals';
import { doc, usePostgresEngine } from '../../support/search-factories.js';

describe('search lexicon (PostgreSQL engine)', () => {
  const pg = usePostgresEngine('search_lex_t_');
  const counts = async () =>
    Object.fromEntries(((await pg.ds.query(`SELECT word, freq FROM ${pg.tables}_lex ORDER BY word`)) as { word: string; freq: number }[]).map((r) => [r.word, r.freq]));

  it('when documents are changed, indexed again and deleted, then each word counts the documents holding it and leaves with the last one', async () => {
    await pg.engine.index([
      doc({ id: 'reply:1', title: 'Bürgerhaushalt', body: 'Danke @lneumann für den Kiebitz', version: 1 }),
      doc({ id: 'reply:2', title: 'Bürgerhaushalt', body: 'Anders geplant', version: 1 }),
    ]);
    expect(await counts()).toMatchObject({ burgerhaushalt: 2, lneumann: 1, kiebitz: 1, anders: 1 });

    // The mention is rewritten: the handle leaves, the shared word stays.
    await pg.engine.index([doc({ id: 'reply:1', title: 'Bürgerhaushalt', body: 'Danke ehemaliges Mitglied für den Kiebitz', version: 2 })]);
    // The same text again (a retried outbox row, a moderation change): nothing counts twice.
    await pg.engine.index([doc({ id: 'reply:1', title: 'Bürgerhaushalt', body: 'Danke ehemaliges Mitglied für den Kiebitz', version: 3 })]);
    // An older version arriving late changes neither the document nor the counts.
    await pg.engine.index([doc({ id: 'reply:1', title: 'Bürgerhaushalt', body: 'Danke @lneumann für den Kiebitz', version: 1 })]);
    let c = await counts();
    expect(c).toMatchObject({ burgerhaushalt: 2, kiebitz: 1, ehemaliges: 1, mitglied: 1 });
    expect(c).not.toHaveProperty('lneumann');

    await pg.engine.delete(['reply:2']);
    c = await counts();
    expect(c).toMatchObject({ burgerhaushalt: 1, kiebitz: 1 });
    expect(c).not.toHaveProperty('anders');
    await pg.engine.delete(['reply:1', 'reply:99']);
    expect(await counts()).toEqual({});
  });
});
