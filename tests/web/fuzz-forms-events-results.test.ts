// Fuzz over the forms after an event (minutes, files, outcome links, promote): 100 generated cases each (see tests/support/fuzz.ts).
import { fuzzForms } from '../support/fuzz.js';

fuzzForms('events-results');
