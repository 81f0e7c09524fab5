// A confirmation made while the server is down is kept on the device and reaches the server
// exactly once when it is back, across a reload.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fillAndConfirm, kept, launchBrowser, ownServer } from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('confirmed during an outage, reloaded, then the server returns: exactly one row', async () => {
  const server = await ownServer();
  await server.start();
  const page = await browser.newPage();
  await page.goto(`${server.url}/?flow=join&answers=join/not_received`);
  await page.getByTestId('confirm-name').waitFor();
  await kept(page, 'join');

  await server.stop();
  await fillAndConfirm(page, 'Ada Outage');
  await page.getByTestId('confirm-waiting').waitFor();
  // The service worker's copy of the page opens while the server is down.
  await page.reload();
  await page.getByTestId('waiting-count').waitFor();

  await server.start();
  await page.goto(`${server.url}/`);
  const receipt = page.getByTestId('delivered-earlier').getByText('Your earlier confirmation was received');
  await receipt.waitFor({ timeout: 15000 });
  const rows = server.rows("SELECT action, name FROM actions WHERE name = 'Ada Outage'");
  assert.deepEqual(rows, [{ action: 'request_invitation', name: 'Ada Outage' }]);
  // Another visit sends nothing again.
  await page.reload();
  await page.getByTestId('start-join').waitFor();
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(server.rows("SELECT count(*) AS n FROM actions")[0].n, 1);
  await page.close();
  await server.stop();
});

test('a confirmation waiting on an open page is sent by itself when the server returns', async () => {
  const server = await ownServer();
  await server.start();
  const page = await browser.newPage();
  await page.goto(`${server.url}/?flow=join&answers=who_invited`);
  await page.getByTestId('confirm-name').waitFor();
  await server.stop();
  await fillAndConfirm(page, 'Grace Retry');
  await page.getByTestId('confirm-waiting').waitFor();
  await server.start();
  await page.getByTestId('reference').waitFor({ timeout: 15000 });
  assert.equal(server.rows("SELECT count(*) AS n FROM actions WHERE name = 'Grace Retry'")[0].n, 1);
  await page.close();
  await server.stop();
});

/** Two tabs of one browser on the wizard, each at a confirmation form. */
async function twoTabs(server) {
  const context = await browser.newContext();
  const tabs = [];
  for (let i = 0; i < 2; i++) {
    const tab = await context.newPage();
    await tab.goto(`${server.url}/?flow=join&answers=join/not_received`);
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
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(server.rows('SELECT count(*) AS n FROM actions')[0].n, 2);
  await context.close();
  await server.stop();
});

test('a tab that cannot reach the server loses nothing to a tab that can', async () => {
  const server = await ownServer();
  await server.start();
  const { context, tabs: [a, b] } = await twoTabs(server);
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
