// Who sees what in search: visitors only public documents (in hits, totals, facet counts and
// suggestions alike); every signed-in member the whole network.
import type { Audience } from './search.engine.js';

export const audienceOf = (user: { id: number } | undefined): Audience => (user ? 'member' : 'visitor');
