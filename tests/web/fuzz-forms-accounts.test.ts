// Fuzz over the account, administration, admin, pages and notification forms forms: 100 generated cases each (see tests/support/fuzz.ts).
import { fuzzForms } from '../support/fuzz.js';

fuzzForms('accounts');
