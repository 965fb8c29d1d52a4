// Every migration, in order. Add new ones at the end; never edit one that has shipped.
import { Foundation1763700000000 } from './1763700000000-foundation.js';
import { Notifications1763700001000 } from './1763700001000-notifications.js';
import { Forum1763700002000 } from './1763700002000-forum.js';

export const migrations = [
  Foundation1763700000000,
  Notifications1763700001000,
  Forum1763700002000,
];
