// Fuzz over the recognition forms (badge grant and revocation): 100 generated cases each (see tests/support/fuzz.ts).
import { fuzzForms } from '../support/fuzz.js';

fuzzForms('recognition-badges');
