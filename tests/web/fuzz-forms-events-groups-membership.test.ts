// Fuzz over the working-group membership forms (join, request, invitations, leave, members): 100 generated cases each (see tests/support/fuzz.ts).
import { fuzzForms } from '../support/fuzz.js';

fuzzForms('events-groups-membership');
