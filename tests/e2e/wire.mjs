// What a page costs on the wire: every response the browser receives while a page opens, as
// the server sent it (compressed bytes, encoding, caching). Shared by the page-weight test and
// scripts/bench-page.

/** The goals for the first screen, in bytes on the wire with brotli. */
export const GOALS = { wizard: 100_000, admin: 150_000 };

/**
 * A Trunk build's file: a name ending in its hash in hex (`main-995159242b5a05ba.css`), written
 * without leading zeros, so a dozen digits or more.
 */
export const HASHED = /-[0-9a-f]{12,16}(_bg)?\.(js|wasm|css)$/;

/**
 * Opens `url` in a fresh context of `browser`, waits for `ready(page)`, and returns every
 * same-origin response received until then, `files`: `{ path, bytes, headerBytes, encoding,
 * cacheControl, etag, early }`, where `bytes` is the body as sent (compressed, if it was) and
 * `early` says the browser asked for it before the page's first frame with a heading was drawn.
 * And `firstFrame`: that heading, and who drew it (`server` or `app`).
 */
export async function openedFiles(browser, url, ready) {
  const context = await browser.newContext();
  try {
    // Runs before the page's own scripts, so each frame's callback here comes before theirs.
    await context.addInitScript(() => {
      const frame = () => requestAnimationFrame(() => {
        const heading = document.querySelector('h1');
        if (!heading) return frame();
        window.__firstFrame = {
          at: performance.now(),
          heading: heading.textContent,
          drawnBy: heading.closest('#signpost-first') ? 'server' : 'app',
        };
      });
      frame();
    });
    const page = await context.newPage();
    const origin = new URL(url).origin;
    const pending = [];
    page.on('requestfinished', (request) => {
      if (request.url().startsWith(origin)) pending.push(describe(request));
    });
    await page.goto(url);
    await ready(page);
    // Whatever started before the screen showed has finished by the next idle network.
    await page.waitForLoadState('networkidle');
    const { firstFrame, started } = await page.evaluate(() => ({
      firstFrame: window.__firstFrame,
      started: performance.getEntriesByType('resource').map((e) => [e.name, e.startTime]),
    }));
    const startedAt = (name) => Math.min(...started.filter(([n]) => n === name).map(([, at]) => at));
    const files = (await Promise.all(pending)).map(({ url: name, navigation, ...file }) => ({
      ...file,
      early: navigation || startedAt(name) < firstFrame.at,
    }));
    return { files, firstFrame };
  } finally {
    await context.close();
  }
}

async function describe(request) {
  const [sizes, response] = await Promise.all([request.sizes(), request.response()]);
  const headers = await response.allHeaders();
  const url = new URL(request.url());
  return {
    url: request.url(),
    navigation: request.isNavigationRequest(),
    path: url.pathname + url.search,
    bytes: sizes.responseBodySize,
    headerBytes: sizes.responseHeadersSize,
    encoding: headers['content-encoding'] ?? 'identity',
    cacheControl: headers['cache-control'] ?? '',
    etag: headers.etag ?? '',
  };
}

/** The sum of the files' body bytes. */
export function total(files) {
  return files.reduce((sum, file) => sum + file.bytes, 0);
}
