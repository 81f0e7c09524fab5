// Classroom sessions: a trainer leads three attendees through a flow, asks the room a question and
// reveals its counts; an attendee explores on their own and rejoins, a reload rejoins, a wrong
// trainer token moves nothing, and ending the session ends it for everyone.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { BASE_URL, answer, axeViolations, launchBrowser, ownServer, watchCspViolations } from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** The answers in a page's address, as the room's state names them. */
function answersOf(page) {
  const answers = new URL(page.url()).searchParams.get('answers');
  return answers ? answers.split('/') : [];
}

/** Waits until `page` shows the question with this text. */
async function shows(page, text) {
  await page.getByTestId('question-text').getByText(text).waitFor();
}

/** A trainer's page in a room of its own on the join flow, and the room's code and link. */
async function startRoom(base = BASE_URL) {
  // A projector's screen.
  const trainer = await (await browser.newContext({ viewport: { width: 1280, height: 960 } })).newPage();
  await trainer.goto(`${base}/?flow=join&mode=trainer`);
  await trainer.getByTestId('start-room').click();
  const code = (await trainer.getByTestId('room-code').innerText()).trim();
  const link = await trainer.getByTestId('room-link').getAttribute('href');
  return { trainer, code, link };
}

/** An attendee in a browser context of their own (their own tab storage), in `lang`. */
async function attendee(link, { lang = 'en-US', width } = {}) {
  const context = await browser.newContext({
    locale: lang,
    ...(width ? { viewport: { width, height: 800 }, isMobile: true } : {}),
  });
  const page = await context.newPage();
  await page.goto(link);
  await page.getByTestId('room-status').waitFor();
  return page;
}

/**
 * Three moves (two answers and Back), each followed by every attendee; then the room is asked
 * with its counts hidden, the attendees answer "received" but the last, and the counts, once
 * revealed, match on every screen.
 */
async function walkAndPoll(trainer, attendees) {
  const moves = [
    () => answer(trainer, 'join'),
    () => answer(trainer, 'received'),
    () => trainer.getByTestId('back').click(),
  ];
  for (const move of moves) {
    await move();
    const expected = answersOf(trainer);
    for (const page of attendees) {
      await page.waitForFunction((want) => {
        const got = new URLSearchParams(location.search).get('answers');
        return (got ? got.split('/') : []).join('/') === want.join('/');
      }, expected);
    }
  }
  await trainer.getByTestId('hide-counts').check();
  await trainer.getByTestId('ask-room').click();
  await trainer.getByTestId('room-poll').waitFor();
  for (const [i, page] of attendees.entries()) {
    await page.getByTestId(`room-choice-${i === attendees.length - 1 ? 'not_received' : 'received'}`).click();
    await page.getByTestId('room-answer-sent').waitFor();
  }
  await trainer.getByTestId('room-answered').getByText(`${attendees.length} answers so far`).waitFor();
  assert.equal(await trainer.getByTestId('room-counts').count(), 0, 'the counts are hidden');
  assert.equal(await attendees[0].getByTestId('room-counts').count(), 0);
  await trainer.getByTestId('reveal').click();
  for (const page of [trainer, ...attendees]) {
    await page.getByTestId('room-counts').waitFor();
    assert.equal(await page.getByTestId('count-received').getAttribute('data-count'), String(attendees.length - 1));
    assert.equal(await page.getByTestId('count-not_received').getAttribute('data-count'), '1');
  }
}

test('a room: three attendees follow every move, answer the room, explore, reload, and the session ends', async () => {
  const { trainer, code, link } = await startRoom();
  assert.match(code, /^[ACDEFGHJKMNPQRTUVWXY34679]{6}$/);
  assert.equal(new URL(link).searchParams.get('room'), code);
  const qrWidth = await trainer.getByTestId('room-qr').evaluate(async (img) => {
    await img.decode();
    return img.naturalWidth;
  });
  assert.ok(qrWidth > 0, 'the QR code is drawn');

  const attendees = [
    await attendee(link),
    await attendee(link, { lang: 'es-ES' }),
    await attendee(link, { width: 390 }),
  ];
  const csp = await Promise.all(attendees.map(watchCspViolations));
  for (const page of attendees) await shows(page, page === attendees[1] ? '¿Con qué necesitas ayuda?' : 'What do you need help with?');
  await trainer.getByTestId('room-attendees').getByText('3 people have joined').waitFor();

  await walkAndPoll(trainer, attendees);
  await shows(attendees[0], 'invitation email');
  await attendees[0].getByTestId('room-status').getByText('You are following the trainer.').waitFor();
  await attendees[1].getByTestId('room-status').getByText('Estás siguiendo al formador.').waitFor();
  assert.match(await trainer.getByTestId('count-received').innerText(), /: 2 \(67 %\)/);
  await screenshot(trainer, 'classroom-trainer-counts.png', { fullPage: false });
  await screenshot(attendees[2], 'classroom-attendee-phone.png');
  // An attendee answers once per question.
  const again = await attendees[0].evaluate(async ([room]) => {
    const body = { attendee: sessionStorage.getItem('signpost-attendee'), node: 'invitation', choice: 'not_received' };
    const response = await fetch(`/api/rooms/${room}/answers`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    return response.status;
  }, [code]);
  assert.equal(again, 409);

  // One attendee explores on their own: the trainer's next move does not take them along.
  const explorer = attendees[0];
  await explorer.getByTestId('explore').click();
  await explorer.getByTestId('room-status').getByText('You are exploring on your own.').waitFor();
  await answer(explorer, 'not_received');
  await explorer.locator('[data-outcome="request_invitation"]').waitFor();
  await answer(trainer, 'received');
  await shows(attendees[1], '¿Alguna vez usaste');
  assert.deepEqual(answersOf(explorer), ['join', 'not_received']);
  await explorer.getByTestId('follow-again').click();
  await shows(explorer, 'Have you ever used');
  assert.deepEqual(answersOf(explorer), ['join', 'received']);

  // A reload rejoins where the room is, even after wandering off.
  const reloaded = attendees[2];
  await answer(reloaded, 'used');
  await reloaded.reload();
  await shows(reloaded, 'Have you ever used');
  await reloaded.getByTestId('room-status').getByText('You are following the trainer.').waitFor();
  await trainer.getByTestId('room-attendees').getByText('3 people have joined').waitFor();

  // A wrong trainer token moves nothing.
  const refused = await explorer.evaluate(async ([room]) => {
    const response = await fetch(`/api/rooms/${room}/moves`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not-the-token' },
      body: JSON.stringify({ flow: 'join', version: 'x', answers: [] }),
    });
    const state = await (await fetch(`/api/rooms/${room}`)).json();
    return { status: response.status, answers: state.answers };
  }, [code]);
  assert.equal(refused.status, 403);
  assert.deepEqual(refused.answers, ['join', 'received']);

  // Accessible as the wizard is.
  for (const page of [attendees[0], attendees[1]]) {
    assert.deepEqual(await axeViolations(page, 'body'), []);
  }
  assert.deepEqual(await axeViolations(trainer, '[data-testid="classroom"]'), []);

  // Ending the session ends it for everyone.
  await trainer.getByTestId('end-room').click();
  await trainer.getByTestId('room-ended').waitFor();
  await attendees[0].getByTestId('room-status').getByText('The classroom session has ended.').waitFor();
  await attendees[1].getByTestId('room-status').getByText('La sesión de clase ha terminado.').waitFor();
  await attendees[2].getByTestId('room-status').getByText('The classroom session has ended.').waitFor();
  for (const violations of csp) assert.deepEqual(violations, []);
  for (const page of [trainer, ...attendees]) await page.context().close();
});

test('an attendee joins by typing the code on the home page, and a confirmation there sends nothing', async () => {
  const { trainer, code } = await startRoom();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${BASE_URL}/`);
  await page.getByTestId('room-code-input').fill(code.toLowerCase());
  await page.getByTestId('room-code-input').press('Enter');
  await page.getByTestId('room-status').getByText('You are following the trainer.').waitFor();
  await answer(trainer, 'join', 'not_received');
  await page.locator('[data-outcome="request_invitation"]').waitFor();
  await page.getByTestId('confirm-name').fill('Ada Lovelace');
  await page.getByTestId('confirm-email').fill('ada@example.edu');
  await page.getByTestId('confirm').click();
  await page.getByTestId('dry-run').waitFor();
  await trainer.context().close();
  await context.close();
});

test('a code that names no room says so', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${BASE_URL}/?room=QQQQQQ`);
  await page.getByTestId('room-refused').waitFor();
  await context.close();
});

// scripts/test names a PostgreSQL database for this test: two instances share it, as behind a
// load balancer.
const postgres = process.env.SIGNPOST_E2E_POSTGRES_URL;
test('on PostgreSQL, attendees on another instance than the trainer\'s follow the same room', {
  skip: !postgres && 'SIGNPOST_E2E_POSTGRES_URL is not set (scripts/test sets it where PostgreSQL is installed)',
}, async () => {
  const instances = [ownServer({ databaseUrl: postgres }), ownServer({ databaseUrl: postgres })];
  const [one, other] = await Promise.all(instances);
  await one.start();
  await other.start();
  const { trainer, code } = await startRoom(one.url);
  const attendees = [await attendee(`${other.url}/?room=${code}`), await attendee(`${other.url}/?room=${code}`)];
  await trainer.getByTestId('room-attendees').getByText('2 people have joined').waitFor();
  await walkAndPoll(trainer, attendees);
  await trainer.getByTestId('end-room').click();
  for (const page of attendees) await page.getByTestId('room-status').getByText('The classroom session has ended.').waitFor();
  for (const page of [trainer, ...attendees]) await page.context().close();
  await one.stop();
  await other.stop();
});

/**
 * Saves a screenshot for people to look at, where SIGNPOST_SCREENSHOTS names a folder: the whole
 * page, or with `fullPage: false` what the window shows of its top.
 */
async function screenshot(page, name, { fullPage = true } = {}) {
  const folder = process.env.SIGNPOST_SCREENSHOTS;
  if (!folder) return;
  mkdirSync(folder, { recursive: true });
  if (!fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${folder}/${name}`, fullPage });
}
