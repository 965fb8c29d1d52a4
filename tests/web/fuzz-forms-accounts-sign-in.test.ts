// Fuzz over the sign-in forms: 100 generated cases each (see tests/support/fuzz.ts).
import { fuzzForms } from '../support/fuzz.js';

fuzzForms('accounts-sign-in');
