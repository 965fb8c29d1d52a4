// Handlebars views: views/layouts/main.hbs, partials under views/partials (partials/<module>/ for
// module fragments, used as {{> forum/post}}), one helper per file in view-helpers/.
import type { Express } from 'express';
import { create } from 'express-handlebars';
import path from 'node:path';
import { viewsDir } from '../paths.js';
import { helpers } from './view-helpers/index.js';

export function createViewEngine() {
  return create({
    extname: '.hbs',
    defaultLayout: 'main',
    layoutsDir: path.join(viewsDir, 'layouts'),
    partialsDir: path.join(viewsDir, 'partials'),
    helpers,
    // Without this, a partial called on an indented line indents every line of its output —
    // including the value inside a <textarea>, which then changes on every save.
    compilerOptions: { preventIndent: true },
    runtimeOptions: { allowProtoPropertiesByDefault: false },
  });
}

export function setupViews(app: Express, opts: { cache: boolean }): void {
  const hbs = createViewEngine();
  app.engine('.hbs', hbs.engine);
  app.set('view engine', '.hbs');
  app.set('views', viewsDir);
  if (opts.cache) app.enable('view cache');
}
