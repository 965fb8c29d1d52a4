// Fuzz over the welcome page and the use-case topic follows: 100 generated cases each (see tests/support/fuzz.ts).
import { fuzzForms } from '../support/fuzz.js';

fuzzForms('onboarding');
