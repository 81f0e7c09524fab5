// The service worker keeps the wizard's shell: offline, a reload still shows the question the
// person was on (never first the one the kept page was drawn with), a confirmation made then is
// saved and arrives once back online; online, the page always comes fresh from the server, a
// changed worker replaces the previous build's cache, and no answer of the API but a flow
// version is ever kept.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BASE_URL, answer, cached, fillAndConfirm, flowFolder, kept, launchBrowser, ownServer, publish, queryRows,
  sqlText, watchCspViolations,
} from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** Words of the join flow's third question, reached by answering the first two. */
const SECOND_QUESTION = 'received your invitation email';
const THIRD_QUESTION = 'used your work email';

test('offline, a reload shows the current question, and a confirmation then arrives once back online', async () => {
  const server = await ownServer();
  await server.start();
  const context = await browser.newContext();
  const page = await context.newPage();
  const violations = await watchCspViolations(page);
  await page.goto(`${server.url}/?flow=join`);
  await answer(page, 'join');
  await page.getByTestId('question-text').getByText(SECOND_QUESTION).waitFor();
  await kept(page, 'join');

  await context.setOffline(true);
  const reloaded = await page.reload();
  // The kept page was drawn for the flow's first question: it comes without it, for the app to
  // draw the second.
  assert.ok(reloaded.fromServiceWorker());
  assert.ok(!(await reloaded.text()).includes('<div id="signpost-first">'));
  await page.getByTestId('question-text').getByText(SECOND_QUESTION).waitFor();
  await answer(page, 'not_received');
  await page.getByTestId('outcome-title').getByText('Find your invitation, or ask for a new one').waitFor();
  await fillAndConfirm(page, 'Ada Offline');
  await page.getByTestId('confirm-waiting').waitFor();
  assert.equal(server.rows('SELECT count(*) AS n FROM actions')[0].n, 0);

  await context.setOffline(false);
  await page.getByTestId('reference').waitFor({ timeout: 15000 });
  await new Promise((r) => setTimeout(r, 1000));
  assert.deepEqual(server.rows('SELECT name, action FROM actions'), [{ name: 'Ada Offline', action: 'request_invitation' }]);
  assert.deepEqual(violations, []);
  await context.close();
  await server.stop();
});

test('offline, another flow opens on a kept page, with the flow version the visit read', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${BASE_URL}/?flow=join`);
  await kept(page, 'join');
  await page.getByTestId('back').click();
  await page.getByTestId('start-recover_access').click();
  const first = await page.getByTestId('question-text').innerText();
  const address = page.url();

  await context.setOffline(true);
  const opened = await page.goto(address);
  // Never the kept page's question of the other flow, even before the app draws this one's.
  assert.ok(!(await opened.text()).includes('<div id="signpost-first">'));
  assert.equal(await page.getByTestId('question-text').innerText(), first);
  // At the very address the page was kept for, it keeps the question the server drew.
  const own = await (await page.goto(`${BASE_URL}/?flow=join`)).text();
  assert.match(own, /<div id="signpost-first">.*<h1>What do you need help with\?<\/h1>/s);
  await context.setOffline(false);
  await context.close();
});

test('online, a navigation gets the page the server sends now, not the kept one', async () => {
  const flows = await flowFolder();
  const server = await ownServer({ env: { SIGNPOST_FLOWS: flows } });
  await server.start();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/?flow=join&answers=join`);
  await page.getByTestId('question-text').getByText('Have you received your invitation email').waitFor();
  await kept(page, 'join');

  const file = join(flows, '1-join.toml');
  const reworded = 'Has the invitation email from business@amazon.com reached you?';
  writeFileSync(file, readFileSync(file, 'utf8').replace(
    'Have you received your invitation email from business@amazon.com?', reworded));
  await publish(server, reworded);
  await page.goto(`${server.url}/?flow=join&answers=join`);
  await page.getByTestId('question-text').getByText(reworded).waitFor();

  // The fresh page replaced the kept one.
  await context.setOffline(true);
  await page.reload();
  await page.getByTestId('question-text').getByText(reworded).waitFor();
  await context.setOffline(false);
  await context.close();
  await server.stop();
});

test('a new build\'s worker keeps the pages again and removes the previous build\'s cache', async () => {
  const dist = mkdtempSync(`${tmpdir()}/signpost-dist-`);
  cpSync(process.env.SIGNPOST_DIST, dist, { recursive: true });
  const server = await ownServer({ dist });
  await server.start();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/?flow=join`);
  const [[previous]] = await kept(page, 'join');

  // A deployment: the stamped build in the worker changes.
  const worker = join(dist, 'sw.js');
  const build = previous.slice('signpost-shell-'.length);
  writeFileSync(worker, readFileSync(worker, 'utf8').replace(`'${build}'`, `'${build}-next'`));
  // The browser asks whether the worker changed since its Last-Modified, which counts whole
  // seconds: a change within the second the page was first loaded would read as none.
  const later = new Date(Date.now() + 2000);
  utimesSync(worker, later, later);
  rmSync(`${worker}.br`);
  rmSync(`${worker}.gz`);
  await page.evaluate(async () => (await navigator.serviceWorker.ready).update());
  for (let i = 0; ; i++) {
    const shells = Object.keys(await cached(page)).filter((name) => name.startsWith('signpost-shell-'));
    if (shells.length === 1 && shells[0] === `${previous}-next`) break;
    if (i >= 100) {
      const workers = await page.evaluate(async () => {
        const { installing, waiting, active } = await navigator.serviceWorker.getRegistration();
        return JSON.stringify({ installing: installing?.state, waiting: waiting?.state, active: active?.state });
      });
      throw new Error(`caches after the update: ${shells.join(', ')}; workers: ${workers}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const paths = (await cached(page))[`${previous}-next`];
  assert.ok(paths.includes('/?flow=join'), paths.join(', '));
  assert.ok(paths.some((p) => p.endsWith('_bg.wasm')), paths.join(', '));

  await context.setOffline(true);
  await page.reload();
  await page.getByTestId('question-text').waitFor();
  await context.setOffline(false);
  await context.close();
  await server.stop();
  rmSync(dist, { recursive: true });
});

test('the step counts sent as a page the worker controls is left still arrive', async () => {
  const server = await ownServer();
  await server.start();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/?flow=join`);
  await kept(page, 'join');
  await answer(page, 'join', 'received');
  await page.getByTestId('question-text').getByText(THIRD_QUESTION).waitFor();
  await page.goto('about:blank');
  const counted = () => server.rows('SELECT coalesce(sum(reached), 0) AS n FROM step_counts')[0].n;
  for (let i = 0; i < 100 && counted() < 3; i++) await new Promise((r) => setTimeout(r, 100));
  assert.equal(counted(), 3);
  await context.close();
  await server.stop();
});

test('no answer of the API is kept but flow versions, and nothing of the administrators\' page', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${BASE_URL}/?flow=join&answers=join/not_received`);
  await kept(page, 'join');
  await fillAndConfirm(page, 'Ada Cached');
  const reference = (await page.getByTestId('reference').innerText()).trim();
  assert.equal(queryRows(`SELECT count(*) AS n FROM actions WHERE reference = ${sqlText(reference)}`)[0].n, 1);
  const version = new URL(page.url()).searchParams.get('v');
  await page.evaluate(async (version) => {
    for (const path of ['/api/config', '/api/flows', '/api/flows/join', `/api/flows/join?version=${version}`, '/api/openapi.json', '/api/admin/actions']) {
      await fetch(path);
    }
  }, version);
  await page.goto(`${BASE_URL}/admin/`);
  await page.getByTestId('admin-token').waitFor();
  await page.goto(`${BASE_URL}/?flow=join`);
  await page.getByTestId('question-text').waitFor();

  const paths = Object.values(await cached(page)).flat();
  assert.ok(paths.includes(`/api/flows/join?version=${version}`), paths.join(', '));
  for (const path of paths) {
    assert.ok(
      /^\/(\?flow=[\w-]+)?$/.test(path) || /^\/[\w/-]+-[0-9a-f]{12,16}(_bg)?\.(js|wasm|css)$/.test(path)
        || /^\/api\/flows\/[\w-]+\?version=[0-9a-f]{16}$/.test(path),
      `kept: ${path}`,
    );
    assert.ok(!path.startsWith('/admin/'), `kept: ${path}`);
  }
  await context.close();
});
