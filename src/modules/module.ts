// The shape of a business module. A module lists its entities, mounts its router, names the
// outbox topics it handles and loads its demo content; registry.ts lists the modules.
import type { RequestHandler, Router } from 'express';
import type { DataSource, EntityManager } from 'typeorm';
import type { Config } from '../config.js';
import type { Logger } from '../shared/logger.js';
import type { Lang } from '../shared/i18n.js';
import type { Actor, SessionUser } from '../shared/identity.js';
import type { OutboxHandlers } from '../shared/outbox.js';
import type { ActivityEvent } from '../shared/activity.js';
import type { SearchDocType, SearchIdLister, SearchSource } from '../shared/search-index.js';
import type { ZodType } from 'zod';

/**
 * What every module receives: configuration, the database, the logger, and the list of modules
 * (registry order) whose hooks it may collect. The entry points build it (src/composition.ts);
 * no module imports the registry.
 */
export interface AppContext {
  config: Config;
  ds: DataSource;
  logger: Logger;
  modules: readonly PraxisModule[];
}

export interface NavItem {
  href: string;
  /** Message key of the label. */
  label: string;
  /** Shown only to signed-in users with one of these roles (omit for everyone). */
  roles?: string[];
}

export interface ContentSyncReport {
  created: string[];
  updated: string[];
  unchanged: string[];
  archived: string[];
  /** Files or items refused, with file name, line and reason. */
  errors: { file: string; line?: number; message: string }[];
  /** Items deliberately left out (not errors), with file name, line and reason. */
  notices?: { file: string; line?: number; message: string }[];
}

export interface ContentSyncOptions {
  /** Operator override: changed files publish at once instead of going through review. */
  publish: boolean;
}

export interface ProfileSection {
  /** A partial under views/partials, e.g. "usecases/administration-section". */
  partial: string;
  data: unknown;
}

/**
 * What happens to a deleted member's contributions (threads, replies, comments, use cases they
 * wrote alone, adoption notes, attachments, flags, votes): 'keep' shows them as "former member",
 * 'remove' removes them ("removed at the author's request"). Personal data goes in both.
 */
export const CONTRIBUTION_CHOICES = ['keep', 'remove'] as const;
export type ContributionsChoice = (typeof CONTRIBUTION_CHOICES)[number];

/** The member being deleted, as they were before the deletion (their row is erased meanwhile). */
export interface FormerMember {
  id: number;
  email: string;
  handle: string;
  name: string;
}

/** Loads one module's section for the member or administration `subjectId`, or null for none. */
export type ProfileSectionLoader = (ds: DataSource, subjectId: number, viewer: SessionUser | undefined) => Promise<ProfileSection | null>;

/** An item a module offers for a guide's "Related" list ("Passend dazu"). */
export interface RelatedItem {
  kind: 'use_case' | 'thread' | 'course' | 'quiz';
  title: string;
  /** The item's own language ('de' | 'en'), for lang="…" on English pages. */
  language: string;
  url: string;
}

export interface RelatedGuide {
  id: number;
  slug: string;
  tags: string[];
}

export interface RelatedViewer {
  /** Signed-in members may see network-only use cases and members-only threads. */
  signedIn: boolean;
}

/** Finds at most five visible items of one kind that fit the guide, in one bounded query. */
export type RelatedFinder = (ds: DataSource, guide: RelatedGuide, viewer: RelatedViewer) => Promise<RelatedItem[]>;

/** A guide chapter whose quiz questions learners often get wrong (shown to the guide's owner and facilitators). */
export interface DifficultChapter {
  chapterSlug: string;
  /** Answers given to questions on the chapter, and the share of them not correct (percent). */
  answered: number;
  failedShare: number;
}

/** Who the member start page ("Mein Praxis", `/` signed in) is built for. */
export interface StartViewer {
  user: SessionUser;
  lang: Lang;
  /** The member's previous visit to the start page ("since my last visit"); their sign-up time on the first. */
  since: Date;
}

/**
 * One block of a start page (members' or visitors'): a partial under views/partials and its data,
 * with a heading, a "show all" link and whether it is empty (the partial then says what to do).
 */
export interface StartBlock {
  /** Stable, unique key (the block's id on the page, e.g. "forum-unanswered"). */
  key: string;
  /**
   * Position, small first: onboarding 0 · about me and mine 10–19 · like mine and followed 20–29 ·
   * help others 30–39 · learning 40–49 · events 50–59 · facilitators 60–69 · network figures 5 (visitors).
   */
  order: number;
  partial: string;
  data: unknown;
  /** Message key of the heading. */
  title: string;
  showAll?: { href: string; label: string };
  empty: boolean;
}

/** Loads one block for the member; null when it does not apply to them (e.g. facilitator blocks). One bounded query, or a few; never per item. */
export type StartBlockLoader = (ds: DataSource, viewer: StartViewer) => Promise<StartBlock | null>;

/** Loads one block of the visitors' home page (`/` signed out): public content only. */
export type VisitorBlockLoader = (ds: DataSource, lang: Lang) => Promise<StartBlock | null>;

/** A figure on the visitors' home page ("412 administrations"): label is a message key with {count}. */
export interface NetworkFigure {
  order: number;
  label: string;
  value: number;
}

/**
 * Who reads a feed: a visitor (member null: public content only) or the member of a personal access
 * token with read:network (their network-only content too, never what they could not see signed in).
 * The session cookie never makes a reader a member (src/modules/feeds).
 */
export interface FeedReader {
  member: Actor | null;
}

/** One entry of a feed. */
export interface FeedItem {
  /** Stable within the module and never reused, e.g. "use-case/12": the item's GUID is built from it. */
  key: string;
  title: string;
  /** The item's page, a site path ("/use-cases/…"); the feed makes it absolute with the base URL. */
  path: string;
  /** Sanitised HTML: a stored rendered-Markdown column, or plain text the module escaped. */
  html: string;
  published: Date;
  updated: Date;
  /** The item's own language ('de' | 'en'). */
  language: string;
  categories?: string[];
}

export interface FeedRequest {
  /** The route's parameters (e.g. a category slug). */
  params: Record<string, string>;
  query: Record<string, unknown>;
  lang: Lang;
  reader: FeedReader;
  /** At most this many items, newest first. */
  limit: number;
}

/** A feed's contents; null from a loader means "no such feed for this reader" (404). */
export interface FeedContent {
  /** The feed's title, translated (the writer adds the site name). */
  title: string;
  /** The HTML page the feed follows, a site path with its query ("/use-cases?topic=…"). */
  pagePath: string;
  items: FeedItem[];
}

/**
 * A feed a module offers, served as RSS 2.0 and Atom at /feeds/<path>.rss and .atom. A loader that
 * refuses its input (an unknown filter value) throws an AppError with status 400.
 */
export interface FeedSource {
  /** Path under /feeds without extension; Express parameters allowed: "use-cases", "forum/c/:slug". */
  path: string;
  load: (ds: DataSource, req: FeedRequest) => Promise<FeedContent | null>;
  /**
   * Autodiscovery: for a page of this module (GET path and query), the feed path (under /feeds, no
   * extension, with the query it keeps) and the message key of its link title; null for other pages.
   * Runs on every page view: no database.
   */
  alternate?: (pagePath: string, query: Record<string, unknown>) => { feedPath: string; title: string } | null;
}

/**
 * Who reads the JSON API (src/modules/api): a visitor or a read:public token (member null: public
 * content only), or the member of a read:network token (their network-only content too, never what
 * they could not see signed in). The session cookie is never looked at.
 */
export interface ApiReader {
  member: Actor | null;
}

/** A query parameter of a list (a filter); its values are checked by `schema`, unknown ones are a 400. */
export interface ApiFilter {
  name: string;
  /** What the filter selects, for the OpenAPI document. */
  description: string;
  /** The schema of one value (a string, an enum, a pattern). */
  schema: ZodType;
  /** Repeatable (`?topic=a&topic=b`): items with any of the values. The loader then gets an array. */
  multiple?: boolean;
}

/** The sort key of a list item, for the cursor (e.g. [publishedAt, id]): unique and stable. */
export type ApiCursorKey = (string | number)[];

/** One item of a list or a detail: the JSON object (as `schema` describes it) and whether it is network-only. */
export interface ApiEntry {
  data: unknown;
  /** Network-only content (a network use case, a members' thread): the response gets no CORS header. */
  networkOnly: boolean;
}

export interface ApiListRequest {
  /** Path parameters (e.g. the guide of its chapters). */
  params: Record<string, string>;
  /** The filters given, checked: a string, or a non-empty array for a `multiple` one. */
  filters: Record<string, string | string[]>;
  reader: ApiReader;
  /** At most this many items. */
  limit: number;
  /** The key of the previous page's last item (checked by `cursor`), or null for the first page. */
  after: ApiCursorKey | null;
}

/**
 * A resource a module offers in the JSON API /api/v1 (src/modules/api): a list with filters and
 * keyset pagination, and a detail. Loaders return null for a parent or an item the reader may not
 * see (404); they never see malformed input (the api module checks filters and cursors first).
 */
export interface ApiResource {
  /** Group in the OpenAPI document, e.g. "Use cases". */
  tag: string;
  /** The list's path under /api/v1, e.g. "/use-cases" or "/guides/{guide}/chapters". */
  path: string;
  /** The detail's path, e.g. "/use-cases/{slug}". */
  detailPath: string;
  /** Description of each path parameter. */
  pathParams: Record<string, string>;
  /** One line each for the OpenAPI document: what the list and the detail return, and the list's order. */
  summary: { list: string; detail: string; order: string };
  /** Component names in the OpenAPI document, e.g. "UseCaseSummary" and "UseCase". */
  names: { item: string; detail: string };
  /** The JSON object of a list item and of the detail (field descriptions with .describe()). */
  item: ZodType;
  detailSchema: ZodType;
  filters: ApiFilter[];
  /** Checks the key decoded from a cursor (a forged cursor is a 400, never a 500). */
  cursor: ZodType<ApiCursorKey>;
  list: (ds: DataSource, req: ApiListRequest) => Promise<{ entry: ApiEntry; key: ApiCursorKey }[] | null>;
  detail: (ds: DataSource, req: { params: Record<string, string>; reader: ApiReader }) => Promise<ApiEntry | null>;
}

export interface PraxisModule {
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: Function[];
  router?: (ctx: AppContext) => Router;
  /**
   * Middleware that runs for every request before any module's router, for values the layout shows
   * on every page (e.g. the notification bell). Registry order does not matter for it.
   */
  pageLocals?: (ctx: AppContext) => RequestHandler;
  /**
   * Values about the signed-in member that every page needs (e.g. the bell's unread count), read in
   * the same statement as the session and the member (src/modules/accounts/session.queries.ts), by key
   * (`<module>.<name>`): a scalar SQL expression over the member `u` (users), such as a count
   * subquery on `u.id`. The module takes the value with `sessionRead(req, key)`; it is undefined
   * when the session was not read that way, so the module must be able to read it itself.
   */
  sessionReads?: Record<string, string>;
  outboxHandlers?: (ctx: AppContext) => OutboxHandlers;
  /** Clean-up the worker runs about once an hour (e.g. deleting expired rows); returns the rows removed. */
  housekeeping?: (ctx: AppContext) => Promise<number>;
  /**
   * Work the worker starts about once a minute, with the time it stands for (e.g. queueing the
   * e-mail digests that are due). Several workers may run it at once: it must claim what it does.
   */
  everyMinute?: (ctx: AppContext, now: Date) => Promise<void>;
  /**
   * Loads the module's demo content from content/; must be idempotent. Runs in registry order. Dates
   * in the demo ("35 days ago") are counted back from `now`.
   */
  loadDemo?: (ctx: AppContext, now: Date) => Promise<void>;
  /**
   * The demo's background activity over the last 12 months (e.g. members' quiz attempts), after every
   * module's loadDemo and the content sync, in registry order: dated relative to `now`, drawn from a
   * fixed seed (src/shared/seeded-random.ts), idempotent. Writes only the module's own tables.
   */
  loadDemoActivity?: (ctx: AppContext, now: Date) => Promise<void>;
  /**
   * Every column of this module's tables that refers to a member (`table.column` → the key of the
   * section of `exportUserData`'s result that lists those rows). A test compares this with the
   * schema (foreign keys to users, and columns named like them), so a new column pointing at
   * members cannot be left out of the export or the deletion.
   */
  userColumns?: Record<string, string>;
  /** The member's own data held by this module, for the privacy download (/me/export), by section. */
  exportUserData?: (ds: DataSource, userId: number) => Promise<Record<string, unknown>>;
  /**
   * Account deletion: erases the member's personal data in this module's tables and keeps or
   * removes their contributions. Runs in the deletion's transaction (`db`), in registry order;
   * changed or removed search documents are queued there too (queueSearchIndex).
   */
  deleteUserData?: (db: EntityManager, member: FormerMember, contributions: ContributionsChoice) => Promise<void>;
  /** Imports this module's files from content/ (npm run content:sync, and at boot). Idempotent. */
  contentSync?: (ctx: AppContext, opts: ContentSyncOptions) => Promise<ContentSyncReport>;
  /**
   * Profile sections (src/modules/profile-sections.ts): a partial under views/partials and its data,
   * or null, on a member's profile (/members/:handle) or an administration's (/administrations/:slug).
   * `viewer` is who is looking (undefined for visitors); the module decides what they may see.
   */
  memberProfileSection?: ProfileSectionLoader;
  administrationProfileSection?: ProfileSectionLoader;
  /** The module's pages for facilitators, linked from the overview at /admin (label: a message key). */
  adminLinks?: NavItem[];
  /** Loaders for the search index, by document type (see src/shared/search-index.ts). */
  searchSources?: Partial<Record<SearchDocType, SearchSource>>;
  /**
   * Search documents of this module built from another module's content, re-read whenever that
   * content's document changes (same id): e.g. media's `chapter_video` with `guide_chapter`, so
   * archiving a guide takes its videos out of search without the guides module knowing of videos.
   */
  searchDependents?: Partial<Record<SearchDocType, SearchDocType[]>>;
  /** All ids per document type, paged, for the full rebuild (npm run search:reindex). */
  searchIds?: Partial<Record<SearchDocType, SearchIdLister>>;
  /**
   * Labels for the search facets whose values this module defines (e.g. use cases: topic and
   * method keys of its taxonomy), so the search page never shows a raw key.
   */
  searchFacetLabels?: Partial<Record<'topic' | 'method', (value: string, lang: Lang) => string>>;
  /** Items of this module listed under "Related" on a guide page (src/modules/guides/guides.related.ts). */
  relatedToGuide?: RelatedFinder[];
  /** The chapters of a guide learners get wrong most often, worst first (the academy's quiz results). */
  difficultGuideChapters?: (ds: DataSource, guideSlug: string, limit: number) => Promise<DifficultChapter[]>;
  /**
   * The activity facts (src/shared/activity.ts) that hold today in this module's data, with the
   * time each began: what the module would have published had recognition always run. Recognition
   * replays them once to fill its ledger from existing data (idempotent, like every event).
   */
  activityHistory?: (ds: DataSource) => Promise<ActivityEvent[]>;
  /** Blocks this module adds to the member start page (src/modules/home). */
  startPageBlocks?: StartBlockLoader[];
  /** Blocks this module adds to the visitors' home page (recent public items, public events). */
  visitorHomeBlocks?: VisitorBlockLoader[];
  /** Figures this module adds to the visitors' home page (administrations, members, use cases, answered questions). */
  networkFigures?: (ds: DataSource) => Promise<NetworkFigure[]>;
  /** Feeds of this module's content (RSS and Atom, src/modules/feeds), with autodiscovery on its pages. */
  feeds?: FeedSource[];
  /**
   * Resources of this module in the read-only JSON API /api/v1 (src/modules/api), with their
   * schemas; built once at start (links in the items are absolute, with ctx.config.baseUrl).
   */
  api?: (ctx: AppContext) => ApiResource[];
}
