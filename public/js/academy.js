// Academy enhancements: print the certificate, read a chosen .gift file into the editor, and show
// the time left of a timed attempt. Everything works without this script.
(function () {
  document.querySelectorAll('[data-print]').forEach(function (b) {
    b.addEventListener('click', function () { window.print(); });
  });
  document.querySelectorAll('[data-gift-file]').forEach(function (input) {
    input.addEventListener('change', function () {
      var file = input.files && input.files[0];
      var target = document.getElementById(input.getAttribute('data-gift-file'));
      if (!file || !target) return;
      file.text().then(function (text) {
        target.value = text;
        var flag = document.querySelector('[data-gift-upload]');
        if (flag) flag.value = '1';
      });
    });
  });
  var deadline = document.querySelector('[data-seconds-left]');
  if (deadline) {
    var left = Number(deadline.getAttribute('data-seconds-left'));
    var out = document.createElement('span');
    out.setAttribute('role', 'timer');
    out.className = 'academy-timer';
    deadline.appendChild(out);
    var tick = function () {
      var m = Math.floor(left / 60), s = left % 60;
      out.textContent = ' (' + m + ':' + (s < 10 ? '0' : '') + s + ')';
      if (left > 0) { left -= 1; setTimeout(tick, 1000); }
    };
    tick();
  }
})();
