// `npm run migrate`: applies pending migrations (`npm run migrate -- --revert` undoes the last one).
import { boot } from '../boot.js';

const revert = process.argv.includes('--revert');
const booted = await boot({ name: 'migrate', migrate: !revert });
if (revert) {
  await booted.ctx.ds.undoLastMigration({ transaction: 'each' });
  booted.ctx.logger.info('last migration reverted');
}
await booted.shutdown();
