// Fuzz over the recognition forms (the Kompetenzpass settings): 100 generated cases each (see tests/support/fuzz.ts).
import { fuzzForms } from '../support/fuzz.js';

fuzzForms('recognition');
