// View objects for promote to guide, shared by the minutes and the publications: the choices of
// the form (views/partials/events/promote-form.hbs) and the published chapters that cite a source
// (views/partials/events/cited-by.hbs: "now part of the guide …").
import type { Queryable } from '../../db/sql.js';
import { chaptersCiting, promotionTargets } from '../guides/index.js';

export interface CitingChapter { url: string; guideTitle: string; chapterTitle: string }

/** Published guide chapters citing `sourceUrl`, as links. */
export async function citingChapters(ds: Queryable, sourceUrl: string): Promise<CitingChapter[]> {
  return (await chaptersCiting(ds, sourceUrl))
    .map((c) => ({ url: `/guides/${c.guideSlug}/${c.chapterSlug}`, guideTitle: c.guideTitle, chapterTitle: c.chapterTitle }));
}

/** The published guides and their chapters, as the form's options. */
export async function promoteFormOptions(ds: Queryable): Promise<{ guideOptions: { value: string; label: string }[]; chapterOptions: { value: string; label: string }[] }> {
  const targets = await promotionTargets(ds);
  return {
    guideOptions: targets.guides.map((g) => ({ value: String(g.id), label: g.title })),
    chapterOptions: targets.chapters.map((c) => ({ value: String(c.id), label: `${c.guideTitle} › ${c.title}` })),
  };
}
