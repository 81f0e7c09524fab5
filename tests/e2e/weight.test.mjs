// What an employee's browser downloads: the first screen within its byte budget, every file
// compressed for a browser that accepts brotli, Trunk's hashed files cached for good and the
// pages revalidated, and trainer mode's bundle only for trainers. Bytes are stable from run to
// run, so they are checked here; timings are not, and are left to scripts/bench-page.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { BASE_URL, launchBrowser } from './support.mjs';
import { GOALS, HASHED, openedFiles, total } from './wire.mjs';

/**
 * The most the pages may transfer as they open. The wizard's first screen (what the browser asks
 * for before it draws its first frame: the question or the list of flows the server drew) and
 * the administrators' page are held to their goals (`GOALS`: 100 KB and 150 KB). The wizard's
 * app (its code, asked for once that frame is painted) comes on top: the whole page, until the
 * app's own question shows, is held to the size measured, which stops it from growing and comes
 * down as the bundle shrinks (docs/BENCHMARKS.md has the figures).
 * The whole page's limit went up by what the search on the list of flows costs (10,368 B,
 * rounded up), then by the home page's box for a classroom session's code (892 B) and the
 * question the server draws into the page (about 760 B), and down by the JS glue minified
 * (1,805 B), then both by loading without Leptos' resources and suspense boundaries (11,457 B and
 * 15,062 B), the wizard's by drawing without Leptos' `Show` (1,156 B), and by the build dropping
 * the stream adapters that Leptos' server-function client exports and the app never uses
 * (1,822 B), then up by the app taking over the box a person was typing into on the list of
 * flows the server drew (334 B, rounded up).
 */
const LIMITS = { wizard: GOALS.wizard, wizardWithApp: 200_200, admin: GOALS.admin };

/** The built app that scripts/test serves. */
const DIST = process.env.SIGNPOST_DIST;

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const questionShown = (page) => page.getByTestId('question-text').waitFor();

/** A table of the files, for a failure's message. */
function listed(files) {
  return files.map((f) => `${String(f.bytes).padStart(8)} ${f.encoding.padEnd(8)} ${f.early === false ? 'after ' : '      '}${f.path}`).join('\n');
}

test('the wizard\'s first screens (a question, the list of flows) fit their budget, the app\'s code follows them, every file compressed and cached as it should be', async () => {
  const { files, firstFrame } = await openedFiles(browser, `${BASE_URL}/?flow=join`, questionShown);
  const first = files.filter((f) => f.early);
  const bytes = total(first);
  const withApp = total(files);
  console.log(`first screen: ${bytes} B on the wire (goal ${GOALS.wizard}); with the app: ${withApp} B (limit ${LIMITS.wizardWithApp})\n${listed(files)}`);
  assert.deepEqual(firstFrame, { ...firstFrame, heading: 'What do you need help with?', drawnBy: 'server' }, 'the first frame shows the server\'s question');
  assert.ok(bytes <= LIMITS.wizard, `the first screen's ${bytes} B are over ${LIMITS.wizard}:\n${listed(first)}`);
  assert.ok(withApp <= LIMITS.wizardWithApp, `${withApp} B is over ${LIMITS.wizardWithApp}:\n${listed(files)}`);
  assert.ok(files.some((f) => f.path.endsWith('.wasm') && !f.early), listed(files));

  for (const file of files) {
    assert.equal(file.encoding, 'br', `${file.path} is sent ${file.encoding}`);
    if (HASHED.test(file.path)) {
      assert.match(file.cacheControl, /\bimmutable\b/, `${file.path}: ${file.cacheControl}`);
      assert.match(file.cacheControl, /max-age=31536000/, `${file.path}: ${file.cacheControl}`);
    } else {
      assert.equal(file.cacheControl, 'no-cache', `${file.path}: ${file.cacheControl}`);
      assert.notEqual(file.etag, '', `${file.path} has no ETag`);
    }
  }
  assert.ok(!files.some((f) => f.path.startsWith('/trainer/')), `the employee loads trainer mode:\n${listed(files)}`);

  // The list of flows, drawn by the server too.
  const list = await openedFiles(browser, `${BASE_URL}/`, (page) => page.getByTestId('search').waitFor());
  const listBytes = total(list.files.filter((f) => f.early));
  console.log(`the list of flows' first screen: ${listBytes} B\n${listed(list.files)}`);
  assert.deepEqual(list.firstFrame, { ...list.firstFrame, heading: 'What do you need to do?', drawnBy: 'server' }, 'the first frame shows the server\'s list');
  assert.ok(listBytes <= LIMITS.wizard, `the list's first screen, ${listBytes} B, is over ${LIMITS.wizard}:\n${listed(list.files)}`);
});

test('trainer mode loads the trainer\'s bundle, and the administrators\' page fits its budget', async () => {
  const { files: trainer } = await openedFiles(browser, `${BASE_URL}/?flow=join&mode=trainer`, async (page) => {
    await page.getByTestId('trainer-map').waitFor();
  });
  assert.ok(trainer.some((f) => /^\/trainer\/.*\.wasm$/.test(f.path)), listed(trainer));

  const { files: admin } = await openedFiles(browser, `${BASE_URL}/admin/`, (page) => page.getByTestId('admin-token').waitFor());
  const bytes = total(admin);
  console.log(`administrators' first screen: ${bytes} B (goal ${GOALS.admin}, limit ${LIMITS.admin})\n${listed(admin)}`);
  assert.ok(bytes <= LIMITS.admin, `${bytes} B is over ${LIMITS.admin}:\n${listed(admin)}`);
  assert.ok(admin.every((f) => f.encoding === 'br'), listed(admin));
});

test('every file of the build is sent with brotli to a browser that accepts it', async () => {
  assert.ok(DIST, 'SIGNPOST_DIST is not set: run the end-to-end tests through scripts/test');
  const files = readdirSync(DIST, { recursive: true })
    .filter((name) => /\.(html|js|css|wasm)$/.test(name))
    .map((name) => `/${relative(DIST, join(DIST, name)).replaceAll('\\', '/')}`);
  assert.ok(files.length >= 8, files.join(', '));
  for (const path of files) {
    const response = await fetch(`${BASE_URL}${path}`, { headers: { 'accept-encoding': 'br, gzip' } });
    assert.equal(response.status, 200, path);
    assert.equal(response.headers.get('content-encoding'), 'br', path);
    assert.match(response.headers.get('vary') ?? '', /accept-encoding/i, path);
    await response.arrayBuffer();
  }
});
