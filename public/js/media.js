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
