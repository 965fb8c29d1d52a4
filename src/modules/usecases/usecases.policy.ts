// Who may do what in the use-case library. Every access decision of the module is made here.
// Visitors read published public cases; members read every published case, publish for their own
// administration and edit the cases they are editors of; facilitators edit and verify all cases.
import { isFacilitator, type Actor } from '../../shared/identity.js';

/** Publishing is for one's own administration: the policy needs it besides the role. */
export interface UcActor extends Actor {
  administrationId: number | null;
}

/** What the policy needs to know about a case. */
export interface UcSubject {
  administrationId: number;
  createdById: number | null;
  published: boolean;
  visibility: string;
  /** Users added as editors (besides the author). */
  editorIds: number[];
}


export const usecasesPolicy = {
  isFacilitator,
  canEdit: (a: UcActor | undefined, uc: UcSubject) =>
    !!a && (isFacilitator(a) || uc.createdById === a.id || uc.editorIds.includes(a.id)),
  canView(a: UcActor | undefined, uc: UcSubject): boolean {
    if (uc.published) return uc.visibility === 'public' || !!a;
    return usecasesPolicy.canEdit(a, uc);
  },
  /** Members create cases for their own administration only; facilitators for any. */
  canCreateFor: (a: UcActor | undefined, administrationId: number) =>
    !!a && (isFacilitator(a) || (a.administrationId !== null && a.administrationId === administrationId)),
  canPublish: (a: UcActor | undefined, uc: UcSubject) =>
    usecasesPolicy.canEdit(a, uc) && (isFacilitator(a) || a!.administrationId === uc.administrationId),
  /** Editors add members of the case's administration; facilitators add anyone. */
  canAddEditor: (a: UcActor | undefined, uc: UcSubject, candidate: { administrationId: number | null }) =>
    usecasesPolicy.canEdit(a, uc) && (isFacilitator(a) || candidate.administrationId === uc.administrationId),
  canVerify: (a?: UcActor) => isFacilitator(a),
  canSeeReviewQueue: (a?: UcActor) => isFacilitator(a),
  canComment: (a: UcActor | undefined, uc: UcSubject) => !!a && uc.published && usecasesPolicy.canView(a, uc),
  canChangeComment: (a: UcActor | undefined, comment: { authorId: number | null }) => !!a && comment.authorId === a.id,
  canFlagComment: (a: UcActor | undefined, comment: { authorId: number | null }) => !!a && comment.authorId !== a.id,
  canFollow: (a: UcActor | undefined, uc: UcSubject) => !!a && usecasesPolicy.canView(a, uc),
  /** ★ "We want this too" is declared for the member's own administration, not the case's own. */
  canAdopt: (a: UcActor | undefined, uc: UcSubject) =>
    !!a && a.administrationId !== null && uc.published && a.administrationId !== uc.administrationId,
  canUpload: (a: UcActor | undefined, uc: UcSubject) => usecasesPolicy.canEdit(a, uc),
  /** Title and summary in another content language: written by whoever may edit the case. */
  canTranslate: (a: UcActor | undefined, uc: UcSubject) => usecasesPolicy.canEdit(a, uc),
  /**
   * Four eyes on a translation written in the app: another person who may edit the case (its author,
   * an editor, a facilitator) approves or refuses it — never the one who wrote that text.
   */
  canReviewTranslation: (a: UcActor | undefined, uc: UcSubject, authorId: number | null) =>
    usecasesPolicy.canEdit(a, uc) && a!.id !== authorId,
  /** The list of outdated and waiting translations of every case. */
  canSeeTranslationQueue: (a?: UcActor) => isFacilitator(a),
};
