// A confirmation made while the server is down is kept on the device and reaches the server
// exactly once when it is back, across a reload.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { everyOutcomeARequest, fillAndConfirm, kept, launchBrowser, ownServer } from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/**
 * Confirms at the outcome of `walk` while the server is down, and reloads: the service
 * worker's copy of the page opens and shows the confirmation waiting.
 */
async function confirmDuringOutage(server, page, walk, name) {
  await page.goto(`${server.url}/?${walk}`);
  await page.getByTestId('confirm-name').waitFor();
  await kept(page, new URLSearchParams(walk).get('flow'));
  await server.stop();
  await fillAndConfirm(page, name);
  await page.getByTestId('confirm-waiting').waitFor();
  await page.reload();
  await page.getByTestId('waiting-count').waitFor();
  await server.start();
}

const NOT_RECEIVED = 'flow=join&answers=join/not_received';

test('confirmed during an outage, back at the outcome once delivered: sent, with its reference, across reloads', async () => {
  const server = await ownServer();
  await server.start();
  const page = await browser.newPage();
  await confirmDuringOutage(server, page, NOT_RECEIVED, 'Ada Outage');

  await page.goto(`${server.url}/?${NOT_RECEIVED}`);
  const receipt = page.getByTestId('receipt');
  await receipt.getByRole('heading', { name: 'Sent' }).waitFor({ timeout: 15000 });
  const rows = server.rows("SELECT reference, action, name FROM actions WHERE name = 'Ada Outage'");
  assert.deepEqual(rows.map(({ action, name }) => ({ action, name })), [{ action: 'request_invitation', name: 'Ada Outage' }]);
  const [{ reference }] = rows;
  assert.equal(await page.getByTestId('reference').innerText(), reference);
  assert.match(await page.getByTestId('received-at').innerText(), /^Received on /);
  assert.equal(await page.getByTestId('confirm-name').count(), 0);
  // The outcome says it itself: the banner does not repeat it.
  assert.equal(await page.getByTestId('delivered-earlier').locator('li').count(), 0);

  // Another visit shows the same and sends nothing again.
  await page.reload();
  await receipt.waitFor();
  assert.equal(await page.getByTestId('reference').innerText(), reference);
  assert.equal(await page.getByTestId('confirm').count(), 0, 'no active form');
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(server.rows('SELECT count(*) AS n FROM actions')[0].n, 1);

  await page.getByTestId('send-another').click();
  await page.getByTestId('confirm-name').waitFor();
  assert.equal(await page.getByTestId('confirm').isEnabled(), true);
  assert.equal(server.rows('SELECT count(*) AS n FROM actions')[0].n, 1);
  await page.close();
  await server.stop();
});

test('confirmed during an outage, back elsewhere: the banner tells of the delivery, the outcome keeps it', async () => {
  const server = await ownServer();
  await server.start();
  const page = await browser.newPage();
  await confirmDuringOutage(server, page, NOT_RECEIVED, 'Ada Elsewhere');

  await page.goto(`${server.url}/`);
  const delivered = page.getByTestId('delivered-earlier').getByText('Your earlier confirmation was received');
  await delivered.waitFor({ timeout: 15000 });
  const [{ reference }] = server.rows("SELECT reference FROM actions WHERE name = 'Ada Elsewhere'");
  assert.match(await delivered.innerText(), new RegExp(reference));

  await page.goto(`${server.url}/?${NOT_RECEIVED}`);
  assert.equal(await page.getByTestId('reference').innerText(), reference);
  assert.equal(await page.getByTestId('confirm-name').count(), 0);
  assert.equal(server.rows('SELECT count(*) AS n FROM actions')[0].n, 1);
  await page.close();
  await server.stop();
});

test('a confirmation waiting on an open page is sent by itself when the server returns', async () => {
  const server = await ownServer();
  await server.start();
  const page = await browser.newPage();
  await page.goto(`${server.url}/?${NOT_RECEIVED}`);
  await page.getByTestId('confirm-name').waitFor();
  await server.stop();
  await fillAndConfirm(page, 'Grace Retry');
  await page.getByTestId('confirm-waiting').waitFor();
  await server.start();
  await page.getByTestId('reference').waitFor({ timeout: 15000 });
  // Focus moves to the receipt when it comes, as it would at once after Confirm.
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'receipt');
  assert.equal(server.rows("SELECT count(*) AS n FROM actions WHERE name = 'Grace Retry'")[0].n, 1);
  await page.close();
  await server.stop();
});

/** Two tabs of one browser on the wizard, each at the confirmation form of its walk. */
async function twoTabs(server, walks = [NOT_RECEIVED, NOT_RECEIVED]) {
  const context = await browser.newContext();
  const tabs = [];
  for (const walk of walks) {
    const tab = await context.newPage();
    await tab.goto(`${server.url}/?${walk}`);
    await tab.getByTestId('confirm-name').waitFor();
    tabs.push(tab);
  }
  return { context, tabs };
}

/** Waits until the server holds `count` rows, and returns the names stored, sorted. */
async function storedNames(server, count) {
  for (let i = 0; ; i++) {
    const rows = server.rows('SELECT name FROM actions ORDER BY name');
    if (rows.length >= count || i >= 300) return rows.map((r) => r.name);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('two tabs confirm during an outage, one closes: both confirmations arrive exactly once', async () => {
  const server = await ownServer();
  await server.start();
  const { context, tabs: [a, b] } = await twoTabs(server);
  await server.stop();
  await fillAndConfirm(a, 'Ada Tab A');
  await a.getByTestId('confirm-waiting').waitFor();
  await fillAndConfirm(b, 'Bob Tab B');
  await b.getByTestId('confirm-waiting').waitFor();
  await a.close();

  await server.start();
  assert.deepEqual(await storedNames(server, 2), ['Ada Tab A', 'Bob Tab B']);
  await b.getByTestId('reference').waitFor({ timeout: 30000 });
  // The tab shows the receipt of its own confirmation, not the other tab's of the same walk.
  const [{ reference }] = server.rows("SELECT reference FROM actions WHERE name = 'Bob Tab B'");
  assert.equal(await b.getByTestId('reference').innerText(), reference);
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(server.rows('SELECT count(*) AS n FROM actions')[0].n, 2);
  await context.close();
  await server.stop();
});

test('a tab that cannot reach the server loses nothing to a tab that can', async () => {
  // Two walks to two requests: an organisation whose teams act on every outcome.
  const server = await ownServer({ env: await everyOutcomeARequest() });
  await server.start();
  // On two walks: once tab A's confirmation is delivered, a tab on the same walk shows it sent.
  const { context, tabs: [a, b] } = await twoTabs(server, [NOT_RECEIVED, 'flow=join&answers=who_invited']);
  // Tab A is cut off from the server; tab B is not.
  await a.route('**/api/actions', (route) => route.abort('internetdisconnected'));
  await fillAndConfirm(a, 'Ada Offline');
  await a.getByTestId('confirm-waiting').waitFor();
  await fillAndConfirm(b, 'Bob Online');
  await b.getByTestId('reference').waitFor();
  // Tab B, seeing tab A's confirmation saved, delivers it; tab A learns its receipt.
  await a.getByTestId('reference').waitFor({ timeout: 30000 });
  await a.close();
  assert.deepEqual(await storedNames(server, 2), ['Ada Offline', 'Bob Online']);
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(server.rows('SELECT count(*) AS n FROM actions')[0].n, 2);
  await context.close();
  await server.stop();
});
