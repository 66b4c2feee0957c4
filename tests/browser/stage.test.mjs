// The projection is a stage: on the Wallonia demo (every activity of the flagship template done,
// at the real hackathon's volume), each activity sent to the screen fits a 1280×720 projector
// and a 1920×1080 one with no scrollbar and nothing below the fold, no word is cut in two, and
// what does not fit pages by itself and with the arrow keys.
import assert from 'node:assert/strict';
import { useHarness, scenario } from './harness.mjs';
import { settled } from './flows.mjs';

const h = useHarness({ demo: true });

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
];

async function signInToDemo(s, page) {
  const { email, password } = s.h.server.demo;
  await page.goto(s.url('/signin'));
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForURL(/\/facilitator\/?$/), page.click('form button[type=submit]')]);
}

/** What overflows the stage, and every word the browser laid out on two lines. */
async function layoutProblems(screen) {
  return screen.evaluate(() => {
    const problems = [];
    const root = document.documentElement;
    if (root.scrollHeight > window.innerHeight + 1) problems.push(`the page scrolls down (${root.scrollHeight} px)`);
    if (root.scrollWidth > window.innerWidth + 1) problems.push(`the page scrolls sideways (${root.scrollWidth} px)`);
    const board = document.querySelector('[data-fit]');
    if (board.scrollHeight > board.clientHeight + 1) {
      problems.push(`the board holds ${board.scrollHeight} px in ${board.clientHeight} px`);
    }
    const boardBox = board.getBoundingClientRect();
    // Every word of every visible text: a word drawn as two boxes was broken inside itself.
    const walker = document.createTreeWalker(board, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('[hidden], svg, details:not([open]) > :not(summary)')) continue;
      if (!parent.getClientRects().length) continue;
      const text = node.textContent;
      // A line may break after a hyphen or a slash: what lies between is one word.
      for (const match of text.matchAll(/[^\s\u00a0\u202f\-\u2010\u2013\u2014/]+/g)) {
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const boxes = Array.from(range.getClientRects()).filter((box) => box.width > 0);
        const lines = new Set(boxes.map((box) => Math.round(box.top)));
        if (lines.size > 1 && !/^https?:/.test(match[0])) problems.push(`"${match[0]}" is broken across lines`);
        const last = boxes[boxes.length - 1];
        if (last && last.bottom > boardBox.bottom + 1) problems.push(`"${match[0]}" is below the board`);
      }
    }
    return problems.slice(0, 10);
  });
}

scenario(h, 'every activity of the flagship template fits the projector, pages what it cannot hold, and breaks no word', async (s) => {
  const facilitatorPage = await s.newPage({ viewport: { width: 1366, height: 768 }, locale: 'fr-FR' });
  await signInToDemo(s, facilitatorPage);
  const { workshop } = s.h.server.demo;
  await facilitatorPage.goto(s.url(`/facilitator/workshops/${workshop}`));
  const csrf = await facilitatorPage.inputValue('input[name=_csrf]');
  const activities = await facilitatorPage.$$eval('a[href*="/activities/"]', (links) => [
    ...new Set(links.map((link) => link.getAttribute('href').split('/activities/')[1].split(/[/?#]/)[0])),
  ]);
  assert.ok(activities.length >= 10, `the flagship template has its ten activities (${activities.length})`);

  const screen = await facilitatorPage.context().newPage();
  let paged = 0;
  for (const activity of activities) {
    const sent = await facilitatorPage.request.post(s.url(`/facilitator/workshops/${workshop}/focus`), {
      form: { _csrf: csrf, activity_id: activity },
      maxRedirects: 0,
    });
    assert.ok(sent.status() < 400, `sending the screens to ${activity} answered ${sent.status()}`);
    for (const size of SIZES) {
      await screen.setViewportSize(size);
      await screen.goto(s.url(`/facilitator/workshops/${workshop}/screen`));
      await screen.waitForLoadState('load');
      const title = (await screen.locator('.stage-head h2').first().textContent()).trim();
      const where = `"${title}" at ${size.width}×${size.height}`;
      assert.deepEqual(await layoutProblems(screen), [], where);
      // The join code stays in a corner for latecomers, out of the board's way.
      assert.equal(await screen.locator('.stage[data-join="corner"] [data-join-code]').count(), 1, `${where}: the join code in a corner`);

      const indicator = screen.locator('[data-fit-pages]');
      if (await indicator.isVisible()) {
        paged += 1;
        const first = (await indicator.textContent()).trim();
        assert.match(first, /^1 \/ \d+$/, `${where}: the page indicator`);
        const shownBefore = await screen.locator('[data-fit] li:visible, [data-fit] [data-fit-items] > :visible').allTextContents();
        await screen.keyboard.press('ArrowRight');
        assert.match((await indicator.textContent()).trim(), /^2 \/ \d+$/, `${where}: the arrow key turns the page`);
        const shownAfter = await screen.locator('[data-fit] li:visible, [data-fit] [data-fit-items] > :visible').allTextContents();
        assert.notDeepEqual(shownAfter, shownBefore, `${where}: the next page shows other items`);
        assert.deepEqual(await layoutProblems(screen), [], `${where}, page 2`);
      }
    }
  }
  assert.ok(paged > 0, 'the demo has boards that need pages at 1280×720');

  // The facilitator puts one note in the spotlight from the SWOT's board: it fills the screen,
  // a projector's and a phone's sharing it, and the board comes back with one click.
  await facilitatorPage.goto(s.url(`/facilitator/workshops/${workshop}/activities/${activities[1]}`));
  const spotlit = await settled(facilitatorPage);
  await facilitatorPage.locator('.spotlight-form button').first().click();
  await spotlit();
  for (const size of [{ width: 1280, height: 720 }, { width: 390, height: 844 }]) {
    await screen.setViewportSize(size);
    await screen.goto(s.url(`/facilitator/workshops/${workshop}/screen`));
    await screen.waitForLoadState('load');
    assert.equal(await screen.locator('[data-spotlight]').count(), 1, `the spotlight at ${size.width}×${size.height}`);
    assert.deepEqual(await layoutProblems(screen), [], `the spotlight at ${size.width}×${size.height}`);
  }
  const back = await settled(facilitatorPage);
  await facilitatorPage.locator('.projection-controls button', { hasText: 'Revenir au tableau' }).click();
  await back();
  // The open screen follows live, without a reload.
  await screen.locator('[data-spotlight]').waitFor({ state: 'detached', timeout: 10_000 });
}, { timeout: 180_000 });
