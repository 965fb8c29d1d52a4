// The badge forms: a facilitator's manual grant and revocation.
import { z } from 'zod';

export const grantBadgeSchema = z.object({
  handle: z.string().trim().toLowerCase().min(2, 'recognition.badges.grant.handleRequired').max(31, 'validation.tooLong'),
  reason: z.string().trim().min(3, 'recognition.badges.grant.reasonRequired').max(500, 'validation.tooLong'),
});

export const revokeBadgeSchema = z.object({
  reason: z.string().trim().min(3, 'recognition.badges.revoke.reasonRequired').max(500, 'validation.tooLong'),
});
