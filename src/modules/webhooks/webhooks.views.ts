// Endpoints and delivery-log rows as the admin pages show them: state, labels, never the secret.
import type { Lang } from '../../shared/i18n.js';
import { formatDate } from '../../shared/i18n.js';
import type { EndpointRow, LogRow } from './webhooks.store.js';

type T = (key: string, vars?: Record<string, unknown>) => string;

/** hint: the secret's first characters (service.secretHintOf), never the secret. */
export function endpointView(t: T, lang: Lang, row: EndpointRow & { lastStatus?: string | null; lastAttemptAt?: Date | null }, hint: string) {
  const state = row.enabled ? 'enabled' : row.disabledReason === 'failures' ? 'disabledFailures' : 'disabled';
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events.join(', '),
    includeNetwork: row.includeNetwork,
    enabled: row.enabled,
    state,
    stateLabel: t(`webhooks.state.${state}`),
    disabledAt: row.disabledAt ? formatDate(lang, row.disabledAt, true) : '',
    secretHint: hint,
    rotating: !!(row.previousSecretUntil && row.previousSecretUntil > new Date()),
    failures: row.consecutiveFailures,
    created: formatDate(lang, row.createdAt),
    lastStatus: row.lastStatus ? t(`webhooks.delivery.${row.lastStatus}`) : t('webhooks.list.none'),
    lastAttempt: row.lastAttemptAt ? formatDate(lang, row.lastAttemptAt, true) : '',
  };
}

export function logView(t: T, lang: Lang, row: LogRow) {
  return {
    deliveryId: row.deliveryId,
    messageId: row.messageId,
    type: row.type,
    status: t(`webhooks.delivery.${row.status}`),
    attempt: row.attempt ?? '–',
    at: formatDate(lang, row.attemptedAt ?? row.createdAt, true),
    statusCode: row.statusCode ?? '–',
    responseMs: row.responseMs === null ? '–' : `${row.responseMs} ms`,
    error: row.error ?? '',
    responseBody: row.responseBody ?? '',
  };
}
