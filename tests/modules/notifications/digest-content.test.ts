import { describe, expect, it } from '@jest/globals';
import { groupDigest, ITEMS_PER_SECTION, renderDigest, type DigestEntry } from '../../../src/modules/notifications/digest.content.js';

let next = 1000;
const entry = (o: Partial<DigestEntry> & { item: string }): DigestEntry => ({
  id: String(next--), kind: 'forum.reply', group: 'followed', title: `Thema ${o.item}`, language: 'de', url: `/forum/t/${o.item}`,
  actorName: 'Erika', vars: {}, ...o,
});

describe('digest content', () => {
  it('when 12 replies arrived in 3 followed threads, then one section says so and lists the threads newest first with their counts', () => {
    // Newest first, as the store returns them: thread b had the latest reply.
    const entries = [
      ...Array.from({ length: 2 }, () => entry({ item: 'b' })),
      ...Array.from({ length: 7 }, () => entry({ item: 'a' })),
      ...Array.from({ length: 3 }, () => entry({ item: 'c' })),
    ];
    const [s, ...rest] = groupDigest(entries, 'en');
    expect(rest).toEqual([]);
    expect(s).toMatchObject({ group: 'followed', count: 12, lines: [{ kind: 'forum.reply', count: 12, items: 3 }], more: 0 });
    expect(s!.items.map((i) => [i.title, i.count])).toEqual([['Thema b', 2], ['Thema a', 7], ['Thema c', 3]]);
    const body = renderDigest('en', 'https://praxis.example', [s!]);
    expect(body.subject).toBe('Praxis digest: 12 new notifications');
    expect(body.text).toContain('12 new replies in 3 threads you follow');
    expect(body.text).toContain('- Thema a (7 new)\n  New reply in a watched thread\n  https://praxis.example/forum/t/a');
    expect(body.html).toContain('<a href="https://praxis.example/forum/t/a" lang="de">Thema a</a> (7 new)');
    const de = renderDigest('de', 'https://praxis.example', [s!]);
    expect(de.text).toContain('12 neue Antworten in 3 Themen, denen Sie folgen');
    expect(de.subject).toBe('Praxis-Zusammenfassung: 12 neue Benachrichtigungen');
  });

  it('when there are several groups, then sections follow the settings order with "like mine" last, and counts use one/oneItem/many wording', () => {
    const entries = [
      entry({ item: 'uc:1', kind: 'usecase.likeMine', group: 'likeMine', title: 'Bürgerhaushalt', vars: { administration: 'Gemeinde X' } }),
      entry({ item: 'm', kind: 'forum.mention', group: 'mention' }),
      entry({ item: 'a' }), entry({ item: 'a' }),
    ];
    const sections = groupDigest(entries, 'en');
    expect(sections.map((s) => s.group)).toEqual(['mention', 'followed', 'likeMine']);
    const body = renderDigest('en', 'https://praxis.example', sections);
    expect(body.text).toContain('2 new replies in a thread you follow');
    expect(body.text).toContain('1 new use case from an administration like yours');
    expect(body.text).toContain('New use case from an administration like yours: Gemeinde X');
    // a kind without its own count wording uses the general one
    expect(body.text).toContain('1 notification');
    expect(body.text.indexOf('Mentions')).toBeLessThan(body.text.indexOf('What you follow'));
    expect(body.text.indexOf('What you follow')).toBeLessThan(body.text.indexOf('Use cases like mine'));
  });

  it('when a section has more items than it lists, then the rest is counted and linked to the notifications page', () => {
    const entries = Array.from({ length: ITEMS_PER_SECTION + 4 }, (_, i) => entry({ item: `t${i}` }));
    const [s] = groupDigest(entries, 'de');
    expect(s!.items).toHaveLength(ITEMS_PER_SECTION);
    expect(s!.more).toBe(4);
    expect(renderDigest('de', 'https://praxis.example', [s!]).text).toContain('… und 4 weitere auf Ihrer Benachrichtigungsseite: https://praxis.example/notifications');
  });

  it('when a title holds markup, then the HTML part escapes it', () => {
    const [s] = groupDigest([entry({ item: 'x', title: '<img src=x onerror=alert(1)>' })], 'en');
    const body = renderDigest('en', 'https://praxis.example', [s!]);
    expect(body.html).not.toContain('<img');
    expect(body.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
