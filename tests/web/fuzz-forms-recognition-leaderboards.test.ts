// Fuzz over the leaderboard opt-in form: 100 generated cases each (see tests/support/fuzz.ts).
import { fuzzForms } from '../support/fuzz.js';

fuzzForms('recognition-leaderboards');
