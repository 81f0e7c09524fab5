// The wizard embedded in an intranet page with embed.js (public/demo.html): it takes the page's
// theme, hides its own header, and its frame follows its height; only the frame itself, from
// the wizard's origin, can resize it, and the wizard tells its height to the host page only.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, answer, launchBrowser, watchCspViolations } from './support.mjs';

const OTHER_ORIGIN = 'http://other.test';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** Polls `check` until it returns a truthy value, or fails with `what` after `ms`. */
async function until(what, check, ms = 5000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The demo page with both embeds loaded, and the join embed's and the list embed's frames. */
async function openDemo(page) {
  await page.goto(`${BASE_URL}/demo.html`);
  // Handles, not locators: they keep pointing at the frame element when its address changes.
  const joinElement = await page.locator('iframe[src*="flow=join"]').elementHandle();
  const listElement = await page.locator('iframe:not([src*="flow="])').elementHandle();
  const join = await joinElement.contentFrame();
  const list = await listElement.contentFrame();
  await join.getByTestId('choice-join').waitFor();
  await list.getByTestId('start-join').waitFor();
  return { join, list, joinElement, listElement };
}

/** The frame element's height on the page, in CSS pixels. */
function frameHeight(element) {
  return element.evaluate((frame) => frame.getBoundingClientRect().height);
}

/** The height of the document inside a frame. */
function documentHeight(frame) {
  return frame.evaluate(() => document.documentElement.scrollHeight);
}

/** Waits until the frame element is as tall as its document, and returns that height. */
function fitted(element, frame) {
  return until('the frame to fit its document', async () => {
    const [outer, inner] = [await frameHeight(element), await documentHeight(frame)];
    return Math.abs(outer - inner) <= 2 && outer;
  });
}

/** Records, in the page, every message the page receives: its origin and height. */
function recordMessages(page) {
  return page.evaluate(() => {
    window.__messages = [];
    window.addEventListener('message', (event) => {
      window.__messages.push({ origin: event.origin, height: event.data?.height });
    });
  });
}

test('the join embed is themed, has no header of its own, and its frame grows with the flow', async () => {
  const page = await browser.newPage();
  const violations = await watchCspViolations(page);
  const { join, list, joinElement, listElement } = await openDemo(page);

  assert.equal(await joinElement.getAttribute('title'), "Amazon Business help: joining the university's account");
  assert.equal(await join.getByRole('banner').count(), 0, 'the app header is hidden in the frame');
  const theme = await join.evaluate(() => {
    const style = getComputedStyle(document.documentElement);
    return ['--sp-accent', '--sp-font', '--sp-radius'].map((name) => style.getPropertyValue(name).trim());
  });
  assert.deepEqual(theme, ['#7a1f5c', 'Georgia, serif', '4px']);
  const untouched = await list.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--sp-accent').trim());
  assert.equal(untouched, '#0b5cad', 'the list embed has no theme and keeps the default');

  const onQuestion = await fitted(joinElement, join);
  const listHeight = await fitted(listElement, list);
  await answer(join, 'join', 'not_received');
  await join.locator('[data-outcome]').waitFor();
  const onOutcome = await fitted(joinElement, join);
  assert.ok(onOutcome > onQuestion, `taller on the outcome (${onOutcome}px) than on the first question (${onQuestion}px)`);
  assert.equal(await fitted(listElement, list), listHeight, 'the other embed keeps its own height');

  assert.deepEqual(violations, []);
  await page.close();
});

test('the header the frame hides is there when the wizard is not embedded', async () => {
  const page = await browser.newPage();
  await page.goto(`${BASE_URL}/?flow=join`);
  await page.getByTestId('choice-join').waitFor();
  assert.equal(await page.getByRole('banner').count(), 1);
  await page.close();
});

test('a height message from the page itself or from the other embed does not resize the frame', async () => {
  const page = await browser.newPage();
  const { join, list, joinElement } = await openDemo(page);
  const height = await fitted(joinElement, join);
  await recordMessages(page);

  await page.evaluate(() => window.postMessage({ type: 'signpost:height', height: 5 }, '*'));
  await list.evaluate(() => window.parent.postMessage({ type: 'signpost:height', height: 7 }, '*'));
  // The recorder was added after embed.js's listeners, so when it has both messages, so have they.
  await until('both messages to arrive', () => page.evaluate(() => window.__messages.filter((m) => m.height < 10).length === 2));
  assert.equal(await frameHeight(joinElement), height);
  await page.close();
});

test('a height message from another origin, even from inside the frame, does not resize it', async () => {
  // The demo page's own policy allows frames from its origin only: bypassed here so the frame
  // can be sent to a page of another origin, as if it had been navigated away by someone else.
  const context = await browser.newContext({ bypassCSP: true });
  await context.route(`${OTHER_ORIGIN}/**`, (route) => route.fulfill({
    contentType: 'text/html',
    body: '<script>parent.postMessage({ type: "signpost:height", height: 5 }, "*")</script>',
  }));
  const page = await context.newPage();
  const { join, joinElement } = await openDemo(page);
  const height = await fitted(joinElement, join);
  await recordMessages(page);

  await joinElement.evaluate((frame, url) => { frame.src = url; }, `${OTHER_ORIGIN}/evil.html`);
  await until('the message from the other origin', () => page.evaluate((o) => window.__messages.some((m) => m.origin === o), OTHER_ORIGIN));
  assert.equal(await frameHeight(joinElement), height);
  await context.close();
});

test('the wizard sends its height only to the origin named as its host', async () => {
  const page = await browser.newPage();
  const refused = new Promise((resolve) => {
    page.on('console', (message) => {
      if (message.text().includes(`target origin provided ('${OTHER_ORIGIN}')`)) resolve(message.text());
    });
  });
  await openDemo(page);
  await recordMessages(page);
  const frame = await page.evaluate((host) => {
    const frame = document.createElement('iframe');
    frame.src = `/?flow=join&embed=1&host=${encodeURIComponent(host)}`;
    document.body.append(frame);
    window.__stranger = frame;
    window.addEventListener('message', (event) => {
      if (event.source === frame.contentWindow) window.__fromStranger = true;
    });
    return frame.src;
  }, OTHER_ORIGIN);
  assert.match(frame, /host=http%3A%2F%2Fother\.test/);
  const stranger = await (await page.locator('iframe[src*="other.test"]').elementHandle()).contentFrame();
  await stranger.getByTestId('choice-join').waitFor();
  // Chromium reports each post it refused to deliver; the wizard posts as soon as it observes.
  await until('the browser to refuse the post', () => Promise.race([refused, new Promise((r) => setTimeout(r, 50, false))]));
  assert.equal(await page.evaluate(() => window.__fromStranger ?? false), false);
  await page.close();
});

test('data-lang chooses the embedded wizard\'s language, whatever the browser\'s', async () => {
  // A page that embeds the join flow in Spanish, in a browser that prefers English.
  const context = await browser.newContext();
  await context.route(`${BASE_URL}/compras.html`, (route) => route.fulfill({
    contentType: 'text/html',
    body: '<!DOCTYPE html><title>Compras</title><body><script src="/embed.js" data-flow="join" data-lang="es"></script></body>',
  }));
  const page = await context.newPage();
  await page.goto(`${BASE_URL}/compras.html`);
  const element = await page.locator('iframe').elementHandle();
  assert.match(await element.getAttribute('src'), /[?&]lang=es(&|$)/);
  const frame = await element.contentFrame();
  await frame.getByTestId('choice-join').waitFor();
  assert.equal(await frame.evaluate(() => document.documentElement.lang), 'es');
  await context.close();
});

test('data-to opens the embedded wizard at a step by its id', async () => {
  const context = await browser.newContext();
  await context.route(`${BASE_URL}/separate.html`, (route) => route.fulfill({
    contentType: 'text/html',
    body: '<!DOCTYPE html><title>Keep accounts apart</title><body><script src="/embed.js" data-flow="join" data-to="separate"></script></body>',
  }));
  const page = await context.newPage();
  await page.goto(`${BASE_URL}/separate.html`);
  const element = await page.locator('iframe').elementHandle();
  assert.match(await element.getAttribute('src'), /[?&]to=separate(&|$)/);
  const frame = await element.contentFrame();
  await frame.locator('[data-testid="outcome"][data-outcome="separate"]').waitFor();
  await context.close();
});
