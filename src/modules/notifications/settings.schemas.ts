// The notification settings form: one channel per group (field channel_<group>) and the digest's
// schedule. Every field is required: the page always shows a choice checked (the saved one or the
// default), so a missing field is a tampered or broken form.
import { z } from 'zod';
import { CHANNELS, DIGEST_FREQUENCIES, NOTIFICATION_GROUPS, type Channel, type NotificationGroup } from './notification-kinds.js';

export const channelField = (g: NotificationGroup) => `channel_${g}`;

const channel = z.enum(CHANNELS, { message: 'notifications.settings.validation.channel' });
const channels = Object.fromEntries(NOTIFICATION_GROUPS.map((g) => [channelField(g), channel])) as Record<string, typeof channel>;

/** A whole number typed as text (select values), within bounds; anything else is the message. */
const intIn = (min: number, max: number, message: string) =>
  z.string({ message }).regex(/^\d{1,2}$/, message).transform(Number).refine((n) => n >= min && n <= max, message);

export const settingsSchema = z.object({
  ...channels,
  digestFrequency: z.enum(DIGEST_FREQUENCIES, { message: 'notifications.settings.validation.frequency' }),
  digestWeekday: intIn(1, 7, 'notifications.settings.validation.weekday'),
  digestHour: intIn(0, 23, 'notifications.settings.validation.hour'),
}).transform((v) => ({
  channels: Object.fromEntries(NOTIFICATION_GROUPS.map((g) => [g, (v as Record<string, unknown>)[channelField(g)] as Channel])) as Record<NotificationGroup, Channel>,
  digest: { frequency: v.digestFrequency, weekday: v.digestWeekday, hour: v.digestHour },
}));

export type SettingsInput = z.infer<typeof settingsSchema>;
