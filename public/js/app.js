// Progressive enhancement only: every page works without this file.
'use strict';
document.addEventListener('DOMContentLoaded', () => {
  // Move focus to the error summary after a failed form submit, so screen readers announce it.
  const summary = document.getElementById('error-summary');
  if (summary) summary.focus();
});
