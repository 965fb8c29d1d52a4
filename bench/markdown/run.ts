// `npm run bench:markdown [-- 5000 20000]`: renders every worst-case pattern (bench/markdown/patterns.ts)
// at each size and prints the slowest of three renders. Every render must stay below 100 ms up to
// MARKDOWN_MAX_CHARS: the last line says whether it did (exit code 1 when not). The unit test
// tests/shared/markdown-bound.test.ts guards against blow-ups only. Needs no database.
import { isAppError } from '../../src/shared/errors.js';
import { MARKDOWN_MAX_CHARS, renderMarkdown } from '../../src/shared/markdown.js';
import { WORST_CASES } from './patterns.js';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const SIZES = sizes.length ? sizes : [1_000, 5_000, 10_000, MARKDOWN_MAX_CHARS];
const ROUNDS = 3;

renderMarkdown('warm *up* the _JIT_ [a](https://example.org)');
const width = Math.max(...Object.keys(WORST_CASES).map((k) => k.length));
console.log(`${'pattern'.padEnd(width)}  ${SIZES.map((s) => `${s} chars`.padStart(12)).join('')}`);
let worst = 0;
for (const [name, make] of Object.entries(WORST_CASES)) {
  const cells = SIZES.map((size) => {
    const source = make(size);
    let slowest = 0;
    let refused = false;
    for (let i = 0; i < ROUNDS; i += 1) {
      const start = performance.now();
      try {
        renderMarkdown(source);
      } catch (e) {
        if (!isAppError(e)) throw e;
        refused = true;
      }
      slowest = Math.max(slowest, performance.now() - start);
    }
    worst = Math.max(worst, slowest);
    return `${slowest.toFixed(1)} ms${refused ? '*' : ' '}`.padStart(12);
  });
  console.log(`${name.padEnd(width)}  ${cells.join('')}`);
}
const TARGET_MS = 100;
console.log(`\nslowest render: ${worst.toFixed(1)} ms   (* = refused with a message)`);
console.log(`target: every render under ${TARGET_MS} ms — ${worst < TARGET_MS ? 'met' : 'MISSED'}`);
if (worst >= TARGET_MS) process.exitCode = 1;
