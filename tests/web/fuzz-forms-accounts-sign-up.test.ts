// Fuzz over the registration, sign-out and password-reset forms: 100 generated cases each (see tests/support/fuzz.ts).
import { fuzzForms } from '../support/fuzz.js';

fuzzForms('accounts-sign-up');
