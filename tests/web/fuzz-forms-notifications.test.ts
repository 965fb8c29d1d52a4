// Fuzz over the notification forms (read marks, settings, one-click unsubscribe): 100 generated cases each (see tests/support/fuzz.ts).
import { fuzzForms } from '../support/fuzz.js';

fuzzForms('notifications');
