// The administrators' page against a real server: signing in, the queue's filters, status
// changes, the CSV export, the charts, and what the employee's page does not load.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { answer, axeViolations, everyOutcomeARequest, launchBrowser, ownServer, watchCspViolations } from './support.mjs';

const TOKEN = 'e2e-admin-token-0123456789';
const ADMIN = 'Grace Admin';
let browser;
let server;
const seeded = {};

before(async () => {
  browser = await launchBrowser();
  // An organisation whose teams act on every outcome, so the queue holds many kinds of request.
  const requests = await everyOutcomeARequest();
  server = await ownServer({ env: { ...requests, SIGNPOST_ADMIN_TOKENS: TOKEN, SIGNPOST_RATE_LIMIT: '0' } });
  await server.start();
  seeded.alan = await seed('join', ['join', 'received', 'used', 'ordinary', 'yes', 'business_only', 'purchasing_card', 'before_2019_04'], 'Alan Turing', 'alan@example.edu');
  seeded.ada = await seed('join', ['join', 'not_received'], 'Ada Lovelace', 'ada@example.edu');
  seeded.grace = await seed('join', ['join', 'received', 'used', 'ordinary', 'yes', 'personal', 'none'], 'Grace Hopper', 'grace@example.edu');
  seeded.linus = await seed('buy_with_prime', ['link', 'has_account', 'professional'], 'Linus Pauling', 'linus@example.edu');
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Stores a confirmation through the API, as the wizard would, and returns its reference. */
async function seed(flow, answers, name, email) {
  const [{ version }] = server.rows(`SELECT version FROM flow_versions WHERE flow_id = '${flow}' ORDER BY first_seen DESC LIMIT 1`);
  const response = await fetch(`${server.url}/api/actions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({ flow, version, answers, name, email }),
  });
  const body = await response.text();
  assert.equal(response.status, 201, body);
  return JSON.parse(body).reference;
}

/** A fresh tab on the administrators' page, signed in. */
async function signedIn(query = '', options = {}) {
  const context = await browser.newContext({ acceptDownloads: true, ...options });
  const page = await context.newPage();
  await page.goto(`${server.url}/admin/${query}`);
  await page.getByTestId('admin-name').fill(ADMIN);
  await page.getByTestId('admin-token').fill(TOKEN);
  await page.getByTestId('sign-in').click();
  await page.getByTestId('total').waitFor();
  return page;
}

const rows = (page) => page.getByTestId('row');
const row = (page, reference) => page.locator(`[data-testid="row"][data-reference="${reference}"]`);

test('a wrong token is refused with a message, the right one opens the queue and stays out of the address bar', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const violations = await watchCspViolations(page);
  await page.goto(`${server.url}/admin`);
  await page.getByTestId('admin-name').fill(ADMIN);
  await page.getByTestId('admin-token').fill('not-the-token-at-all');
  await page.getByTestId('sign-in').click();
  await page.getByTestId('sign-in-problem').getByText('not accepted').waitFor();
  assert.equal(await rows(page).count(), 0);

  const reviews = [];
  page.on('request', (request) => { if (new URL(request.url()).pathname === '/api/admin/flows') reviews.push(request.url()); });
  await page.getByTestId('admin-token').fill(TOKEN);
  await page.getByTestId('sign-in').click();
  await page.getByTestId('total').getByText('4 requests match.').waitFor();
  await page.getByTestId('flows-view').getByTestId('flow-review').first().waitFor();
  assert.equal(await rows(page).count(), 4);
  assert.ok(!page.url().includes(TOKEN), page.url());
  // The review of the flows names the queue and fills the flows' section: read once.
  assert.equal(reviews.length, 1, reviews.join(', '));
  // Newest first.
  assert.equal(await rows(page).first().getAttribute('data-reference'), seeded.linus);

  // The tab keeps the session across a reload; signing out forgets it.
  await page.reload();
  await page.getByTestId('total').waitFor();
  await page.getByTestId('sign-out').click();
  await page.getByTestId('sign-in').waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.length), 0);
  await page.reload();
  await page.getByTestId('sign-in').waitFor();
  assert.deepEqual(violations, []);
  await context.close();
});

test('a token withdrawn while signed in signs the administrator out with a message', async () => {
  const page = await signedIn();
  await page.evaluate(() => {
    const session = JSON.parse(sessionStorage.getItem('signpost.admin'));
    sessionStorage.setItem('signpost.admin', JSON.stringify({ ...session, token: 'withdrawn-token-0123456789' }));
  });
  await page.reload();
  await page.getByTestId('sign-in-problem').getByText('no longer accepts your token').waitFor();
  await page.context().close();
});

test('filters narrow the queue and survive a reload', async () => {
  const page = await signedIn();
  await page.getByTestId('filter-flow').selectOption('buy_with_prime');
  await page.getByTestId('total').getByText('1 request matches.').waitFor();
  assert.equal(await rows(page).first().getAttribute('data-reference'), seeded.linus);
  assert.match(page.url(), /flow=buy_with_prime/);

  await page.reload();
  await page.getByTestId('total').getByText('1 request matches.').waitFor();
  assert.equal(await page.getByTestId('filter-flow').inputValue(), 'buy_with_prime');

  await page.getByTestId('clear-filters').click();
  await page.getByTestId('total').getByText('4 requests match.').waitFor();
  await page.getByTestId('filter-text').fill('GRACE@');
  await page.getByTestId('filter-text').press('Enter');
  await page.getByTestId('total').getByText('1 request matches.').waitFor();
  assert.equal(await rows(page).first().getAttribute('data-reference'), seeded.grace);

  await page.getByTestId('filter-text').fill('');
  await page.getByTestId('filter-text').press('Enter');
  await page.getByTestId('filter-status').selectOption('dismissed');
  await page.getByTestId('total').getByText('0 requests match.').waitFor();
  await page.context().close();
});

test('a status change shows at once, is stored under the administrator\'s name, and persists after a reload', async () => {
  const page = await signedIn();
  await row(page, seeded.ada).getByTestId('move-in_progress').click();
  await row(page, seeded.ada).getByTestId('status').getByText('In progress').waitFor();
  await page.getByTestId('status-notice').getByText(`${seeded.ada} is now In progress.`).waitFor({ state: 'attached' });
  const [stored] = server.rows(`SELECT status, status_changed_by FROM actions WHERE reference = '${seeded.ada}'`);
  assert.deepEqual(stored, { status: 'in_progress', status_changed_by: ADMIN });

  await page.reload();
  await row(page, seeded.ada).getByTestId('status').getByText('In progress').waitFor();
  await page.context().close();
});

test('a status change the server refuses is rolled back with a message', async () => {
  const page = await signedIn();
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/api/admin/actions/*', async (route) => {
    if (route.request().method() !== 'PATCH') return route.continue();
    await held;
    await route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unavailable', message: 'The database is busy.' } }) });
  });
  await row(page, seeded.grace).getByTestId('move-dismissed').click();
  // Shown at once, before the server has answered.
  await row(page, seeded.grace).getByTestId('status').getByText('Dismissed').waitFor();
  release();
  await row(page, seeded.grace).getByTestId('status').getByText('New').waitFor();
  await page.getByTestId('queue-problem').getByText(`${seeded.grace} is still New: The database is busy.`).waitFor();
  const [stored] = server.rows(`SELECT status FROM actions WHERE reference = '${seeded.grace}'`);
  assert.equal(stored.status, 'new');
  await page.context().close();
});

test('a row names its flags by what they mean', async () => {
  const page = await signedIn();
  const flags = await row(page, seeded.alan).locator('.flags li').allInnerTexts();
  assert.deepEqual(flags, ['Prime on the purchasing card, bought before April 2019 (needs a call to Customer Service)']);
  await page.context().close();
});

test('a row opens onto the answers as questions and the flow version walked', async () => {
  // Injecting axe needs the page's script policy set aside; the policy is checked above.
  const page = await signedIn('', { bypassCSP: true });
  await row(page, seeded.grace).getByTestId('open').click();
  const detail = page.getByTestId('detail');
  await detail.waitFor();
  const [{ flow_version: version }] = server.rows(`SELECT flow_version FROM actions WHERE reference = '${seeded.grace}'`);
  assert.equal(await detail.getByTestId('flow-version').innerText(), version);
  const answered = await detail.locator('dt, dd').allInnerTexts();
  assert.deepEqual(answered.slice(0, 4), [
    'What do you need help with?', 'Joining Example University\'s Amazon Business account',
    'Have you received your invitation email from business@amazon.com?', 'Yes, I have the invitation',
  ]);
  assert.deepEqual(await axeViolations(page, 'body'), []);
  await page.context().close();
});

test('the export downloads the current filter as CSV', async () => {
  const page = await signedIn('?flow=join');
  await page.getByTestId('total').getByText('3 requests match.').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
  const csv = readFileSync(await download.path(), 'utf8');
  const lines = parseCsv(csv);
  const header = lines[0];
  assert.ok(header.includes('reference') && header.includes('email'), header.join());
  const references = lines.slice(1).map((l) => l[header.indexOf('reference')]);
  assert.deepEqual(references.sort(), [seeded.alan, seeded.ada, seeded.grace].sort());
  await page.context().close();
});

test('the charts count outcomes and a walk left halfway; trainer mode adds nothing', async () => {
  const walkHalfway = async (query) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/?flow=join${query}`);
    await answer(page, 'join', 'received');
    await page.getByTestId('question-text').getByText('used your work email').waitFor();
    await page.goto('about:blank');
    return context;
  };
  const counted = () => server.rows('SELECT coalesce(sum(reached), 0) AS n FROM step_counts')[0].n;
  const contexts = [await walkHalfway('&mode=trainer'), await walkHalfway('')];
  for (let i = 0; i < 100 && counted() < 3; i++) await new Promise((r) => setTimeout(r, 100));
  assert.equal(counted(), 3);

  const page = await signedIn();
  const funnel = page.getByTestId('funnel-join-table');
  await funnel.waitFor({ state: 'attached' });
  const figures = await funnel.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  const reached = figures.filter(([, n]) => n !== '0');
  assert.equal(reached.length, 3, JSON.stringify(figures));
  assert.deepEqual(reached.map(([, n, left]) => [n, left]), [['1', '0'], ['1', '0'], ['1', '1']]);
  assert.match(await page.getByTestId('funnel-join-summary').innerText(), /^1 started, 0 reached an outcome/);

  const outcomes = await page.getByTestId('outcomes-chart-table').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.lastElementChild.textContent));
  assert.deepEqual(outcomes.map(Number).reduce((a, b) => a + b, 0), 4);
  assert.equal(await page.getByTestId('outcomes-chart').locator('svg rect').count(), 4);
  for (const context of contexts) await context.close();
  await page.context().close();
});

test('the employee\'s page loads none of the administrators\' code', async () => {
  const wasmOf = async (path) => {
    const html = await (await fetch(`${server.url}${path}`)).text();
    const href = html.match(/module_or_path: '([^']+\.wasm)'/)[1];
    return Buffer.from(await (await fetch(`${server.url}${href}`)).arrayBuffer()).toString('latin1');
  };
  assert.ok((await wasmOf('/admin/')).includes('Administrator token'));
  assert.ok(!(await wasmOf('/')).includes('Administrator token'));
});

test('the queue pages through many requests, fifty at a time', async () => {
  // Last, as it adds requests the other tests do not expect.
  for (let i = 0; i < 50; i++) await seed('join', ['join', 'not_received'], `Person ${i}`, `person${i}@example.edu`);
  const page = await signedIn();
  await page.getByTestId('total').getByText('54 requests match.').waitFor();
  assert.equal(await rows(page).count(), 50);
  await page.getByTestId('next-page').click();
  await page.getByTestId('page').getByText('Page 2 of 2').waitFor();
  await page.locator('[data-testid="queue"][aria-busy="false"]').waitFor();
  assert.equal(await rows(page).count(), 4);
  assert.equal(await rows(page).last().getAttribute('data-reference'), seeded.alan);
  assert.match(page.url(), /page=2/);
  await page.reload();
  await page.getByTestId('page').getByText('Page 2 of 2').waitFor();
  assert.ok(await page.getByTestId('next-page').isDisabled());
  await page.getByTestId('previous-page').click();
  await page.getByTestId('page').getByText('Page 1 of 2').waitFor();
  await page.context().close();
});

test('requests from one email for one action are marked as possible duplicates until one is closed', async () => {
  // After the paging test, whose count it would change.
  const first = await seed('join', ['join', 'not_received'], 'Marie Curie', 'marie@example.edu');
  const again = await seed('join', ['join', 'not_received'], 'Marie Skłodowska', 'Marie@Example.edu');
  const other = await seed('join', ['join', 'received', 'used', 'ordinary', 'yes', 'personal', 'none'], 'Marie Curie', 'marie@example.edu');
  const page = await signedIn();
  await row(page, again).getByTestId('possible-duplicate').getByText('Possible duplicate').waitFor();
  await row(page, first).getByTestId('possible-duplicate').waitFor();
  assert.equal(await row(page, other).getByTestId('possible-duplicate').count(), 0);
  assert.equal(await row(page, seeded.ada).getByTestId('possible-duplicate').count(), 0);
  await row(page, again).getByTestId('open').click();
  await page.getByTestId('duplicate-note').getByText('another open request from the last 30 days').waitFor();

  await row(page, first).getByTestId('move-dismissed').click();
  await row(page, again).getByTestId('status').waitFor();
  await page.waitForFunction((reference) => {
    const again = document.querySelector(`[data-testid="row"][data-reference="${reference}"]`);
    return again && !again.querySelector('[data-testid="possible-duplicate"]');
  }, again);
  assert.equal(await row(page, first).getByTestId('possible-duplicate').count(), 0);
  await page.context().close();
});

/** RFC 4180 CSV: quoted fields may hold commas, quotes (doubled) and line breaks. */
function parseCsv(text) {
  const lines = [];
  let line = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { line.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      line.push(field); lines.push(line); line = []; field = '';
    } else field += c;
  }
  if (field !== '' || line.length) { line.push(field); lines.push(line); }
  return lines;
}
