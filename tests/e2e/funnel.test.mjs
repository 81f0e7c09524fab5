// The app counts, anonymously, the steps people reach, and the administrators' funnel shows
// them; trainer mode and browsers that ask not to be tracked add nothing.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { answer, launchBrowser, ownServer } from './support.mjs';

const TOKEN = 'e2e-admin-token-0123456789';
let browser;
let server;
before(async () => {
  browser = await launchBrowser();
  server = await ownServer({ env: { SIGNPOST_ADMIN_TOKENS: TOKEN } });
  await server.start();
});
after(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.stop();
});

function counted() {
  return server.rows('SELECT coalesce(sum(reached), 0) AS n FROM step_counts')[0].n;
}

const contexts = [];

/** Walks join two questions deep, then goes elsewhere (which sends the batch). */
async function walkHalfwayAndLeave(query, { doNotTrack = false } = {}) {
  // The context stays open, as a browser would, while the batch is on its way.
  const context = await browser.newContext();
  contexts.push(context);
  if (doNotTrack) {
    await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '1' }));
  }
  const page = await context.newPage();
  await page.goto(`${server.url}/?flow=join${query}`);
  await answer(page, 'join', 'received');
  await page.getByTestId('question-text').getByText('used your work email').waitFor();
  await page.goto('about:blank');
}

/** Waits up to ten seconds for the counts to reach `total`. */
async function countedReaches(total) {
  for (let i = 0; i < 100 && counted() < total; i++) await new Promise((r) => setTimeout(r, 100));
  return counted();
}

test('walking halfway is counted in the funnel, and leaving shows where people stopped', async () => {
  await walkHalfwayAndLeave('');
  assert.equal(await countedReaches(3), 3);
  const rows = server.rows('SELECT node, from_node, reached FROM step_counts ORDER BY node');
  assert.deepEqual(rows, [
    { node: 'invitation', from_node: 'topic', reached: 1 },
    { node: 'topic', from_node: '', reached: 1 },
    { node: 'used_work_email', from_node: 'invitation', reached: 1 },
  ]);
  const response = await fetch(`${server.url}/api/admin/funnel?flow=join`, { headers: { authorization: `Bearer ${TOKEN}` } });
  const funnel = await response.json();
  const step = (node) => funnel.steps.find((s) => s.node === node);
  assert.deepEqual([step('topic').reached, step('topic').left], [1, 0]);
  assert.deepEqual([step('used_work_email').reached, step('used_work_email').left], [1, 1]);
});

test('trainer mode and Do Not Track add nothing to the counts', async () => {
  const before = counted();
  await walkHalfwayAndLeave('&mode=trainer');
  await walkHalfwayAndLeave('', { doNotTrack: true });
  // A counted visit last: once its three steps are in, anything sent before it would be too.
  await walkHalfwayAndLeave('');
  await countedReaches(before + 3);
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(counted(), before + 3);
});
