// Fuzz over the micro-degree forms (create, edit, archive, restore): 100 generated cases each (see tests/support/fuzz.ts).
import { fuzzForms } from '../support/fuzz.js';

fuzzForms('recognition-microdegrees');
