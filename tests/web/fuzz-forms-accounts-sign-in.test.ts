// Fuzz over the sign-in, registration, password reset forms: 100 generated cases each (see tests/support/fuzz.ts).
import { fuzzForms } from '../support/fuzz.js';

fuzzForms('accounts-sign-in');
