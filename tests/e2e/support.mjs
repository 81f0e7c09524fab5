// What every end-to-end test needs: the server under test, a browser, and the database.

import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';

/** The server that scripts/test started, and the SQLite file it writes. */
export const BASE_URL = required('SIGNPOST_URL');
export const DATABASE = required('SIGNPOST_DB');

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the end-to-end tests through scripts/test`);
  return value;
}

/** Debian's Chromium, headless, never reaching beyond this machine. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Rows from the server's database, read with the sqlite3 command-line tool. */
export function queryRows(sql) {
  const out = execFileSync('sqlite3', ['-json', '-readonly', DATABASE, sql], { encoding: 'utf8' });
  return out.trim() === '' ? [] : JSON.parse(out);
}

/** SQL string literal for a value the test produced. */
export function sqlText(value) {
  return `'${String(value).replaceAll("'", "''")}'`;
}

/** Clicks the choices with these answer ids, in order. */
export async function answer(page, ...choices) {
  for (const choice of choices) {
    await page.getByTestId(`choice-${choice}`).click();
  }
}

/** Types a percentage into the current number question and continues. */
export async function typeNumber(page, text) {
  await page.getByTestId('number-input').fill(text);
  await page.getByTestId('continue').click();
}

/** Confirms the outcome on screen and returns the row the server stored for it. */
export async function confirmAndReadRow(page, { name = 'Ada Lovelace', email = 'ada@example.edu' } = {}) {
  await page.getByTestId('confirm-name').fill(name);
  await page.getByTestId('confirm-email').fill(email);
  await page.getByTestId('confirm').click();
  const reference = (await page.getByTestId('reference').innerText()).trim();
  const rows = queryRows(
    `SELECT flow_id, outcome, action, answers, flags, name, email FROM actions WHERE reference = ${sqlText(reference)}`,
  );
  if (rows.length !== 1) throw new Error(`expected one row for ${reference}, found ${rows.length}`);
  return { reference, ...rows[0] };
}
