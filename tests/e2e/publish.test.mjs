// Flows are the server's run-time data: the page brings the organisation's words and the flow
// its address names, so the first question needs no call to the API; the wasm carries no flow
// text; and a changed flow folder, published with SIGHUP, is what the next visitor reads.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASE_URL, flowFolder, launchBrowser, ownServer, publish } from './support.mjs';

/** A sentence only the join flow's file holds: a warning of the migrate outcome. */
const WARNING = 'Do not migrate if the account has any personal purchases';
const REWORDED = 'Never migrate an account that holds personal purchases';
/** The answers that reach that outcome. */
const TO_MIGRATE = 'join/received/used/ordinary/yes/business_only/none';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('the first question shows with no call to the API, and only a flow not in the page is fetched', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const calls = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/api/')) calls.push(path + new URL(request.url()).search);
  });
  await page.goto(`${BASE_URL}/?flow=join`);
  await page.getByTestId('question-text').getByText('What do you need help with?').waitFor();
  assert.deepEqual(calls, []);

  // The list came in the page too; a flow it does not hold is fetched by its version.
  await page.getByTestId('back').click();
  await page.getByTestId('start-recover_access').click();
  await page.getByTestId('question-text').waitFor();
  assert.equal(calls.length, 1, calls.join(', '));
  assert.match(calls[0], /^\/api\/flows\/recover_access\?version=[0-9a-f]{16}$/);
  await context.close();
});

test('the wizard\'s wasm carries no flow text', () => {
  const dist = process.env.SIGNPOST_DIST;
  const wasm = readdirSync(dist).filter((f) => f.endsWith('.wasm'));
  assert.equal(wasm.length, 1, wasm.join(', '));
  const bytes = readFileSync(join(dist, wasm[0]));
  const flow = readFileSync(new URL('../../flows/1-join.toml', import.meta.url), 'utf8');
  for (const sentence of [WARNING, 'Have you received your invitation email', 'No migres la cuenta si tiene alguna compra personal']) {
    assert.ok(flow.includes(sentence), `1-join.toml holds "${sentence}"`);
    assert.equal(bytes.indexOf(sentence), -1, `the wasm holds "${sentence}"`);
  }
});

test('a changed flow folder published with SIGHUP is what a new visitor reads, with no rebuild', async () => {
  const folder = await flowFolder();
  const server = await ownServer({ env: { SIGNPOST_FLOWS: folder } });
  await server.start();
  try {
    const before = await browser.newPage();
    await before.goto(`${server.url}/?flow=join&answers=${TO_MIGRATE}`);
    await before.getByTestId('outcome').getByText(WARNING).waitFor();

    const file = join(folder, '1-join.toml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(WARNING, REWORDED));
    await publish(server, REWORDED);

    const after = await browser.newPage();
    await after.goto(`${server.url}/?flow=join&answers=${TO_MIGRATE}`);
    await after.getByTestId('outcome').getByText(REWORDED).waitFor();
    assert.equal(await after.getByText(WARNING).count(), 0);
    // The visitor who began before the publish still reads the version they began on.
    assert.equal(await before.getByText(WARNING).count(), 1);
    await before.close();
    await after.close();
  } finally {
    await server.stop();
  }
});
