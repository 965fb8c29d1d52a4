// Personal access tokens as the /me/tokens page shows them: state (active, expired, revoked) and labels.
import type { Lang } from '../../shared/i18n.js';
import { formatDate } from '../../shared/i18n.js';
import type { TokenRow } from './tokens.store.js';

type T = (key: string, vars?: Record<string, unknown>) => string;

export interface TokenView {
  id: number;
  name: string;
  prefix: string;
  scopeLabels: string;
  state: 'active' | 'expired' | 'revoked';
  stateLabel: string;
  created: string;
  expires: string;
  lastUsed: string;
  revocable: boolean;
}

export function tokenView(t: T, lang: Lang, row: TokenRow, now = new Date()): TokenView {
  const state = row.revokedAt ? 'revoked' : row.expiresAt && row.expiresAt <= now ? 'expired' : 'active';
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopeLabels: row.scopes.map((s) => t(`tokens.scopes.${s}.label`)).join(', '),
    state,
    stateLabel: t(`tokens.state.${state}`),
    created: formatDate(lang, row.createdAt),
    expires: row.expiresAt ? formatDate(lang, row.expiresAt) : t('tokens.list.never'),
    lastUsed: row.lastUsedAt ? formatDate(lang, row.lastUsedAt, true) : t('tokens.list.unused'),
    revocable: state === 'active',
  };
}
