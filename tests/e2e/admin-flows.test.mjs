// The administrators' review of the flows against a server reading a flow folder of the test's
// own: the live version and what it changed, publishing an edited folder, and a broken file
// refused with the previous flows still live.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { axeViolations, flowFolder, launchBrowser, ownServer } from './support.mjs';

const TOKEN = 'e2e-admin-token-flows-0123456789';
const ADMIN = 'Grace Admin';

// What the test changes in its copy of the join flow.
const OLD_WARNING = 'The personal email must be one that has never been used with Amazon, or the split cannot finish.';
const NEW_WARNING = 'The personal email must never have been used with Amazon before, or the split stops halfway.';
// Answering "No" to the Prime question of a personal account now leads to the migration.
const ROUTE_BEFORE = '[[question]]\nid = "prime_separate"';
const BROKEN_NEXT = 'next = "request_invitation"';

let browser;
let server;
let folder;
let joinFile;

before(async () => {
  folder = await flowFolder();
  joinFile = join(folder, '1-join.toml');
  browser = await launchBrowser();
  server = await ownServer({ env: { SIGNPOST_ADMIN_TOKENS: TOKEN, SIGNPOST_RATE_LIMIT: '0', SIGNPOST_FLOWS: folder } });
  await server.start();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/** Counts `count` walks of the join flow's `version` that reached its first question. */
async function startWalks(version, count) {
  const events = Array.from({ length: count }, () => ({ flow: 'join', version, node: 'topic' }));
  const response = await fetch(`${server.url}/api/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ events }),
  });
  assert.equal(response.status, 204, await response.text());
}

/** The join flow's live version, as the API lists it. */
async function liveJoinVersion() {
  const { flows } = await (await fetch(`${server.url}/api/flows`)).json();
  return flows.find((f) => f.id === 'join').version;
}

/** Rewrites the test's copy of the join flow, checking that each text replaced is there. */
function editJoin(...replacements) {
  let text = readFileSync(joinFile, 'utf8');
  for (const [from, to] of replacements) {
    assert.ok(text.includes(from), `1-join.toml holds ${JSON.stringify(from)}`);
    text = text.replace(from, to);
  }
  writeFileSync(joinFile, text);
}

test('the flows view shows what is live, publishes an edited folder, and refuses a broken file', async () => {
  const first = await liveJoinVersion();
  await startWalks(first, 2);

  // Without the page's CSP, so that axe can be injected.
  const page = await (await browser.newContext({ bypassCSP: true })).newPage();
  await page.goto(`${server.url}/admin/`);
  await page.getByTestId('admin-name').fill(ADMIN);
  await page.getByTestId('admin-token').fill(TOKEN);
  await page.getByTestId('sign-in').click();

  const view = page.getByTestId('flows-view');
  const join = view.locator('[data-testid="flow-review"][data-flow="join"]');
  await view.getByRole('heading', { name: 'Flows', exact: true }).waitFor();
  await join.getByTestId('flow-version').getByText(first, { exact: true }).waitFor();
  await join.getByRole('heading', { name: /^Join .*Amazon Business account$/ }).waitFor();
  assert.equal((await join.getByTestId('flow-changes').innerText()).trim(), 'No earlier version');
  assert.match(await join.getByTestId('flow-published').innerText(), /^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
  const walked = join.getByTestId('walked-versions').getByRole('listitem');
  assert.deepEqual(await walked.allInnerTexts(), [`${first} (live): 2 walks`]);
  assert.equal(await view.getByTestId('reload-failure').count(), 0);
  // Every flow of the folder is reviewed.
  assert.equal(await view.getByTestId('flow-review').count(), 4);
  assert.deepEqual(await axeViolations(page, '[data-testid="flows-view"]'), []);

  // A reworded warning, and a route that now leads to another outcome.
  const routeAt = readFileSync(joinFile, 'utf8').indexOf(ROUTE_BEFORE);
  assert.ok(routeAt > 0);
  editJoin([OLD_WARNING, NEW_WARNING]);
  {
    const text = readFileSync(joinFile, 'utf8');
    const question = text.slice(routeAt);
    const choice = question.indexOf('next = "separate"');
    assert.ok(choice > 0, 'the first answer of prime_separate leads to "separate"');
    writeFileSync(joinFile, text.slice(0, routeAt) + question.slice(0, choice) + 'next = "migrate"' + question.slice(choice + 'next = "separate"'.length));
  }
  await page.getByTestId('reload-flows').click();
  const done = page.getByTestId('reload-done');
  await done.getByText('Published.').waitFor();
  const second = await liveJoinVersion();
  assert.notEqual(second, first);
  assert.ok((await done.innerText()).includes(second), await done.innerText());
  assert.equal(await done.getAttribute('role'), 'status');
  await join.getByTestId('flow-version').getByText(second, { exact: true }).waitFor();
  const changes = join.getByTestId('flow-changes');
  await changes.getByText('Changes the routing: review before approving').waitFor();
  const report = await changes.innerText();
  assert.ok(report.includes(`«${OLD_WARNING}» → «${NEW_WARNING}»`), report);
  assert.match(report, /warning 1 reworded/);
  assert.match(report, /Routes that change where they lead/);
  await join.getByRole('heading', { name: `Changes from version ${first}` }).waitFor();
  // The other flows did not change.
  const prime = view.locator('[data-testid="flow-review"][data-flow="buy_with_prime"]');
  assert.equal((await prime.getByTestId('flow-changes').innerText()).trim(), 'No earlier version');
  assert.equal(await prime.getByTestId('routing-changed').count(), 0);
  assert.equal(await page.getByTestId('reload-problem').innerText(), '');

  // Walks started on the new version come first and are marked live.
  await startWalks(second, 1);
  await page.reload();
  await join.getByTestId('flow-version').getByText(second, { exact: true }).waitFor();
  assert.deepEqual(await walked.allInnerTexts(), [`${second} (live): 1 walk`, `${first}: 2 walks`]);
  assert.deepEqual(await axeViolations(page, '[data-testid="flows-view"]'), []);

  // A choice that leads to no node: the whole folder is refused and the flows stay as they were.
  editJoin([BROKEN_NEXT, 'next = "no_such_node"']);
  await page.getByTestId('reload-flows').click();
  const refused = page.getByTestId('reload-problem');
  await refused.getByText('1-join.toml').waitFor();
  const message = await refused.innerText();
  const broken = 'node "invitation": answer "not_received" leads to "no_such_node"';
  assert.ok(message.includes(`1-join.toml: ${broken}`), message);
  assert.match(message, /not published/);
  assert.equal(await refused.getAttribute('role'), 'alert');
  // The overview tells the same failure, with when it happened.
  const failure = view.getByTestId('reload-failure');
  await failure.getByText(broken).waitFor();
  assert.equal(await failure.getAttribute('role'), 'alert');
  assert.match(await failure.innerText(), /refused \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\)/);
  assert.equal(await page.getByTestId('reload-done').innerText(), '');
  assert.equal(await liveJoinVersion(), second);
  assert.equal((await join.getByTestId('flow-version').innerText()).trim(), second);
  assert.ok((await join.getByTestId('flow-changes').innerText()).includes(NEW_WARNING));
  assert.deepEqual(await axeViolations(page, '[data-testid="flows-view"]'), []);
  await page.context().close();
});
