// The question the server draws into the page: readable before the app's code arrives,
// followed as links where the code never runs, and replaced by the app without moving anything.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launchBrowser } from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const FIRST = '#signpost-first';

/** A page in a fresh context without JavaScript, so only what the server drew shows. */
async function withoutCode(options = {}) {
  const context = await browser.newContext({ javaScriptEnabled: false, ...options });
  return { context, page: await context.newPage() };
}

test('without its code, the page shows the question the address stands at, and its choices lead on', async () => {
  const { context, page } = await withoutCode();
  try {
    await page.goto(`${BASE_URL}/?flow=join`);
    const first = page.locator(FIRST);
    assert.equal(await first.locator('h1').textContent(), 'What do you need help with?');
    assert.equal(await first.locator('.progress').textContent(), 'Question 1 · at most 8 more');
    assert.equal(await first.locator('.brand').textContent(), 'Example University: Amazon Business help');
    assert.equal(await first.locator('[aria-current="true"]').textContent(), 'English');

    await first.getByRole('link', { name: "Joining Example University's Amazon Business account" }).click();
    assert.match(page.url(), /[?&]flow=join&answers=join$/);
    assert.match(await page.locator(`${FIRST} h1`).textContent(), /^Have you received your invitation email/);
    await page.locator(FIRST).getByRole('link', { name: /^Yes/ }).first().click();
    assert.match(page.url(), /answers=join\/received$/);
    assert.equal(await page.locator(`${FIRST} .progress`).textContent(), 'Question 3 · at most 6 more');

    // The language links keep the step; the page then speaks Spanish, tagged as such.
    await page.locator(FIRST).getByRole('link', { name: 'Español' }).click();
    assert.match(page.url(), /answers=join\/received&lang=es$/);
    assert.equal(await page.locator('html').getAttribute('lang'), 'es');
    assert.match(await page.locator(`${FIRST} .progress`).textContent(), /^Pregunta 3 · como mucho 6 más$/);
    assert.equal(await page.locator(`${FIRST} [aria-current="true"]`).textContent(), 'Español');

    // Where the app alone can draw the step, the server draws nothing: an outcome, stale answers.
    for (const path of ['?flow=join&answers=who_invited', '?flow=join&answers=no_such_answer', '?flow=join&mode=trainer']) {
      await page.goto(`${BASE_URL}/${path}`);
      assert.equal(await page.locator(FIRST).count(), 0, path);
    }
  } finally {
    await context.close();
  }
});

test('without its code, the list of flows shows every flow, each leading to its first question', async () => {
  const { context, page } = await withoutCode();
  try {
    await page.goto(`${BASE_URL}/?lang=es`);
    const first = page.locator(FIRST);
    assert.equal(await first.locator('h1').textContent(), '¿Qué necesitas hacer?');
    assert.equal(await first.locator('.flow-card').count(), 4);
    assert.match(await first.locator('.flow-card .topics').first().textContent(), /^Temas: /);
    assert.equal(await first.locator('#search').getAttribute('aria-describedby'), 'search-help');
    // A classroom code sent before the app comes keeps the language.
    assert.equal(await first.locator('.join-room input[name="lang"]').getAttribute('value'), 'es');

    await first.locator('.flow-card').first().getByRole('link', { name: 'Empezar' }).click();
    assert.match(page.url(), /\?lang=es&flow=join$/);
    assert.equal(await page.locator(`${FIRST} h1`).textContent(), '¿Con qué necesitas ayuda?');
  } finally {
    await context.close();
  }
});

test('the first screen speaks the browser\'s language, and inside an intranet frame has no masthead', async () => {
  const { context, page } = await withoutCode({ locale: 'es-ES' });
  try {
    await page.goto(`${BASE_URL}/?flow=join&embed=1`);
    const first = page.locator(FIRST);
    assert.equal(await first.locator('h1').textContent(), '¿Con qué necesitas ayuda?');
    assert.equal(await first.locator('.masthead').count(), 0);
    assert.equal(await first.locator('main > .languages [aria-current="true"]').textContent(), 'Español');
    // Links keep the page's own parameters.
    assert.match(await first.locator('.choice').first().getAttribute('href'), /embed=1.*&answers=/);
  } finally {
    await context.close();
  }
});

/** Where each thing the server draws stands, in its first screen and then in the app's. */
const PLACES = {
  heading: ['#signpost-first h1', 'h1'],
  choice: ['#signpost-first .choice', '.choice'],
  search: ['#signpost-first #search', '#search'],
  start: ['#signpost-first .flow-card .primary', '.flow-card .primary'],
  room: ['#signpost-first #room-code-input', '#room-code-input'],
};

/** Holds the wasm of each page `page` opens until the returned function is called. */
async function holdWasm(page) {
  let held = [];
  let open = false;
  await page.route(/_bg\.wasm$/, async (route) => {
    if (!open) await new Promise((go) => held.push(go));
    await route.continue();
  });
  return {
    hold: () => { open = false; },
    release: () => { open = true; held.forEach((go) => go()); held = []; },
  };
}

test('the app takes the first screen\'s place where it stood: nothing moves', async () => {
  const context = await browser.newContext();
  try {
    await context.addInitScript((places) => {
      window.__shifts = [];
      new PerformanceObserver((list) => window.__shifts.push(...list.getEntries().map((e) => e.value)))
        .observe({ type: 'layout-shift', buffered: true });
      // The first frame waits for the stylesheet, so it shows the page as first drawn.
      document.addEventListener('readystatechange', () => {
        if (document.readyState !== 'interactive') return;
        const rect = (selector) => JSON.stringify(document.querySelector(selector)?.getBoundingClientRect());
        requestAnimationFrame(() => {
          window.__drawn = Object.fromEntries(Object.entries(places).map(([name, [first]]) => [name, rect(first)]));
        });
      });
    }, PLACES);
    const page = await context.newPage();
    // The wasm waits until the server's page has been drawn and measured: from the cache, or
    // on a fast machine, it could otherwise arrive before the first frame.
    const wasm = await holdWasm(page);
    const pages = [
      ['?flow=join', 'question-text', ['heading', 'choice']],
      ['?flow=join&answers=join/received&lang=es', 'question-text', ['heading', 'choice']],
      ['', 'search', ['heading', 'search', 'start', 'room']],
      ['?lang=es&embed=1', 'search', ['heading', 'search', 'start', 'room']],
    ];
    for (const [path, ready, names] of pages) {
      wasm.hold();
      await page.goto(`${BASE_URL}/${path}`, { waitUntil: 'commit' });
      await page.waitForFunction(() => window.__drawn);
      wasm.release();
      await page.getByTestId(ready).waitFor();
      const drawn = await page.evaluate(() => window.__drawn);
      assert.equal(await page.locator(FIRST).count(), 0, `${path}: the first screen is still there`);
      assert.equal(await page.locator('h1').count(), 1);
      const now = await page.evaluate((places) => Object.fromEntries(Object.entries(places)
        .map(([name, [, own]]) => [name, JSON.stringify(document.querySelector(own)?.getBoundingClientRect())])), PLACES);
      for (const name of names) {
        assert.notEqual(drawn[name], undefined, `${path}: the server drew no ${name}`);
        assert.equal(now[name], drawn[name], `${path}: the ${name} moved`);
      }
      // Let a late layout shift be reported before reading them.
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      assert.deepEqual(await page.evaluate(() => window.__shifts), [], `${path}: layout shifts`);
    }
  } finally {
    await context.close();
  }
});

test('what a person types into the list\'s search before the app comes is searched, the box kept in focus', async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const wasm = await holdWasm(page);
    await page.goto(`${BASE_URL}/`);
    await page.locator(`${FIRST} #search`).fill('password');
    wasm.release();
    await page.getByTestId('search-result').first().waitFor();
    assert.equal(await page.getByTestId('search').inputValue(), 'password');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'search');
    assert.match(await page.getByTestId('search-status').textContent(), /result/);
  } finally {
    await context.close();
  }
});
