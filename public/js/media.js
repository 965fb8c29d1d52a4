// Training videos: a transcript line or a chapter link seeks the player on the page (without
// JavaScript the link opens the video file at that moment, #t=…) and starts it; focus goes to the player.
document.addEventListener('click', (event) => {
  const link = event.target && event.target.closest ? event.target.closest('a.media-seek') : null;
  if (!link) return;
  const video = document.getElementById(link.dataset.video || '');
  const t = Number(link.dataset.t);
  if (!video || video.tagName !== 'VIDEO' || !Number.isFinite(t)) return;
  event.preventDefault();
  video.currentTime = t;
  video.focus();
  const playing = video.play();
  if (playing && playing.catch) playing.catch(() => undefined);
});

// A search hit in a transcript opens the page at "#t=<seconds>" (and "&v=<video id>" for a page's
// second video): the player is put at that moment (not started: browsers refuse autoplay with sound).
(() => {
  const m = /^#t=(\d+(?:\.\d+)?)(?:&v=([0-9a-f-]{36}))?$/.exec(window.location.hash);
  if (!m) return;
  const video = m[2] ? document.getElementById(`video-${m[2]}`) : document.querySelector('video');
  if (!video || video.tagName !== 'VIDEO') return;
  const seek = () => { video.currentTime = Number(m[1]); };
  if (video.readyState >= 1) seek(); else video.addEventListener('loadedmetadata', seek, { once: true });
  video.scrollIntoView({ block: 'center' });
  video.focus();
})();
