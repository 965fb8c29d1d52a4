// Required course videos: the player reports which tenths of the duration were actually PLAYED —
// from video.played (the ranges the browser really played), not from seeking — to the server, which
// merges them and decides when the video counts as watched (9 of 10 tenths). A tenth counts when at
// least three quarters of it were played. Posted with the CSRF header every few seconds while the
// video plays and on pause, ended and leaving the page, only when a tenth was added since the last
// report (a ten-minute video sends about ten reports). Without JavaScript the "mark as watched"
// button does the job.
(() => {
  const section = document.querySelector('.media-watching[data-csrf]');
  if (!section || !window.fetch) return;
  const token = section.dataset.csrf;
  const announce = section.querySelector('[data-announce]');
  const TENTHS = 10;
  const SHARE = 0.75;
  const EVERY_MS = 5000;

  /** The tenths (0–9) of the duration that the played ranges cover by at least SHARE. */
  const playedTenths = (video) => {
    const d = video.duration;
    if (!Number.isFinite(d) || d <= 0) return [];
    const played = video.played;
    const list = [];
    for (let i = 0; i < TENTHS; i += 1) {
      const from = (d * i) / TENTHS;
      const to = (d * (i + 1)) / TENTHS;
      let covered = 0;
      for (let r = 0; r < played.length; r += 1) covered += Math.max(0, Math.min(to, played.end(r)) - Math.max(from, played.start(r)));
      if (covered >= (to - from) * SHARE) list.push(i);
    }
    return list;
  };

  const track = (item, video) => {
    const action = item.dataset.progress;
    let sent = '';
    let timer = null;
    let done = false;
    const update = (result) => {
      const state = item.querySelector('[data-state]');
      const progress = item.querySelector('[data-progress-text]');
      if (state && result.stateText) state.textContent = result.stateText;
      if (progress && result.progressText) progress.textContent = result.progressText;
      if (result.watched && !done) {
        done = true;
        if (progress) progress.textContent = '';
        const form = item.querySelector('form[data-mark]');
        if (form) form.remove();
        if (announce && result.announcement) announce.textContent = result.announcement;
      }
    };
    const report = (leaving) => {
      if (done) return;
      const tenths = playedTenths(video);
      const key = tenths.join(',');
      if (!tenths.length || key === sent) return;
      sent = key;
      const request = fetch(action, {
        method: 'POST',
        credentials: 'same-origin',
        keepalive: !!leaving,
        headers: { 'x-csrf-token': token, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ tenths: key }).toString(),
      });
      if (leaving) return;
      request.then((res) => (res.ok ? res.json() : null)).then((result) => { if (result) update(result); }).catch(() => { sent = ''; });
    };
    const stop = () => {
      if (timer !== null) window.clearInterval(timer);
      timer = null;
    };
    video.addEventListener('play', () => {
      stop();
      timer = window.setInterval(() => report(false), EVERY_MS);
    });
    video.addEventListener('pause', () => { stop(); report(false); });
    video.addEventListener('ended', () => { stop(); report(false); });
    window.addEventListener('pagehide', () => report(true));
  };

  for (const item of section.querySelectorAll('[data-progress]')) {
    const video = document.getElementById(item.dataset.video || '');
    if (video && video.tagName === 'VIDEO') track(item, video);
  }
})();
