// The leaderboard opt-in form (the notice's Yes/No buttons and the settings page post the same).
import { z } from 'zod';

/** Where the answer was given, so the member returns there (anything else: the settings page). */
export const CHOICE_ORIGINS = ['leaderboard', 'points', 'settings'] as const;

export const leaderboardChoiceSchema = z.object({
  leaderboardVisible: z.enum(['yes', 'no'], { message: 'recognition.leaderboards.validation.choice' }).transform((v) => v === 'yes'),
  from: z.enum(CHOICE_ORIGINS).catch('settings'),
});
