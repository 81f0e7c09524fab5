// What every end-to-end test needs: the server under test, a browser, and the database.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after } from 'node:test';
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
      // English unless a test asks for another language, whatever this machine's language.
      '--lang=en-US',
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

/**
 * Where the page's address stands, as a query string without the flow version (`v=`), which
 * the wizard records once the person has answered and which changes with every publish.
 */
export function route(page) {
  const url = new URL(page.url());
  url.searchParams.delete('v');
  return decodeURIComponent(url.search);
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

/** Fills in the confirmation form of the outcome on screen and confirms. */
export async function fillAndConfirm(page, name, email = 'ada@example.edu') {
  await page.getByTestId('confirm-name').fill(name);
  await page.getByTestId('confirm-email').fill(email);
  await page.getByTestId('confirm').click();
}

/** Confirms the outcome on screen and returns the row the server stored for it. */
export async function confirmAndReadRow(page, { name = 'Ada Lovelace', email = 'ada@example.edu' } = {}) {
  await fillAndConfirm(page, name, email);
  const reference = (await page.getByTestId('reference').innerText()).trim();
  const rows = queryRows(
    `SELECT flow_id, outcome, action, answers, flags, name, email FROM actions WHERE reference = ${sqlText(reference)}`,
  );
  if (rows.length !== 1) throw new Error(`expected one row for ${reference}, found ${rows.length}`);
  return { reference, ...rows[0] };
}

/**
 * Answers "Did this solve it?" under the self-service outcome on screen (no, with `comment`,
 * when `solved` is false) and returns the row the server kept for it, read with `rows` (the
 * server under test's, or a server of the test's own).
 */
export async function answerSolved(page, { solved, comment = '', rows: read = queryRows }) {
  const before = read('SELECT count(*) AS n FROM feedback')[0].n;
  if (solved) {
    await page.getByTestId('solved-yes').click();
  } else {
    await page.getByTestId('solved-no').click();
    await page.getByTestId('solved-comment').fill(comment);
    await page.getByTestId('solved-send').click();
  }
  await page.getByTestId('solved-status').getByText('Thank you').waitFor();
  if (read('SELECT count(*) AS n FROM feedback')[0].n !== before + 1) throw new Error('expected one new feedback row');
  return read('SELECT * FROM feedback ORDER BY id DESC LIMIT 1')[0];
}

/** Asserts that the outcome on screen is self-service: no form asks for anyone's details. */
export async function assertSelfService(page) {
  await page.getByTestId('solved').waitFor();
  assert.equal(await page.getByTestId('confirm-name').count(), 0, 'a self-service outcome asks for no details');
  assert.equal(await page.getByTestId('confirm').count(), 0);
}

/** The servers tests started and have not stopped, stopped once a file's tests are done. */
const running = new Set();
after(() => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * A server of the test's own, on its own port and database, that the test can stop and start
 * again (scripts/test names the binary and the built app; `dist` serves another copy of it). With
 * `databaseUrl` it uses that database rather than a SQLite file of its own (which `rows` reads).
 */
export async function ownServer({ env = {}, dist = required('SIGNPOST_DIST'), databaseUrl } = {}) {
  const { spawn } = await import('node:child_process');
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const net = await import('node:net');
  const binary = required('SIGNPOST_SERVER_BIN');
  const database = `${mkdtempSync(`${tmpdir()}/signpost-e2e-`)}/signpost.db`;
  const port = await new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  let child = null;
  return {
    url,
    database,
    async start() {
      child = spawn(binary, [], {
        env: { ...process.env, ...env, SIGNPOST_ADDR: `127.0.0.1:${port}`, DATABASE_URL: databaseUrl ?? `sqlite://${database}`, SIGNPOST_DIST: dist },
        stdio: 'ignore',
      });
      running.add(child);
      for (let i = 0; i < 100; i++) {
        try {
          if ((await fetch(`${url}/healthz`)).ok) return;
        } catch { /* not up yet */ }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('the server did not start');
    },
    /** Sends the running server a signal, such as SIGHUP to publish its flow folder again. */
    signal(name) {
      child.kill(name);
    },
    async stop() {
      if (!child) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      running.delete(child);
      child = null;
    },
    rows(sql) {
      const out = execFileSync('sqlite3', ['-json', '-readonly', database, sql], { encoding: 'utf8' });
      return out.trim() === '' ? [] : JSON.parse(out);
    },
  };
}

/** A copy of the repository's flows/ in a temporary folder, for a server to read and a test to change. */
export async function flowFolder() {
  const { cpSync, mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const folder = mkdtempSync(`${tmpdir()}/signpost-flows-`);
  cpSync(new URL('../../flows/', import.meta.url), folder, { recursive: true });
  return folder;
}

/**
 * What a server of the test's own needs to run as an organisation whose teams act on every
 * outcome: flows in which each outcome is a request, and a config naming a team for each flow.
 */
export async function everyOutcomeARequest() {
  const { mkdtempSync, readdirSync, readFileSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const folder = await flowFolder();
  for (const name of readdirSync(folder)) {
    const file = `${folder}/${name}`;
    writeFileSync(file, readFileSync(file, 'utf8').replaceAll('kind = "self_service"', 'kind = "request"'));
  }
  const example = readFileSync(new URL('../../config/example.toml', import.meta.url), 'utf8');
  const teams = ['buy_with_prime', 'link_sellers', 'recover_access']
    .map((flow) => `[[organisation.teams]]\nflow = "${flow}"\nname = "the support team"\nnext = "The support team will contact you within a working day."\n`);
  const config = `${mkdtempSync(`${tmpdir()}/signpost-config-`)}/signpost.toml`;
  writeFileSync(config, `${example}\n${teams.join('\n')}`);
  return { SIGNPOST_FLOWS: folder, SIGNPOST_CONFIG: config };
}

/** Sends the server SIGHUP and waits until its live join flow holds `sentence`. */
export async function publish(server, sentence) {
  server.signal('SIGHUP');
  for (let i = 0; !(await (await fetch(`${server.url}/api/flows/join`)).text()).includes(sentence); i++) {
    if (i >= 100) throw new Error(`the server never published "${sentence}"`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every cache the page's origin holds, by name, with the paths (and queries) kept in each. */
export function cached(page) {
  return page.evaluate(async () => {
    const all = {};
    for (const name of await caches.keys()) {
      const requests = await (await caches.open(name)).keys();
      all[name] = requests.map((r) => new URL(r.url).pathname + new URL(r.url).search);
    }
    return all;
  });
}

/**
 * Waits until the service worker controls the page and has kept the page of `flow` for offline
 * use; returns the shell caches, `[name, paths]` each.
 */
export async function kept(page, flow) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  for (let i = 0; i < 100; i++) {
    const shells = Object.entries(await cached(page)).filter(([name]) => name.startsWith('signpost-shell-'));
    if (shells.some(([, paths]) => paths.includes(`/?flow=${flow}`))) return shells;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the page of ${flow} was never kept: ${JSON.stringify(await cached(page))}`);
}

/** Collects every Content-Security-Policy violation the page reports, for asserting none. */
export async function watchCspViolations(page) {
  const violations = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`Content Security Policy: ${e.violatedDirective} ${e.blockedURI}`));
  });
  return violations;
}

/**
 * The WCAG 2.2 A and AA violations axe-core finds in `include`, minus `exclude`. axe-core is
 * evaluated in the page rather than added as a script, so the page's own CSP stays in force.
 */
export async function axeViolations(page, include, exclude) {
  const { createRequire } = await import('node:module');
  const { readFileSync } = await import('node:fs');
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
  }
  return page.evaluate(async ([include, exclude]) => {
    const result = await window.axe.run({ include: [include], exclude: exclude ? [exclude] : [] }, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, [include, exclude]);
}
