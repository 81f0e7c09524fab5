// Trainer mode: the diagram and the map jump anywhere, shortcuts drive the wizard, and a dry run shows the
// request without sending it.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launchBrowser, queryRows, route } from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('number keys choose, Backspace goes back, R restarts, ? lists the shortcuts', async () => {
  const page = await browser.newPage();
  await page.goto(`${BASE_URL}/?flow=join&mode=trainer`);
  await page.getByTestId('trainer').waitFor();
  await page.keyboard.press('1');
  await page.getByTestId('question-text').getByText('invitation email').waitFor();
  await page.keyboard.press('2');
  await page.locator('[data-outcome="request_invitation"]').waitFor();
  await page.keyboard.press('Backspace');
  await page.getByTestId('question-text').getByText('invitation email').waitFor();
  assert.equal(route(page), '?flow=join&answers=join&mode=trainer');
  await page.keyboard.press('r');
  await page.getByTestId('question-text').getByText('What do you need help with?').waitFor();
  await page.keyboard.press('?');
  await page.getByTestId('shortcuts-help').waitFor();
  await page.getByTestId('large-text').click();
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('large-text')), true);
  await page.close();
});

test('the map jumps to any node by its shortest path and says why the wizard is there', async () => {
  const page = await browser.newPage();
  await page.goto(`${BASE_URL}/?flow=join&mode=trainer`);
  await page.getByTestId('map-separate').click();
  await page.locator('[data-outcome="separate"]').waitFor();
  assert.equal(route(page), '?flow=join&answers=join/received/used/ordinary/yes/business_only/personal_card&mode=trainer');
  assert.equal(await page.getByTestId('map-separate').getAttribute('aria-current'), 'step');
  const why = await page.getByTestId('why').innerText();
  assert.match(why, /Do you pay for an individual Prime membership on that account\?\s*→\s*Yes, paid with my personal card/);
  await page.close();
});

test('the diagram draws every node with its arrows, lights the walked path, and each box jumps there', async () => {
  const page = await browser.newPage();
  await page.goto(`${BASE_URL}/?flow=join&answers=join/received&mode=trainer`);
  const diagram = page.getByTestId('diagram');
  await diagram.waitFor();
  const boxes = diagram.locator('[role="link"][data-testid^="diagram-"]');
  const listed = await page.getByTestId('trainer-map').locator('[data-testid^="map-"]').count();
  assert.equal(await boxes.count(), listed, 'one box per node of the flow');
  assert.ok(await diagram.locator('.arrows path').count() >= listed - 1, 'an arrow into every node but the start');
  // The walk so far: two answers, so two arrows lit, and the box it stands at is current.
  assert.equal(await diagram.locator('.arrows path.lit').count(), 2);
  assert.equal(await page.getByTestId('diagram-used_work_email').getAttribute('aria-current'), 'step');
  assert.match(await page.getByTestId('diagram-used_work_email').textContent(), /^Question\s*Have you ever used yo…$/);
  await page.getByTestId('diagram-separate').click();
  await page.locator('[data-outcome="separate"]').waitFor();
  assert.equal(route(page), '?flow=join&answers=join/received/used/ordinary/yes/business_only/personal_card&mode=trainer');
  assert.equal(await page.getByTestId('diagram-separate').getAttribute('aria-current'), 'step');
  assert.equal(await diagram.locator('.arrows path.lit').count(), 7);
  // The keyboard follows a box too.
  await page.getByTestId('diagram-invitation').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('question-text').getByText('invitation email').waitFor();
  await page.close();
});

test('a dry run shows the exact request and stores nothing', async () => {
  const page = await browser.newPage();
  await page.goto(`${BASE_URL}/?flow=join&answers=join/not_received&mode=trainer`);
  await page.getByTestId('confirm-name').fill('Trainer Demo');
  await page.getByTestId('confirm-email').fill('demo@example.edu');
  await page.getByTestId('confirm').click();
  const request = await page.getByTestId('dry-run').innerText();
  assert.match(request, /POST \/api\/actions/);
  assert.match(request, /Idempotency-Key: [0-9a-f-]{36}/);
  assert.match(request, /"answers": \[\s*"join",\s*"not_received"\s*\]/);
  await new Promise((r) => setTimeout(r, 1000));
  assert.deepEqual(queryRows("SELECT reference FROM actions WHERE name = 'Trainer Demo'"), []);
  assert.equal(await page.getByTestId('reference').count(), 0);
  await page.close();
});
