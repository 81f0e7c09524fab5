// English and Spanish: the wizard starts in the browser's language, the address bar can name
// another, the switcher changes it without losing the step, and a Spanish walk reaches a
// Spanish outcome whose confirmation the server stores like any other.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, answer, confirmAndReadRow, launchBrowser, queryRows, typeNumber, route } from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** A page in a browser whose language is `locale`. */
async function pageIn(locale) {
  const context = await browser.newContext({ locale });
  return context.newPage();
}

const htmlLang = (page) => page.evaluate(() => document.documentElement.lang);
const search = route;

test('a Spanish browser gets the wizard in Spanish, any other browser in English', async () => {
  for (const [locale, lang, question, title] of [
    ['es-ES', 'es', '¿Con qué necesitas ayuda?', 'Ayuda de Amazon Business'],
    ['es-MX', 'es', '¿Con qué necesitas ayuda?', 'Ayuda de Amazon Business'],
    ['en-GB', 'en', 'What do you need help with?', 'Amazon Business help'],
    ['fr-FR', 'en', 'What do you need help with?', 'Amazon Business help'],
  ]) {
    const page = await pageIn(locale);
    await page.goto(`${BASE_URL}/?flow=join`);
    await page.getByTestId('question-text').getByText(question).waitFor();
    assert.equal(await htmlLang(page), lang, locale);
    assert.equal(await page.title(), title, locale);
    assert.equal(await page.getByTestId(`lang-${lang}`).getAttribute('aria-current'), 'true', locale);
    // Nothing is added to the address: the browser's language is the default.
    assert.equal(search(page), '?flow=join', locale);
    await page.context().close();
  }
});

test('Spanish sentences name the organisation with its article, the heading without', async () => {
  const page = await pageIn('es-ES');
  await page.goto(`${BASE_URL}/?flow=join`);
  await page.getByTestId('choice-join').getByText('Unirme a la cuenta de Amazon Business de la Universidad de Ejemplo').waitFor();
  assert.match(await page.locator('.masthead .brand').innerText(), /Universidad de Ejemplo/);
  assert.doesNotMatch(await page.locator('.masthead .brand').innerText(), /la Universidad/);
  await page.context().close();
});

test('the address bar names the language over the browser', async () => {
  const page = await pageIn('es-ES');
  await page.goto(`${BASE_URL}/?lang=en`);
  await page.locator('main h1').getByText('What do you need to do?').waitFor();
  assert.equal(await htmlLang(page), 'en');
  await page.goto(`${BASE_URL}/?flow=link_sellers&lang=es`);
  await page.getByTestId('question-text').getByText('¿Se cumple cada una').waitFor();
  await page.context().close();
});

test('switching language keeps the step, survives a reload, and Back returns to the other', async () => {
  const page = await pageIn('en-US');
  await page.goto(`${BASE_URL}/?flow=join&answers=join/received&mode=trainer`);
  await page.getByTestId('question-text').getByText('used your work email').waitFor();
  await page.getByTestId('lang-es').click();
  await page.getByTestId('question-text').getByText('¿Alguna vez usaste tu correo del trabajo').waitFor();
  assert.equal(search(page), '?flow=join&answers=join/received&lang=es&mode=trainer');
  assert.equal(await htmlLang(page), 'es');
  // Trainer mode speaks Spanish too, and the switcher kept focus rather than the heading.
  await page.getByTestId('trainer').getByText('Modo formador').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.dataset?.testid), 'lang-es');
  assert.match(await page.getByTestId('why').innerText(), /¿Recibiste tu correo de invitación.*\s*→\s*Sí, tengo la invitación/);

  await page.reload();
  await page.getByTestId('question-text').getByText('¿Alguna vez usaste').waitFor();
  await page.getByTestId('choice-never').click();
  await page.getByTestId('outcome-title').getByText('Eres nuevo en Amazon').waitFor();
  assert.equal(search(page), '?flow=join&answers=join/received/never&lang=es&mode=trainer');

  await page.goBack();
  await page.goBack();
  await page.getByTestId('question-text').getByText('used your work email').waitFor();
  assert.equal(await htmlLang(page), 'en');

  // The switcher is a list of real links, reachable by keyboard.
  await page.getByTestId('lang-es').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('question-text').getByText('¿Alguna vez usaste').waitFor();
  assert.match(await page.getByTestId('lang-en').getAttribute('href'), /^\?flow=join&answers=join\/received&v=[0-9a-f]{16}&lang=en&mode=trainer$/);
  await page.context().close();
});

test('an embedded wizard, without its header, still offers the switcher', async () => {
  const page = await pageIn('en-US');
  await page.goto(`${BASE_URL}/?flow=join&embed=1`);
  await page.getByTestId('question-text').waitFor();
  assert.equal(await page.locator('.masthead').count(), 0);
  await page.getByTestId('lang-es').click();
  await page.getByTestId('question-text').getByText('¿Con qué necesitas ayuda?').waitFor();
  assert.equal(search(page), '?flow=join&lang=es&embed=1');
  await page.context().close();
});

test('a Spanish walk reaches a Spanish self-service outcome, and its feedback is checked and thanked in Spanish', async () => {
  const page = await pageIn('es-ES');
  await page.goto(`${BASE_URL}/`);
  await page.getByTestId('start-recover_access').click();
  await answer(page, 'suspended', 'know');
  await page.getByTestId('progress').getByText('Pregunta 3 · como mucho').waitFor();
  await typeNumber(page, 'abc');
  await page.getByTestId('number-problem').getByText('Escribe un número, por ejemplo 0,8').waitFor();
  await typeNumber(page, '1,5');
  await typeNumber(page, '2');
  await typeNumber(page, '0.5 %');
  await page.locator('[data-outcome="reactivate"]').waitFor();
  await page.getByTestId('outcome-title').getByText('Pide a Amazon que reactive tu cuenta de vendedor').waitFor();
  const notes = await page.getByTestId('notes').innerText();
  assert.match(notes, /pedidos defectuosos del 1,5 % supera el límite/);
  assert.match(notes, /envíos con retraso del 0,5 % está dentro/);
  const summary = await page.getByTestId('answers-summary').innerText();
  assert.match(summary, /¿Cuál es tu tasa de pedidos defectuosos, en porcentaje\?\s*1,5 %/);
  await page.getByRole('heading', { name: 'Guarda estos pasos' }).waitFor();
  await page.getByTestId('email-steps').getByText('Envíatelos por correo').waitFor();

  await page.getByRole('heading', { name: '¿Se resolvió tu problema?' }).waitFor();
  await page.getByTestId('solved-no').click();
  await page.getByTestId('solved-comment').fill('Mi tarjeta 4111 1111 1111 1111 no sirvió');
  await page.getByTestId('solved-send').click();
  await page.getByTestId('solved-status').getByText('Parece un número de tarjeta').waitFor();
  // Focus goes back to the comment to correct it.
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'solved-comment');
  assert.equal(queryRows("SELECT count(*) AS n FROM feedback WHERE comment LIKE '%4111%'")[0].n, 0);

  // A change of language keeps what was typed, and the thanks follow the language.
  await page.getByTestId('lang-en').click();
  await page.getByRole('heading', { name: 'Did this solve it?' }).waitFor();
  assert.match(await page.getByTestId('solved-comment').inputValue(), /^Mi tarjeta/);
  await page.getByTestId('solved-comment').fill('No supe dónde enviar el plan de acción.');
  await page.getByTestId('solved-send').click();
  await page.getByTestId('solved-status').getByText('Thank you').waitFor();
  const [row] = queryRows('SELECT * FROM feedback ORDER BY id DESC LIMIT 1');
  assert.equal(row.outcome, 'reactivate');
  assert.equal(row.comment, 'No supe dónde enviar el plan de acción.');
  await page.getByTestId('lang-es').click();
  await page.getByTestId('solved-status').getByText('Gracias. Esto ayuda a mejorar esta guía.').waitFor();
  await page.context().close();
});

test('a Spanish request names its team with the article joined, is checked in Spanish, and is stored as answered', async () => {
  const page = await pageIn('es-ES');
  await page.goto(`${BASE_URL}/?flow=join&answers=join/not_received`);
  await page.getByRole('heading', { name: 'Enviar esto al equipo de compras' }).waitFor();
  assert.equal(
    await page.getByTestId('team-next').innerText(),
    'El equipo de compras te enviará una nueva invitación en un plazo de dos días laborables.',
  );
  await page.getByTestId('confirm-name').fill('Ada Lovelace');
  await page.getByTestId('confirm-email').fill('ada@gmail.com');
  await page.getByTestId('confirm').click();
  await page.getByTestId('confirm-problem').getByText('Usa tu correo electrónico del trabajo, que termina en @example.edu.').waitFor();

  const row = await confirmAndReadRow(page);
  assert.equal(row.action, 'request_invitation');
  // The answers are stored as the path records them, whatever the language.
  assert.equal(row.answers, '["join","not_received"]');
  await page.getByTestId('receipt').getByRole('heading', { name: 'Enviado' }).waitFor();
  assert.match(await page.getByTestId('received-at').innerText(), /^Recibido el \d+ de \p{L}+ de \d{4}/u);
  await page.getByTestId('send-another').getByText('Enviar otra solicitud').waitFor();

  // A change of language keeps the receipt: the confirmation is not offered again.
  await page.getByTestId('lang-en').click();
  await page.getByRole('heading', { name: 'Sent' }).waitFor();
  assert.match(await page.getByTestId('received-at').innerText(), /^Received on \p{L}+ \d+, \d{4}/u);
  assert.equal(await page.getByTestId('confirm').count(), 0);
  await page.context().close();
});
