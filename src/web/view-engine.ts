// Handlebars views: views/layouts/main.hbs, partials under views/partials (partials/<module>/ for
// module fragments, used as {{> forum/post}}), one helper per file in view-helpers/. A render with
// `layout: 'print'` uses views/layouts/print.hbs instead (a document without the site's chrome);
// `layout: false` gives the view alone (a fragment for a page to place, renderFragment).
//
// A small engine of our own rather than express-handlebars: helpers and partials are registered
// once on a private Handlebars environment, so a render does not copy every helper and partial
// into fresh objects (that copying, and looking the partials up again, was a tenth of the CPU
// time of a forum thread page). With the cache on (every environment but development), each file
// is read and compiled once; without it, every render reads the files afresh. The sources are
// trimmed when compiled and the output is not: trimming the view and then the layout copied every
// page whole twice before it was written (once more when written); the layout starts and ends with its markup.
// A page that is mostly HTML kept from earlier renders (the dashboard) places it as bytes (PageParts).
import Handlebars from 'handlebars';
import type { Application, Express, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { viewsDir } from '../paths.js';
import { helpers } from './view-helpers/index.js';

type Template = Handlebars.TemplateDelegate;

// Without preventIndent, a partial called on an indented line indents every line of its output —
// including the value inside a <textarea>, which then changes on every save.
const compileOptions: CompileOptions = { preventIndent: true };
const runtimeOptions: Handlebars.RuntimeOptions = { allowProtoPropertiesByDefault: false };

interface Compiled {
  hb: typeof Handlebars;
  layouts: Map<string, Template>;
  views: Map<string, Template>;
}

/** `.hbs` files below `dir`, as paths relative to it with forward slashes. */
function templatesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.hbs'))
    .map((f) => f.split(path.sep).join('/'))
    .sort();
}

function compileFile(hb: typeof Handlebars, file: string): Template {
  return hb.compile(readFileSync(file, 'utf8').trim(), compileOptions);
}

function compileAll(root: string): Compiled {
  const hb = Handlebars.create();
  for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, fn as Handlebars.HelperDelegate);
  const partialsDir = path.join(root, 'partials');
  for (const rel of templatesIn(partialsDir)) hb.registerPartial(rel.slice(0, -'.hbs'.length), compileFile(hb, path.join(partialsDir, rel)));
  const layouts = new Map(templatesIn(path.join(root, 'layouts')).map((rel) => [rel.slice(0, -'.hbs'.length), compileFile(hb, path.join(root, 'layouts', rel))]));
  return { hb, layouts, views: new Map() };
}

export type ViewEngine = (filePath: string, options: object, callback: (err: unknown, html?: string) => void) => void;

/** The Express view engine: renders the view, then the layout around it as `{{{body}}}`. */
export function createViewEngine(opts: { cache: boolean; root?: string } = { cache: true }): ViewEngine {
  const root = opts.root ?? viewsDir;
  let cached: Compiled | undefined;
  return (filePath, options, callback) => {
    try {
      const c = opts.cache ? (cached ??= compileAll(root)) : compileAll(root);
      let view = c.views.get(filePath);
      if (!view) c.views.set(filePath, (view = compileFile(c.hb, filePath)));
      const body = view(options, runtimeOptions);
      const name = (options as { layout?: unknown }).layout;
      if (name === false) return callback(null, body);
      const layout = (typeof name === 'string' && c.layouts.get(name)) || c.layouts.get('main')!;
      callback(null, layout({ ...options, body }, runtimeOptions));
    } catch (err) {
      callback(err);
    }
  };
}

/**
 * A view rendered without a layout, as HTML for a page to output unescaped ({{{…}}}). `locals` is
 * its whole root (with app.locals; not res.locals): pass `lang` for the helpers that translate.
 */
export function renderFragment(app: Application, view: string, locals: { lang: string } & Record<string, unknown>): Promise<string> {
  return new Promise((resolve, reject) => {
    app.render(view, { ...locals, layout: false }, (err: Error | null, html?: string) => (err ? reject(err) : resolve(html ?? '')));
  });
}

/** Drawn at start, never sent: a placeholder in the page's text cannot come from anything a user wrote. */
const PART_TOKEN = randomUUID();
const PART = new RegExp(`<!--${PART_TOKEN}:(\\d+)-->`);

/**
 * Pieces of a page that are already UTF-8 bytes — HTML kept from an earlier render and sent many
 * times. The view outputs each piece's placeholder ({{{…}}}); `send` renders the page as res.render
 * does (layout, res.locals) and writes its own text around the pieces' bytes. A kept piece is then
 * never copied into the page's string, flattened with it and encoded again on every view: for the
 * dashboard's 150 of 173 KB, that was about a fifth of a view's CPU time.
 */
export class PageParts {
  private readonly parts: Buffer[] = [];

  /** The placeholder where `bytes` go, for the view to output unescaped. */
  place(bytes: Buffer): string {
    this.parts.push(bytes);
    return `<!--${PART_TOKEN}:${this.parts.length - 1}-->`;
  }

  /** Renders `view` and sends it (200, text/html; UTF-8) with every placed piece in its place. */
  async send(res: Response, view: string, locals: object): Promise<void> {
    const html = await new Promise<string>((resolve, reject) => {
      res.render(view, locals, (err: Error | null, out?: string) => (err ? reject(err) : resolve(out ?? '')));
    });
    // split with the group: text, index, text, index, …, text
    const pieces = html.split(PART).map((p, i) => (i % 2 ? this.parts[Number(p)]! : Buffer.from(p, 'utf8')));
    res.type('html').send(Buffer.concat(pieces));
  }
}

export function setupViews(app: Express, opts: { cache: boolean }): void {
  app.engine('.hbs', createViewEngine({ cache: opts.cache }));
  app.set('view engine', '.hbs');
  app.set('views', viewsDir);
  if (opts.cache) app.enable('view cache');
}
