// A confirmation made while the server is down is kept on the device and reaches the server
// exactly once when it is back, across a reload.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, ownServer } from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

async function fillAndConfirm(page, name) {
  await page.getByTestId('confirm-name').fill(name);
  await page.getByTestId('confirm-email').fill('ada@example.edu');
  await page.getByTestId('confirm').click();
}

test('confirmed during an outage, reloaded, then the server returns: exactly one row', async () => {
  const server = await ownServer();
  await server.start();
  const page = await browser.newPage();
  await page.goto(`${server.url}/?flow=join&answers=join/not_received`);
  await page.getByTestId('confirm-name').waitFor();

  await server.stop();
  await fillAndConfirm(page, 'Ada Outage');
  await page.getByTestId('confirm-waiting').waitFor();
  await assert.rejects(page.reload(), 'the page cannot load while the server is down');

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
