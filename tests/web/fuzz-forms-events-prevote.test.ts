// Fuzz over the pre-vote and agenda forms of an event: 100 generated cases each (see tests/support/fuzz.ts).
import { fuzzForms } from '../support/fuzz.js';

fuzzForms('events-prevote');
