/* global window, document, location, requestAnimationFrame */
// Frame timing in Chromium for the view benchmarks: every frame's time while the page scrolls.

/** Turns of the wheel per measured run. */
export const WHEELS = 100;

/** Turns the wheel over `selector` WHEELS times by `delta` pixels and times every frame meanwhile. */
export async function wheelFrames(page, selector, delta) {
  const box = await page.locator(selector).boundingBox();
  if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.evaluate(startFrameClock);
  for (let i = 0; i < WHEELS; i++) await page.mouse.wheel(0, delta);
  return frameGaps(await page.evaluate(stopFrameClock));
}

/** In the page: records the time of every animation frame until stopFrameClock. */
export function startFrameClock() {
  const times = [];
  window.__frames = times;
  window.__stopFrames = false;
  const tick = (t) => {
    times.push(t);
    if (times.length < 100_000 && !window.__stopFrames) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** In the page: stops the clock; returns the frame times. */
export function stopFrameClock() {
  window.__stopFrames = true;
  return window.__frames;
}

/** The gaps between consecutive frames: how many, the 95th percentile and the longest. */
export function frameGaps(times) {
  const gaps = times
    .slice(1)
    .map((t, i) => t - times[i])
    .sort((a, b) => a - b);
  return { frames: gaps.length, p95: gaps[Math.floor(gaps.length * 0.95)] ?? NaN, max: gaps[gaps.length - 1] ?? NaN };
}

/**
 * A static list of `count` rows over the page, each `rowHtml` with `#` replaced by its number:
 * what this machine scrolls at with nothing to virtualize. Returns its selector.
 */
export async function staticList(page, count, rowHtml) {
  await page.evaluate(
    ({ count, rowHtml }) => {
      const list = document.createElement('div');
      list.id = 'bench-static-list';
      list.style.cssText = 'position:fixed;top:130px;left:260px;width:420px;height:560px;overflow:auto;z-index:99;background:#fff';
      const rows = [];
      for (let i = 0; i < count; i++) rows.push(rowHtml.replaceAll('#', String(i)));
      list.innerHTML = rows.join('');
      document.body.append(list);
    },
    { count, rowHtml },
  );
  return '#bench-static-list';
}

/**
 * In the page: goes to `hash` and resolves at the first frame painted with an element matching
 * `rowSelector`: `open` from the route change, `afterData` from the performance mark `dataMark`
 * (the view's data arrived). Pass as `page.evaluate(openView, { hash, rowSelector, dataMark })`.
 */
export function openView({ hash, rowSelector, dataMark }) {
  performance.clearMarks();
  return new Promise((done) => {
    const start = performance.now();
    location.hash = hash;
    const poll = () => {
      if (document.querySelector(rowSelector) === null) return requestAnimationFrame(poll);
      // The frame after the rows are in the document is the one that shows them.
      requestAnimationFrame(() => {
        const data = performance.getEntriesByName(dataMark)[0]?.startTime ?? NaN;
        const painted = performance.now();
        done({ open: painted - start, afterData: painted - data });
      });
    };
    requestAnimationFrame(poll);
  });
}

/**
 * Scrolls `scrollerSelector` from where it is to its end with the mouse wheel (the view reading its
 * pages on the way), waits for `lastRowSelector` to be drawn, and times every frame meanwhile.
 * `rowSelector` counts the rows left in the page at the end.
 */
export async function scrollToEnd(page, { scrollerSelector, lastRowSelector, rowSelector }) {
  const scroller = page.locator(scrollerSelector);
  const box = await scroller.boundingBox();
  if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.evaluate(startFrameClock);
  const atEnd = () => scroller.evaluate((el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 2);
  for (let i = 0; i < 2_000 && !(await atEnd()); i++) await page.mouse.wheel(0, 4_000);
  await page.locator(lastRowSelector).waitFor({ timeout: 60_000 });
  const gaps = frameGaps(await page.evaluate(stopFrameClock));
  return { ...gaps, rendered: await page.locator(rowSelector).count() };
}
