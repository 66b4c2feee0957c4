// The projection is a stage: on the Wallonia demo (every activity of the flagship template done,
// at the real hackathon's volume), each activity sent to the screen fits a 1280×720 projector
// and a 1920×1080 one with no scrollbar and nothing below the fold, no word is cut in two, and
// what does not fit pages by itself and with the arrow keys.
import assert from 'node:assert/strict';
import { useHarness, scenario } from './harness.mjs';
import { agendaOf, assertNoHorizontalScroll, join, settled, signIn } from './flows.mjs';
import { layoutProblems } from './layout.mjs';

const h = useHarness({ demo: true });

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
];

scenario(h, 'every activity of the flagship template fits the projector, pages what it cannot hold, and breaks no word', async (s) => {
  const facilitatorPage = await s.newPage({ viewport: { width: 1366, height: 768 }, locale: 'fr-FR' });
  await signIn(s, facilitatorPage);
  const { workshop } = s.h.server.demo;
  await facilitatorPage.goto(s.url(`/facilitator/workshops/${workshop}`));
  const csrf = await facilitatorPage.inputValue('input[name=_csrf]');
  const agenda = await agendaOf(s, facilitatorPage, workshop);
  const activities = agenda.map((activity) => activity.id);
  const kinds = new Map(agenda.map((activity) => [activity.id, activity.kind]));
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

      // What each board shows on a projector's page: as many cards as readably fit (the
      // demo's photo language has a card per person: two rows and more, not one), and the
      // brainwriting's ideas themselves, not counts.
      const kind = kinds.get(activity);
      if (kind === 'photo_language' && size.width === 1280) {
        const cards = await screen.locator('.gallery .gallery-card:visible').count();
        assert.ok(cards >= 6, `${where}: ${cards} photo cards on a page, at least 6`);
      }
      if (kind === 'brainwriting') {
        const ideas = await screen.locator('.bw-projection .bw-ideas > li:visible .note-text').allTextContents();
        assert.ok(ideas.length >= 5, `${where}: the ideas as written (${ideas.length} shown)`);
        assert.ok(ideas.every((text) => text.trim().length > 0), `${where}: each idea's text`);
        assert.equal(await screen.locator('.bw-counts').count(), 0, `${where}: ideas, not counts`);
      }
      if (kind === 'assess') {
        // The ranking is the matrix's legend: each point's number beside its idea, whole.
        const points = await screen.locator('section.matrix .matrix-point').count();
        const legend = screen.locator('ol.assessment-ranking > li.assessed-item:visible');
        assert.ok(points > 0 && (await legend.count()) > 0, `${where}: the matrix and its legend`);
        for (const item of await legend.all()) {
          const number = await item.getAttribute('value');
          const mark = screen.locator(`section.matrix .matrix-point[data-mark="${number}"]`);
          assert.equal(await mark.count(), 1, `${where}: point ${number}`);
          assert.doesNotMatch((await mark.getAttribute('class')) || '', /mark-elsewhere/, `${where}: point ${number} stands out beside its idea`);
          const clipped = await item.locator('.result-text').evaluate((text) => text.scrollWidth > text.clientWidth + 1 || getComputedStyle(text).textOverflow === 'ellipsis');
          assert.equal(clipped, false, `${where}: idea ${number} is read whole`);
        }
      }

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

/** The demo's activities in agenda order, from the console's links. */
/** The demo's activities in agenda order (the console lists the running one first). */
async function demoActivities(s, page) {
  const { workshop } = s.h.server.demo;
  await page.goto(s.url(`/facilitator/workshops/${workshop}`));
  return (await agendaOf(s, page, workshop)).map((activity) => activity.id);
}

scenario(h, 'the facilitator zooms the projection on a SWOT quadrant and on a category: it fits, and the room moving on gives the board back', async (s) => {
  const facilitatorPage = await s.newPage({ viewport: { width: 1366, height: 768 }, locale: 'fr-FR' });
  await signIn(s, facilitatorPage);
  const { workshop } = s.h.server.demo;
  const activities = await demoActivities(s, facilitatorPage);
  const csrf = await facilitatorPage.inputValue('input[name=_csrf]');
  const focus = async (activity) => {
    const sent = await facilitatorPage.request.post(s.url(`/facilitator/workshops/${workshop}/focus`), {
      form: { _csrf: csrf, activity_id: activity },
      maxRedirects: 0,
    });
    assert.ok(sent.status() < 400, `focus answered ${sent.status()}`);
  };
  const screen = await facilitatorPage.context().newPage();
  await screen.setViewportSize({ width: 1280, height: 720 });

  // The SWOT (the template's second activity) and the sorting board (the one with categories).
  const swot = activities[1];
  await focus(swot);
  await facilitatorPage.goto(s.url(`/facilitator/workshops/${workshop}/activities/${swot}`));
  await facilitatorPage.selectOption('#zoom-part', 'quadrant:threat');
  {
    const zoomed = await settled(facilitatorPage);
    await facilitatorPage.locator('#projection-zoom button').click();
    await zoomed();
  }
  for (const size of SIZES.slice(0, 2)) {
    await screen.setViewportSize(size);
    await screen.goto(s.url(`/facilitator/workshops/${workshop}/screen`));
    await screen.waitForLoadState('load');
    assert.equal(await screen.locator('.swot-zoomed .swot-quadrant').count(), 1, 'one quadrant on the screen');
    assert.equal(await screen.locator('.swot-zoomed .quadrant-threat').count(), 1, 'the threats');
    assert.ok(await screen.locator('.swot-zoomed li.note').count() > 0, 'with their notes');
    assert.deepEqual(await layoutProblems(screen), [], `the zoomed quadrant at ${size.width}×${size.height}`);
  }

  let sorting = null;
  for (const activity of activities) {
    await facilitatorPage.goto(s.url(`/facilitator/workshops/${workshop}/activities/${activity}`));
    if (await facilitatorPage.locator('[data-sort-board]').count()) { sorting = activity; break; }
  }
  assert.ok(sorting, 'the demo has a sorting board');
  await focus(sorting);
  await facilitatorPage.goto(s.url(`/facilitator/workshops/${workshop}/activities/${sorting}`));
  const category = await facilitatorPage.locator('#zoom-part option[value^="category:"]').first().getAttribute('value');
  await facilitatorPage.selectOption('#zoom-part', category);
  {
    const zoomed = await settled(facilitatorPage);
    await facilitatorPage.locator('#projection-zoom button').click();
    await zoomed();
  }
  for (const size of SIZES.slice(0, 2)) {
    await screen.setViewportSize(size);
    await screen.goto(s.url(`/facilitator/workshops/${workshop}/screen`));
    await screen.waitForLoadState('load');
    assert.equal(await screen.locator('.sort-zoomed [data-sort-column]').count(), 1, 'one category on the screen');
    assert.deepEqual(await layoutProblems(screen), [], `the zoomed category at ${size.width}×${size.height}`);
  }

  // The room moves on: the zoom goes with it, live.
  await focus(swot);
  await screen.locator('.sort-zoomed').waitFor({ state: 'detached', timeout: 10_000 });
  assert.equal(await screen.locator('.swot-board .swot-quadrant').count(), 4, 'the whole SWOT, not a zoom');
}, { timeout: 120_000 });

scenario(h, 'results on a phone are the projection\'s visuals, with no sideways scroll and no word cut', async (s) => {
  const facilitatorPage = await s.newPage({ viewport: { width: 1366, height: 768 }, locale: 'fr-FR' });
  await signIn(s, facilitatorPage);
  const { workshop } = s.h.server.demo;
  const activities = await demoActivities(s, facilitatorPage);
  // A latecomer joins on a phone and reads every activity's results there.
  const joinCode = (await facilitatorPage.locator('[data-join-code]').first().textContent()).trim();
  const phone = await s.newPage({ viewport: { width: 390, height: 844 }, locale: 'fr-FR', isMobile: true });
  await join(s, phone, { joinCode, name: 'Zoé Retard', service: 'SPW' });
  let checked = 0;
  for (const activity of activities) {
    await phone.goto(s.url(`/w/${workshop}/a/${activity}`));
    const results = phone.locator('section.results');
    if (!(await results.count())) continue;
    checked += 1;
    const problems = await phone.evaluate(() => {
      const found = [];
      const root = document.documentElement;
      if (root.scrollWidth > window.innerWidth + 1) found.push(`the page scrolls sideways (${root.scrollWidth} px)`);
      const range = document.createRange();
      for (const section of document.querySelectorAll('section.results')) {
        const walker = document.createTreeWalker(section, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const parent = node.parentElement;
          if (!parent || parent.closest('svg, details:not([open]) > :not(summary)') || !parent.getClientRects().length) continue;
          for (const match of node.textContent.matchAll(/[^\s\u00a0\u202f\-\u2010\u2013\u2014/]+/g)) {
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const lines = new Set(Array.from(range.getClientRects()).filter((box) => box.width > 0).map((box) => Math.round(box.top)));
            if (lines.size > 1) found.push(`"${match[0]}" is broken across lines`);
          }
        }
      }
      return found.slice(0, 10);
    });
    assert.deepEqual(problems, [], `the results of ${activity} at 390×844`);
    assert.equal(await phone.locator('section.results table').count(), 0, 'ranked cards, not a table');
    await assertNoHorizontalScroll(phone);
  }
  assert.ok(checked >= 2, `the demo has results to read (${checked})`);
}, { timeout: 120_000 });
