import { z } from 'zod';

export const feedbackSchema = z.object({
  name: z.string().trim().max(100, 'validation.tooLong').default(''),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254, 'validation.tooLong')
    .refine((v) => v === '' || z.email().safeParse(v).success, 'validation.email')
    .default(''),
  page: z.string().trim().max(500, 'validation.tooLong').default(''),
  message: z.string().trim().min(10, 'pages.accessibility.feedback.messageRequired').max(5000, 'validation.tooLong'),
});
export type FeedbackInput = z.infer<typeof feedbackSchema>;
