// Embedded videos from YouTube (always through youtube-nocookie.com), Vimeo (do-not-track) and
// PeerTube instances, by the address a facilitator pastes. Nothing is loaded from the provider
// before the reader agrees (two-click consent, remembered per provider in a cookie); the page's
// Content-Security-Policy then allows frames from exactly the providers it shows.

export type Provider = 'youtube' | 'vimeo' | 'peertube';

export interface Embed {
  provider: Provider;
  /** The consent key: 'youtube', 'vimeo' or 'peertube:<host>' (each PeerTube instance is its own provider). */
  consentKey: string;
  /** The provider's name as shown ("YouTube", "Vimeo", "PeerTube (video.example)"). */
  name: string;
  /** The iframe's address. */
  src: string;
  /** The origin the CSP frame-src must allow. */
  origin: string;
  privacyUrl: string;
}

const YT_ID = /^[A-Za-z0-9_-]{11}$/;
const PT_ID = /^[A-Za-z0-9-]{8,64}$/;

/** The embed for a pasted address, or null when it is not a YouTube, Vimeo or PeerTube video address. */
export function parseEmbedUrl(input: string): Embed | null {
  let u: URL;
  try {
    u = new URL(input.trim());
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' || u.username || u.password || (u.port && u.port !== '443')) return null;
  const host = u.hostname.toLowerCase();
  const parts = u.pathname.split('/').filter(Boolean);
  if (['youtube.com', 'www.youtube.com', 'm.youtube.com', 'youtu.be', 'www.youtube-nocookie.com', 'youtube-nocookie.com'].includes(host)) {
    const id = host === 'youtu.be' ? parts[0]
      : parts[0] === 'watch' ? u.searchParams.get('v')
      : ['embed', 'shorts', 'live', 'v'].includes(parts[0] ?? '') ? parts[1] : null;
    if (!id || !YT_ID.test(id)) return null;
    return { provider: 'youtube', consentKey: 'youtube', name: 'YouTube', src: `https://www.youtube-nocookie.com/embed/${id}`, origin: 'https://www.youtube-nocookie.com', privacyUrl: 'https://policies.google.com/privacy' };
  }
  if (['vimeo.com', 'www.vimeo.com', 'player.vimeo.com'].includes(host)) {
    const id = host === 'player.vimeo.com' ? (parts[0] === 'video' ? parts[1] : null) : parts.find((p) => /^\d+$/.test(p));
    if (!id || !/^\d{1,12}$/.test(id)) return null;
    return { provider: 'vimeo', consentKey: 'vimeo', name: 'Vimeo', src: `https://player.vimeo.com/video/${id}?dnt=1`, origin: 'https://player.vimeo.com', privacyUrl: 'https://vimeo.com/privacy' };
  }
  // PeerTube: /w/<short id>, /videos/watch/<uuid>, /videos/embed/<id>.
  const id = parts[0] === 'w' && parts.length === 2 ? parts[1]
    : parts[0] === 'videos' && ['watch', 'embed'].includes(parts[1] ?? '') && parts.length === 3 ? parts[2] : null;
  if (!id || !PT_ID.test(id) || !/^[a-z0-9.-]+\.[a-z]{2,}$/.test(host)) return null;
  return { provider: 'peertube', consentKey: `peertube:${host}`, name: `PeerTube (${host})`, src: `https://${host}/videos/embed/${id}`, origin: `https://${host}`, privacyUrl: `https://${host}/about/instance` };
}

export const CONSENT_COOKIE = 'praxis.media-consent';
const CONSENT_KEY = /^(youtube|vimeo|peertube:[a-z0-9.-]+)$/;

/** The providers a reader has agreed to, from the cookie's value. */
export function consentsOf(cookieHeader: string | undefined): Set<string> {
  const raw = (cookieHeader ?? '').split(/;\s*/).find((c) => c.startsWith(`${CONSENT_COOKIE}=`))?.slice(CONSENT_COOKIE.length + 1) ?? '';
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    return new Set();
  }
  return new Set(value.split(' ').filter((k) => CONSENT_KEY.test(k)).slice(0, 20));
}

export const isConsentKey = (k: string) => CONSENT_KEY.test(k);
