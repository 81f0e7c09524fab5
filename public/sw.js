/*
 * signpost's service worker: keeps the wizard's shell (its pages, Trunk's hashed files and the
 * flow versions the pages read) so that the wizard opens and can be walked offline.
 *
 * Pages come from the network while it answers, and from the cache only when it does not: the
 * page of the same flow (whatever step the address names), else any wizard page kept, without
 * the question the server drew into it unless it was drawn for that very address. Hashed
 * files and flow versions never change, so the cache answers them first. Every other request,
 * the administrators' page and all of /api/ but flow versions, is left to the browser: nothing
 * personal is ever kept.
 *
 * scripts/build-app stamps BUILD from the built pages, so a deployment changes this script;
 * the browser then installs it, it caches the pages again with their new files and removes the
 * previous build's cache.
 */
'use strict';

const BUILD = 'unstamped';
const SHELL_PREFIX = 'signpost-shell-';
const SHELL = SHELL_PREFIX + BUILD;
/** Flow versions outlive a deployment: a walk in progress finishes on the version it began. */
const FLOWS = 'signpost-flows';
/**
 * Trunk's files, named by their content (`main-995159242b5a05ba.css`), as a page names them. The
 * hash is a number in hex without leading zeros: a dozen digits or more, as the server reads it.
 */
const NAMED_FILES = /[\w./-]+-[0-9a-f]{12,16}(?:_bg)?\.(?:js|wasm|css)/g;
const HASHED_FILE = /-[0-9a-f]{12,16}(?:_bg)?\.(?:js|wasm|css)$/;
const FLOW_VERSION = /^\/api\/flows\/[^/]+$/;
/** The query parameters the server builds a page from; the others are the app's own. */
const PAGE_PARAMS = ['flow', 'mode'];

self.addEventListener('install', (event) => {
  event.waitUntil(keepPagesAfresh().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(SHELL_PREFIX) && name !== SHELL) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  // A request made to outlive its page (the step counts sent as the page is left) dies with
  // the page when left to the browser while this worker controls it, so the worker sends it.
  if (request.keepalive) return event.respondWith(fetch(request));
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== location.origin || url.pathname.startsWith('/admin/')) return;
  if (request.mode === 'navigate' && isWizardPage(url)) {
    event.respondWith(page(event));
  } else if (HASHED_FILE.test(url.pathname)) {
    event.respondWith(cacheFirst(SHELL, request));
  } else if (FLOW_VERSION.test(url.pathname) && url.searchParams.has('version')) {
    event.respondWith(cacheFirst(FLOWS, request));
  }
});

/** The wizard's page from the network, kept for later; the kept one while the server is away. */
async function page(event) {
  const { url } = event.request;
  const key = pageKey(url);
  let response;
  try {
    response = await fetch(event.request);
  } catch {
    return (await shownAt(await keptPage(key), url)) ?? Response.error();
  }
  if (response.ok) {
    const copy = response.clone();
    event.waitUntil(caches.open(SHELL).then((cache) => cache.put(key, copy)));
  }
  return response.status >= 500 ? (await shownAt(await keptPage(key), url)) ?? response : response;
}

/**
 * The question the server drew into a page (`<div id="signpost-first">`, which holds no other
 * div and ends its main element). It shows the step the page was asked for.
 */
const FIRST_SCREEN = /<div id="signpost-first">[\s\S]*?<\/main><\/div>/;

/**
 * A kept page, to be shown at `address`: without the question the server drew into it unless
 * it was drawn for that very address, so another step, language or flow never shows the kept
 * one's question before the app draws its own.
 */
async function shownAt(kept, address) {
  if (!kept || kept.url === address) return kept;
  const html = (await kept.text()).replace(FIRST_SCREEN, '');
  // The text is new, and no longer compressed: what the server said of its bytes no longer holds.
  const headers = new Headers(kept.headers);
  for (const name of ['content-encoding', 'content-length', 'etag']) headers.delete(name);
  return new Response(html, { status: kept.status, statusText: kept.statusText, headers });
}

/** The page kept for `key`, else a kept page of the same mode (the employee's or the trainer's). */
async function keptPage(key) {
  const cache = await caches.open(SHELL);
  const exact = await cache.match(key);
  if (exact) return exact;
  const mode = new URL(key).searchParams.get('mode');
  const same = (await cache.keys()).find((request) => {
    const url = new URL(request.url);
    return isWizardPage(url) && url.searchParams.get('mode') === mode;
  });
  return same && cache.match(same);
}

/** The answer kept in cache `name`, else the network's, kept if it succeeded. */
async function cacheFirst(name, request) {
  const cache = await caches.open(name);
  const held = await cache.match(request, { ignoreVary: true });
  if (held) return held;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

/**
 * Fetches again, into this build's cache, every wizard page an open window shows or an earlier
 * build kept, with the hashed files each names: the first visit's page loaded before this
 * worker ran, and a deployment changes every page's files.
 */
async function keepPagesAfresh() {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const addresses = windows.map((client) => client.url);
  for (const name of await caches.keys()) {
    if (!name.startsWith(SHELL_PREFIX)) continue;
    const kept = await (await caches.open(name)).keys();
    addresses.push(...kept.map((request) => request.url));
  }
  const keys = new Set(addresses.filter((address) => isWizardPage(new URL(address))).map(pageKey));
  const cache = await caches.open(SHELL);
  await Promise.all([...keys].map(async (key) => {
    const response = await fetch(key, { cache: 'no-cache' });
    if (!response.ok) return;
    const files = new Set((await response.clone().text()).match(NAMED_FILES));
    await cache.addAll([...files]);
    await cache.put(key, response);
  }));
}

/** Whether `url` is the wizard's page, which the server sends for `/`. */
function isWizardPage(url) {
  return url.origin === location.origin && url.pathname === '/';
}

/**
 * The address of the page the server builds for `address`: its flow and mode, not the step. A
 * classroom session's page (`room=`) is the trainer's, whatever the room.
 */
function pageKey(address) {
  const url = new URL(address);
  const key = new URL('/', url);
  for (const name of PAGE_PARAMS) {
    const value = url.searchParams.get(name);
    if (value !== null) key.searchParams.set(name, value);
  }
  if (url.searchParams.has('room')) key.searchParams.set('mode', 'trainer');
  return key.href;
}
