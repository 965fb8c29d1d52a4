// The member start page "Mein Praxis" (`/` signed in): it owns only the visit marks ("since my last
// visit"); every block comes from the module that owns its data, through `startPageBlocks`.
import type { PraxisModule } from '../module.js';
import { HomeVisit } from './home-visit.entity.js';
import { homeRouter } from './home.routes.js';
import { deleteVisitsOf, visitsOfMember } from './home.store.js';

export const homeModule: PraxisModule = {
  name: 'home',
  entities: [HomeVisit],
  router: homeRouter,
  userColumns: { 'home_visits.user_id': 'visits' },
  exportUserData: async (ds, userId) => ({ visits: await visitsOfMember(ds, userId) }),
  deleteUserData: (db, member) => deleteVisitsOf(db, member.id),
};
