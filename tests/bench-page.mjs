// The employee's page as a new visitor meets it, measured in headless Chromium (run by
// scripts/bench-page, which starts the server):
//
//   SIGNPOST_URL=http://127.0.0.1:PORT SIGNPOST_DB=FILE node bench-page.mjs [RUNS]
//
// Prints the bytes on the wire per file, for the first screen (what the browser asks for before
// it draws its first frame) against its goal and in total with the app's code;
// then, as medians (with min and max) over RUNS fresh browser contexts (10 at least): navigation
// to the first question visible (drawn by the server, or by the app), to the app's own question
// (the wizard ready), the four answers of the join flow's "ordinary account" path summed (each
// from pointerdown to the next question visible, timed in the page), clicked at once as a
// driver does and, in contexts of their own, a second after the wizard is ready as a reader
// would (by then the browser has done most of its own work on the code it loaded), and the JS
// heap after a forced garbage collection at the end. Timings on a shared machine are noisy:
// compare runs made one after the other, never a single figure with a goal.

import { BASE_URL as base, launchBrowser } from './e2e/support.mjs';
import { GOALS, openedFiles, total } from './e2e/wire.mjs';

const [runsArg] = process.argv.slice(2);
const RUNS = Math.max(10, Number(runsArg ?? 15));
const URL_PATH = '/?flow=join';

/** The answers clicked, and the question each one leads to. */
const STEPS = [
  ['join', 'Have you received your invitation email'],
  ['received', 'Have you ever used your work email'],
  ['used', 'Is that account an ordinary Amazon account'],
  ['ordinary', 'Do you know the password of that account?'],
];
const FIRST = 'What do you need help with?';

/**
 * Runs in the page before it loads: notes when the first question first shows (as the server
 * drew it, or as the app did), when the app's own does (the wizard is ready), and when each
 * awaited question shows after the pointerdown that asked for it, checked on every DOM change.
 */
function watch({ first, steps }) {
  const seen = (window.__bench = { first: null, ready: null, steps: [] });
  let awaited = first;
  let since = null;
  addEventListener('pointerdown', (event) => {
    awaited = steps[seen.steps.length];
    since = event.timeStamp;
  }, true);
  const shows = (heading, text) => heading?.textContent.includes(text) && heading.getClientRects().length > 0;
  const check = () => {
    if (seen.first === null && shows(document.querySelector('h1'), first)) seen.first = performance.now();
    const heading = document.querySelector('[data-testid="question-text"]');
    if (!awaited || !shows(heading, awaited)) return;
    if (since === null) seen.ready = performance.now();
    else seen.steps.push(performance.now() - since);
    awaited = null;
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
}

/** How long a reader takes over the first question, for the answers clicked "a second after". */
const READING_MS = 1000;

/** One fresh context: the timings, with the answers clicked `wait` ms after the wizard is ready. */
async function run(browser, wait = 0) {
  const context = await browser.newContext();
  try {
    await context.addInitScript(watch, { first: FIRST, steps: STEPS.map(([, next]) => next) });
    const page = await context.newPage();
    await page.goto(`${base}${URL_PATH}`);
    await page.waitForFunction(() => window.__bench.ready !== null);
    await page.waitForTimeout(wait);
    for (const [index, [choice]] of STEPS.entries()) {
      await page.getByTestId(`choice-${choice}`).click();
      await page.waitForFunction((n) => window.__bench.steps.length > n, index);
    }
    const timings = await page.evaluate(() => window.__bench);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const heap = metrics.find((m) => m.name === 'JSHeapUsedSize').value;
    return { first: timings.first, ready: timings.ready, answers: timings.steps.reduce((a, b) => a + b, 0), heap };
  } finally {
    await context.close();
  }
}

function spread(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted.at(-1) };
}

const browser = await launchBrowser();
try {
  const { files } = await openedFiles(browser, `${base}${URL_PATH}`, (page) => page.getByTestId('question-text').waitFor());
  console.log(`${URL_PATH} until the app's question shows, bytes on the wire (body as sent, then headers; "after": asked for once the first frame was drawn):`);
  for (const file of files) {
    console.log(`  ${String(file.bytes).padStart(8)} ${String(file.headerBytes).padStart(5)}  ${file.encoding.padEnd(8)} ${file.early ? '      ' : 'after '}${file.path}`);
  }
  const first = total(files.filter((f) => f.early));
  console.log(`  ${String(first).padStart(8)} the first screen, asked for before the first frame (goal ${GOALS.wizard}: ${(first / GOALS.wizard).toFixed(2)}x)`);
  console.log(`  ${String(total(files)).padStart(8)} in total, with the app`);

  await run(browser); // untimed: the first context also warms the server and the disk cache
  const samples = [];
  const read = [];
  for (let i = 0; i < RUNS; i++) {
    samples.push(await run(browser));
    read.push(await run(browser, READING_MS));
  }
  const line = (label, values, unit, scale = 1) => {
    const { median, min, max } = spread(values.map((v) => v / scale));
    console.log(`${label.padEnd(34)} median ${median.toFixed(1)} ${unit} (min ${min.toFixed(1)}, max ${max.toFixed(1)})`);
  };
  console.log(`\n${RUNS} fresh contexts:`);
  line('first question visible', samples.map((s) => s.first), 'ms');
  line('wizard ready (the app\'s question)', samples.map((s) => s.ready), 'ms');
  line('four answers, response summed', samples.map((s) => s.answers), 'ms');
  line(`  the same, ${READING_MS / 1000} s after ready`, read.map((s) => s.answers), 'ms');
  line('JS heap after GC', samples.map((s) => s.heap), 'MB', 1e6);
} finally {
  await browser.close();
}
