// Administration form: while the address field is empty, its placeholder shows the address the
// server will derive from the name (as src/shared/slug.ts does; the server adds -2, -3 … when taken).
// Progressive enhancement only: without it the field is simply empty and the server derives it.
'use strict';
(() => {
  const MAP = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', Ä: 'ae', Ö: 'oe', Ü: 'ue' };
  const slugify = (s) => s
    .replace(/[äöüßÄÖÜ]/g, (c) => MAP[c] || c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 70)
    .replace(/-+$/, '');
  const name = document.getElementById('field-name');
  const slug = document.getElementById('field-slug');
  if (!name || !slug) return;
  const update = () => { slug.placeholder = slugify(name.value); };
  name.addEventListener('input', update);
  update();
})();
