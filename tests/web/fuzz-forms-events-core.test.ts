// Fuzz over the events forms (create, edit, cancel, registration, attendance, calendar feed): 100 generated cases each (see tests/support/fuzz.ts).
import { fuzzForms } from '../support/fuzz.js';

fuzzForms('events-core');
