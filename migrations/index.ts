// Every migration, in order. Add new ones at the end; never edit one that has shipped.
import { Foundation1763700000000 } from './1763700000000-foundation.js';
import { Notifications1763700001000 } from './1763700001000-notifications.js';
import { Search1763700006000 } from './1763700006000-search.js';

export const migrations = [
  Foundation1763700000000,
  Notifications1763700001000,
  Search1763700006000,
];
