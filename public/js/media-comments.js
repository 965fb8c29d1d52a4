// Timed comments: the moment field of each comment form follows the player (while the member has not
// typed in it), and a "current time" button puts the player's time in it. Without JavaScript the
// moment is typed (m:ss or h:mm:ss); seeking from a comment's time is js/media.js's (a.media-seek).
(() => {
  const clock = (seconds) => {
    const t = Math.max(0, Math.floor(seconds));
    const two = (n) => String(n).padStart(2, '0');
    const h = Math.floor(t / 3600);
    const m = Math.floor(t / 60) % 60;
    return h ? `${h}:${two(m)}:${two(t % 60)}` : `${two(m)}:${two(t % 60)}`;
  };
  const playerOf = (el) => {
    const video = document.getElementById(el.dataset.video || '');
    return video && video.tagName === 'VIDEO' ? video : null;
  };

  for (const input of document.querySelectorAll('input.media-comment-form__at[data-video]')) {
    const video = playerOf(input);
    if (!video) continue;
    // What the member typed (or what came back with a refused form) stays.
    input.dataset.typed = input.value.trim() !== '' ? '1' : '';
    input.addEventListener('input', () => { input.dataset.typed = input.value.trim() !== '' ? '1' : ''; });
    const follow = () => { if (!input.dataset.typed) input.value = clock(video.currentTime); };
    for (const type of ['timeupdate', 'seeked', 'pause']) video.addEventListener(type, follow);
    follow();
  }

  for (const button of document.querySelectorAll('button.media-comment-form__now')) {
    const video = playerOf(button);
    const input = document.getElementById(button.dataset.for || '');
    if (!video || !input) continue;
    button.hidden = false;
    button.addEventListener('click', () => {
      input.value = clock(video.currentTime);
      input.dataset.typed = '1';
      input.focus();
    });
  }
})();
