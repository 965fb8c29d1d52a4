// Fuzz over the use-case translation forms (text, approve, refuse): 100 generated cases each (see tests/support/fuzz.ts).
import { fuzzForms } from '../support/fuzz.js';

fuzzForms('usecases-translations');
