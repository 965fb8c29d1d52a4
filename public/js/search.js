// Progressive enhancement for search; every page works without this file.
// 1. The header search box suggests titles as you type (ARIA combobox with a listbox).
// 2. On /search, changing a facet checkbox or the sort order applies it at once.
'use strict';
document.addEventListener('DOMContentLoaded', () => {
  for (const input of document.querySelectorAll('input[data-suggest]')) enhanceSuggest(input);
  for (const control of document.querySelectorAll('[data-autosubmit]')) {
    control.addEventListener('change', () => control.form && control.form.requestSubmit());
  }
});

function enhanceSuggest(input) {
  const endpoint = input.getAttribute('data-suggest');
  const list = document.createElement('ul');
  list.id = `${input.id || 'search'}-suggestions`;
  list.className = 'site-suggest';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', document.documentElement.lang === 'en' ? 'Suggestions' : 'Vorschläge');
  list.hidden = true;
  input.insertAdjacentElement('afterend', list);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', list.id);

  let timer;
  let active = -1;
  let items = [];
  let lastQuery = '';
  let controller;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const highlight = (index) => {
    const options = list.querySelectorAll('[role="option"]');
    options.forEach((o, i) => o.setAttribute('aria-selected', String(i === index)));
    active = index;
    if (index >= 0 && options[index]) input.setAttribute('aria-activedescendant', options[index].id);
    else input.removeAttribute('aria-activedescendant');
  };
  const render = (suggestions) => {
    items = suggestions;
    list.textContent = '';
    suggestions.forEach((s, i) => {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = s.url;
      a.id = `${list.id}-${i}`;
      a.setAttribute('role', 'option');
      a.setAttribute('aria-selected', 'false');
      a.tabIndex = -1;
      // The title, then what it is (thread, use case, guide chapter, course).
      const title = document.createElement('span');
      title.className = 'site-suggest__title';
      title.textContent = s.title;
      if (s.language) title.lang = s.language; // the title in its own language (WCAG 3.1.2)
      a.appendChild(title);
      if (s.typeLabel) {
        const type = document.createElement('span');
        type.className = 'site-suggest__type';
        type.textContent = s.typeLabel;
        a.append(' ', type);
      }
      li.appendChild(a);
      list.appendChild(li);
    });
    const open = suggestions.length > 0;
    list.hidden = !open;
    input.setAttribute('aria-expanded', String(open));
    active = -1;
  };
  const fetchSuggestions = async (q) => {
    if (controller) controller.abort();
    controller = new window.AbortController();
    try {
      const res = await fetch(`${endpoint}?${new URLSearchParams({ q })}`, { signal: controller.signal, headers: { Accept: 'application/json' } });
      if (!res.ok) return close();
      const body = await res.json();
      if (input.value.trim() === q) render(body.suggestions || []);
    } catch {
      // Aborted or offline: the plain search form still works.
    }
  };

  input.addEventListener('input', () => {
    const q = input.value.trim();
    clearTimeout(timer);
    if (q.length < 2) return close();
    if (q === lastQuery) return;
    timer = setTimeout(() => {
      lastQuery = q;
      fetchSuggestions(q);
    }, 150);
  });
  input.addEventListener('keydown', (e) => {
    if (list.hidden) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      highlight(Math.min(items.length - 1, active + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      highlight(Math.max(-1, active - 1));
    } else if (e.key === 'Enter' && active >= 0) {
      e.preventDefault();
      window.location.assign(items[active].url);
    } else if (e.key === 'Escape') {
      close();
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
}
