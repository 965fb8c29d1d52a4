// `npm run content:sync [-- --publish]`: imports guides and quizzes from content/. Exits 1 when a
// file was refused (the others are imported all the same).
import { boot } from '../boot.js';
import { formatReports, syncContent } from '../content-sync.js';

const publish = process.argv.includes('--publish');
const booted = await boot({ name: 'content-sync' });
const reports = await syncContent(booted.ctx, { publish }).finally(() => booted.shutdown());
console.log(formatReports(reports) || 'No module has content to sync.');
const refused = Object.values(reports).reduce((n, r) => n + r.errors.length, 0);
process.exit(refused ? 1 : 0);
