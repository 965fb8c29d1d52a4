// Similar questions while the title is typed (progressive enhancement: without this script the
// "check for similar questions" step on /forum/new does the same before posting).
'use strict';
document.addEventListener('DOMContentLoaded', () => {
  const title = document.getElementById('field-title');
  const box = document.getElementById('similar-live');
  const checked = document.getElementById('field-checked');
  if (!title || !box) return;
  let timer;
  let last = '';
  const show = (threads) => {
    box.replaceChildren();
    if (!threads.length) return;
    const heading = document.createElement('p');
    heading.className = 'kern-body';
    heading.textContent = box.dataset.heading;
    const list = document.createElement('ul');
    list.className = 'kern-list';
    for (const t of threads) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.className = 'kern-link';
      a.href = t.url;
      a.textContent = t.title;
      if (t.language) a.lang = t.language; // the thread's language, which may differ from the page's
      li.append(a);
      if (t.answered) li.append(` (${box.dataset.answered})`);
      list.append(li);
    }
    box.append(heading, list);
  };
  title.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = title.value.trim();
      if (q === last || q.length < 4) return;
      last = q;
      try {
        const res = await fetch(`${box.dataset.similar}?title=${encodeURIComponent(q)}`, { headers: { accept: 'application/json' } });
        if (!res.ok) return;
        const data = await res.json();
        show(data.threads || []);
        // The member has seen the suggestions: posting skips the no-JS check step.
        if (checked) checked.value = '1';
      } catch {
        // Offline or refused: the server-side check step still works.
      }
    }, 300);
  });
});
