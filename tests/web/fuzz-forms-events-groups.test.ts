// Fuzz over the working-group forms (the group, linked use cases, publications): 100 generated cases each (see tests/support/fuzz.ts).
import { fuzzForms } from '../support/fuzz.js';

fuzzForms('events-groups');
