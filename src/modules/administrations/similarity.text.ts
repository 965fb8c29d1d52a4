// The reason shown on a card ranked by "municipalities like mine", in the reader's language:
// "Similar size, same Land, also a county". Shared by the use-case list, the start page and the digest.
import { translate, type Lang } from '../../shared/i18n.js';
import { similarityReasons, type SimilarityRef } from './similarity.js';

const KEY = 'administrations.similar.reason';

/** The reasons why `other` resembles `ref`, joined into one short phrase; '' when nothing is alike. */
export function similarityReasonText(lang: Lang, ref: SimilarityRef, other: SimilarityRef): string {
  const parts = similarityReasons(ref, other).map((r) => {
    if (r === 'sameKind') return translate(lang, `${KEY}.sameKind.${other.kind}`);
    if (r === 'relatedKind') return translate(lang, `${KEY}.relatedKind`, { kind: translate(lang, `administrations.kind.${other.kind}`) });
    return translate(lang, `${KEY}.${r}`);
  });
  const text = parts.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
