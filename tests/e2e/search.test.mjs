// Finding a topic from the start page: the search box finds it in the page's language, despite
// typos, by the words people use; a result opens its flow at the first question, marking the
// answers that lead to what was found; the cards name their topics; and axe finds nothing
// wrong with any of it.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, answer, axeViolations, launchBrowser, route } from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** The start page in `lang`, with `query` typed into the search box once it shows. */
async function searchFor(query, { lang = 'en', page } = {}) {
  page ??= await browser.newPage();
  await page.goto(`${BASE_URL}/${lang === 'en' ? '' : `?lang=${lang}`}`);
  await page.getByTestId('search').fill(query);
  await searched(page);
  return page;
}

/** Waits until the status says what the search found (`said`: a count, or that it found nothing). */
function searched(page, said = /\d|^No/) {
  return page.waitForFunction(
    (said) => new RegExp(said).test(document.querySelector('[data-testid="search-status"]').textContent),
    said.source,
  );
}

/** The results listed, as `title | flow` lines. */
async function results(page) {
  return page.getByTestId('search-result').allInnerTexts().then((texts) => texts.map((t) => t.replace(/\s*\n+\s*/g, ' | ').trim()));
}

/** The hints on the step shown, by the test id of the answer they sit on. */
async function hints(page) {
  await page.getByTestId('question-text').waitFor();
  return page.getByTestId('toward').evaluateAll((hints) =>
    hints.map((h) => `${h.closest('[data-testid]:not([data-testid="toward"])')?.dataset.testid}: ${h.textContent.trim()}`));
}

test('the cards name their topics, in the page\'s language', async () => {
  const page = await browser.newPage();
  await page.goto(`${BASE_URL}/`);
  const join = await page.getByTestId('topics-join').innerText();
  assert.match(join, /^Topics: .*buying personal things/);
  assert.match(join, /who sent my invitation/);
  assert.match(await page.getByTestId('topics-buy_with_prime').innerText(), /stopping Buy with Prime/);
  await page.goto(`${BASE_URL}/?lang=es`);
  assert.match(await page.getByTestId('topics-join').innerText(), /^Temas: .*comprar cosas personales/);
  await page.close();
});

test('the page does not bring the search index; the first search reads it, once', async () => {
  const page = await browser.newPage();
  const asked = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/search-index')) asked.push(new URL(request.url()).search);
  });
  await page.goto(`${BASE_URL}/`);
  await page.getByTestId('start-join').waitFor();
  await page.waitForLoadState('networkidle');
  assert.deepEqual(asked, []);
  await page.getByTestId('search').fill('prime');
  await page.getByTestId('search-result').first().waitFor();
  await page.getByTestId('search').fill('prime refund');
  await page.getByTestId('search-result').first().getByText('When was that Prime membership bought?').waitFor();
  assert.deepEqual(asked, ['?lang=en']);
  await page.close();
});

test('"stop buy with prime" finds unlinking, which opens at the first question with its answer marked', async () => {
  const page = await searchFor('stop buy with prime');
  const [first] = await results(page);
  assert.equal(first, 'Unlink your Seller Central account | Link Seller Central to Buy with Prime');
  assert.match(await page.getByTestId('search-status').innerText(), /^\d+ results?$/);
  await page.getByTestId('search-result').first().click();
  await page.getByTestId('question-text').getByText('What do you want to do?').waitFor();
  assert.equal(route(page), '?flow=buy_with_prime&toward=request_unlink');
  assert.deepEqual(await hints(page), ['choice-unlink: ➜ Leads to: Unlink your Seller Central account']);
  // The address holds the goal: a reload keeps it.
  await page.reload();
  assert.deepEqual(await hints(page), ['choice-unlink: ➜ Leads to: Unlink your Seller Central account']);
  await answer(page, 'unlink');
  await page.locator('[data-outcome="request_unlink"]').waitFor();
  assert.equal(route(page), '?flow=buy_with_prime&answers=unlink&toward=request_unlink');
  await page.close();
});

test('every question on the way marks the answers that still lead there, and none once none does', async () => {
  const page = await searchFor('TV');
  assert.deepEqual(await results(page), ['Keep your personal account apart | Join Example University\'s Amazon Business account']);
  await page.getByTestId('search-result').click();
  assert.deepEqual(await hints(page), ['choice-join: ➜ Leads to: Keep your personal account apart']);
  await answer(page, 'join');
  await page.getByTestId('question-text').getByText('invitation email').waitFor();
  assert.deepEqual(await hints(page), ['choice-received: ➜ Leads to: Keep your personal account apart']);
  await answer(page, 'received');
  await page.getByTestId('question-text').getByText('work email').waitFor();
  assert.deepEqual(await hints(page), [
    'choice-used: ➜ Leads to: Keep your personal account apart',
    'choice-not_sure: ➜ Leads to: Keep your personal account apart',
  ]);
  await answer(page, 'used', 'separate_business');
  await page.getByTestId('question-text').getByText('deregister').waitFor();
  assert.deepEqual(await hints(page), [], 'that account can no longer be kept apart from here');
  // Back, the marks return; "Start over" keeps heading there, another flow does not.
  await page.getByTestId('back').click();
  await page.getByTestId('choice-separate_business').waitFor();
  assert.deepEqual(await hints(page), ['choice-ordinary: ➜ Leads to: Keep your personal account apart']);
  await page.getByTestId('start-over').click();
  await page.getByTestId('choice-join').getByTestId('toward').waitFor();
  await page.getByTestId('back').click();
  await page.getByTestId('start-recover_access').click();
  await page.getByTestId('question-text').getByText('What happened?').waitFor();
  assert.deepEqual(await hints(page), []);
  assert.equal(route(page), '?flow=recover_access');
  await page.close();
});

test('a typo still finds its topic', async () => {
  const page = await searchFor('pasword');
  const found = await results(page);
  assert.ok(found.includes('Reset your password | Recover access to an Amazon account'), found.join('\n'));
  await page.getByTestId('search-result').filter({ hasText: 'Reset your password' }).filter({ hasText: 'Recover access' }).click();
  assert.deepEqual(await hints(page), ['choice-forgot_password: ➜ Leads to: Reset your password']);
  await answer(page, 'forgot_password');
  await page.locator('[data-outcome="reset_password"]').waitFor();
  await page.close();
});

test('"who sent the invitation" finds the join flow\'s answer', async () => {
  const page = await searchFor('who sent the invitation');
  const [first] = await results(page);
  assert.equal(first, 'Find who invited you | Join Example University\'s Amazon Business account');
  await page.getByTestId('search-result').first().click();
  assert.deepEqual(await hints(page), ['choice-who_invited: ➜ Leads to: Find who invited you']);
  await page.close();
});

test('in Spanish the search finds Spanish words, accents or not, and says so in Spanish', async () => {
  const page = await searchFor('cancelar', { lang: 'es' });
  const [first] = await results(page);
  assert.equal(first, 'Desvincula tu cuenta de Seller Central | Vincular Seller Central con Buy with Prime');
  assert.match(await page.getByTestId('search-status').innerText(), /^\d+ resultados?$/);
  await page.getByTestId('search').fill('contrasena');
  await page.getByTestId('search-result').filter({ hasText: 'Restablece tu contraseña' }).waitFor();
  await page.getByTestId('search').fill('cancelar');
  await page.getByTestId('search-result').first().click();
  assert.deepEqual(await hints(page), ['choice-unlink: ➜ Lleva a: Desvincula tu cuenta de Seller Central']);
  assert.equal(route(page), '?flow=buy_with_prime&toward=request_unlink&lang=es');
  await page.close();
});

test('words that find nothing say so, and point to the tasks below', async () => {
  const page = await searchFor('zzzz qqqq');
  assert.equal(await page.getByTestId('search-result').count(), 0);
  assert.equal(await page.getByTestId('search-status').innerText(), 'No results: try other words or pick a task below.');
  await page.getByTestId('search').fill('');
  await page.waitForFunction(() => document.querySelector('[data-testid="search-status"]').textContent === '');
  await page.close();
});

test('a checklist marks the item whose no leads where the search pointed', async () => {
  const page = await searchFor('verify business address');
  assert.equal((await results(page))[0], 'Update and verify the business information on both accounts | Link two seller accounts');
  await page.getByTestId('search-result').first().click();
  await page.getByTestId('question-text').getByText('Is each of these true').waitFor();
  const hint = page.getByTestId('toward');
  assert.equal(await hint.count(), 1);
  assert.equal((await hint.innerText()).trim(), '➜ If this is your first no, it leads to: Update and verify the business information on both accounts');
  assert.ok(await page.locator('.check-item', { hasText: 'verified business information' }).getByTestId('toward').isVisible());
  await page.close();
});

test('the search can be used with the keyboard alone', async () => {
  const page = await browser.newPage();
  await page.goto(`${BASE_URL}/`);
  await page.getByTestId('start-join').waitFor();
  for (let i = 0; i < 20 && !(await page.evaluate(() => document.activeElement?.dataset?.testid === 'search')); i++) {
    await page.keyboard.press('Tab');
  }
  await page.keyboard.type('personal purchases');
  await page.getByTestId('search-result').first().waitFor();
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset?.testid), 'search-result', 'Enter moves to the first result');
  await page.keyboard.press('Enter');
  await page.getByTestId('question-text').getByText('What do you need help with?').waitFor();
  // Focus moves to the question, as after any move.
  await page.waitForFunction(() => document.activeElement?.dataset?.testid === 'question-text');
  assert.equal(route(page), '?flow=join&toward=personal_use');
  await page.close();
});

test('axe-core finds no violation on the start page with results showing, nor on the marked answers, in both languages', async () => {
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  const found = [];
  for (const [lang, query, result] of [['en', 'prime', 'Unlink'], ['es', 'prime', 'Desvincula']]) {
    await searchFor(query, { lang, page });
    await page.getByTestId('search-result').first().waitFor();
    found.push(...(await axeViolations(page, 'body')).map((v) => `${lang} results: ${v}`));
    await page.getByTestId('search').fill('zzzz');
    await searched(page, /^No/);
    found.push(...(await axeViolations(page, 'body')).map((v) => `${lang} no results: ${v}`));
    await page.getByTestId('search').fill(query);
    await page.getByTestId('search-result').filter({ hasText: result }).first().click();
    await page.getByTestId('toward').first().waitFor();
    found.push(...(await axeViolations(page, 'body')).map((v) => `${lang} marked question: ${v}`));
    await page.goto(`${BASE_URL}/?flow=link_sellers&toward=update_business_info&lang=${lang}`);
    await page.getByTestId('toward').waitFor();
    found.push(...(await axeViolations(page, 'body')).map((v) => `${lang} marked checklist: ${v}`));
  }
  assert.deepEqual(found, []);
  await context.close();
});
