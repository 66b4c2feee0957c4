// Drag-to-rank on the ranking ballot (assets/rank.js), on a desktop with the mouse and on a
// 360×640 touch phone with a finger. The rank selects stay the keyboard alternative; a drag puts
// the ideas in a strict order and writes ranks 1..n into the selects, starting from the ranking
// the selects hold. Each ballot is checked in the turnout the facilitator sees and in the rank selects
// the server sends back filled in after a reload.
import assert from 'node:assert/strict';
import { useHarness, scenario } from './harness.mjs';
import {
  signIn, createWorkshop, agendaOf, consoleControl, join, postNote, waitForNote, eventually,
  addActivity, saveActivitySettings, activityPageControl, ballotTurnout, assertNoHorizontalScroll,
} from './flows.mjs';

const h = useHarness();

const IDEAS = ['Shared calendar', 'Open data portal', 'Citizen panel', 'Plain-language letters'];

/** The ideas' texts in the order the ballot's list shows them. */
const listOrder = (page) => page.locator('#ballot [data-rank-item] label').evaluateAll((ls) => ls.map((l) => l.textContent.trim()));
/** Idea text → select value, read from the ballot. */
const ranksByText = (page) => page.locator('#ballot [data-rank-item]').evaluateAll((lis) =>
  Object.fromEntries(lis.map((li) => [li.querySelector('label').textContent.trim(), li.querySelector('select').value])));
const itemOf = (page, text) => page.locator('#ballot [data-rank-item]').filter({ hasText: text });
const handleOf = (page, text) => itemOf(page, text).locator('[data-rank-handle]');

async function centre(locator) {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  assert.ok(box, 'the element is laid out');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * A finger drag through the DevTools protocol: real touch input, so Chromium turns it into
 * pointer events of type "touch" and honours `touch-action` (Playwright's touchscreen only taps).
 * The target is measured after the drag has started, since a drag first puts the list in the
 * order of the selects.
 */
async function touchDrag(page, handle, target) {
  const cdp = await page.context().newCDPSession(page);
  const from = await centre(handle);
  const point = (x, y) => [{ x: Math.round(x), y: Math.round(y), id: 1, radiusX: 4, radiusY: 4, force: 1 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(from.x, from.y) });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: point(from.x, from.y + 8) });
  const now = await handle.boundingBox();
  const start = { x: now.x + now.width / 2, y: now.y + now.height / 2 };
  const tbox = await target.boundingBox();
  const to = { x: start.x, y: tbox.y + tbox.height / 2 };
  const steps = 8;
  for (let i = 1; i <= steps; i++) {
    await cdp.send('Input.dispatchTouchEvent', {
      type: 'touchMove',
      touchPoints: point(start.x, start.y + ((to.y - start.y) * i) / steps),
    });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

scenario(h, 'ideas are ranked by dragging them, with the mouse on a desktop and with a finger on a phone', async (s) => {
  const console_ = await s.newPage({ viewport: { width: 1280, height: 800 } });
  await signIn(s, console_);
  const workshop = await createWorkshop(s, console_, 'Ranking by dragging');
  const [challenges] = await agendaOf(s, console_, workshop.id);
  await consoleControl(s, console_, workshop, challenges.id, 'open');

  const desk = await s.newPage({ viewport: { width: 1280, height: 800 } });
  const phone = await s.newPage({ viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true });
  await join(s, desk, { joinCode: workshop.joinCode, name: 'Dana Desk', service: 'SPW Territoire', phone: false });
  await join(s, phone, { joinCode: workshop.joinCode, name: 'Phil Phone', service: 'SPW Mobilité' });
  const challengesPath = `/w/${workshop.id}/a/${challenges.id}`;
  await phone.goto(s.url(challengesPath));
  for (const text of IDEAS) await postNote(s, phone, text);
  for (const text of IDEAS) await waitForNote(phone, text);

  const id = await addActivity(s, console_, workshop, { kind: 'vote', title: 'Rank the ideas' });
  await saveActivitySettings(s, console_, workshop, id, { sources: [challenges.id], voteMethod: 'schulze' });
  await activityPageControl(s, console_, workshop, id, 'open');
  const path = `/w/${workshop.id}/a/${id}`;
  const ballots = async () => ballotTurnout(s, console_, workshop.id, id);
  const submit = async (page, tap) => {
    const button = page.locator('#ballot button[type=submit]');
    // Wait for the POST and the page it leads to: the URL may already end in #ballot (voting again).
    const posted = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/ballot'));
    const loaded = page.waitForEvent('load');
    await (tap ? button.tap() : button.click());
    assert.ok((await posted).status() < 400, 'the ballot is accepted');
    await loaded;
    assert.match(page.url(), /#ballot$/);
    assert.equal(await page.locator('.vote-recorded').count(), 1, 'the page says the ballot is recorded');
  };

  // ---- Desktop, mouse: the script adds a handle per idea and shows the drag hint. ------------
  await desk.goto(s.url(path));
  assert.equal(await desk.locator('#ballot [data-rank-handle]').count(), IDEAS.length, 'one handle per idea');
  assert.ok(await desk.locator('[data-rank-drag-hint]').isVisible(), 'the drag hint is shown when the script runs');
  assert.equal(await desk.locator('#ballot select.rank-select').count(), IDEAS.length, 'the selects stay');
  const initial = await listOrder(desk);
  assert.deepEqual([...initial].sort(), [...IDEAS].sort());

  // The last idea onto the first: it takes first place, the others move down one.
  const [a, b, c, d] = initial;
  await handleOf(desk, d).dragTo(itemOf(desk, a));
  await eventually('the list follows the mouse', async () => assert.deepEqual(await listOrder(desk), [d, a, b, c]));
  assert.deepEqual(await ranksByText(desk), { [d]: '1', [a]: '2', [b]: '3', [c]: '4' }, 'a drop writes ranks 1..n');
  await eventually('the new position is announced', async () => {
    const said = (await desk.locator('[data-rank-live]').textContent()).trim();
    assert.ok(said.includes(d) && said.includes('1') && said.includes('4'), `live region says ${JSON.stringify(said)}`);
  });
  // Then the second (now a) below the last (c): a goes last.
  await handleOf(desk, a).dragTo(itemOf(desk, c));
  await eventually('the second drag', async () => assert.deepEqual(await listOrder(desk), [d, b, c, a]));
  const deskRanks = { [d]: '1', [b]: '2', [c]: '3', [a]: '4' };
  assert.deepEqual(await ranksByText(desk), deskRanks);
  await submit(desk, false);
  assert.equal(await ballots(), 1, 'the dragged ballot is counted');
  await desk.reload();
  assert.deepEqual(await ranksByText(desk), deskRanks, 'the server sends the dragged order back in the selects');

  // ---- Phone, finger: the selects first (the keyboard alternative), then a drag. -------------
  await phone.goto(s.url(path));
  await assertNoHorizontalScroll(phone);
  assert.equal(await phone.locator('#ballot [data-rank-handle]').count(), IDEAS.length);
  // With the select: the third idea first, the others left unranked.
  await itemOf(phone, c).locator('select').selectOption('1');
  // A drag starts from the selects' ranking (c, then the unranked in list order: a, b, d),
  // and puts the dragged idea (d) where the finger lifts: onto a, in second place.
  await touchDrag(phone, handleOf(phone, d), itemOf(phone, a));
  await eventually('the list follows the finger', async () => assert.deepEqual(await listOrder(phone), [c, d, a, b]));
  const phoneRanks = { [c]: '1', [d]: '2', [a]: '3', [b]: '4' };
  assert.deepEqual(await ranksByText(phone), phoneRanks);
  await assertNoHorizontalScroll(phone);
  // A finger takes a moment to go from the list to the button: Chromium's gesture detector
  // drops the click of a tap that comes within a few hundred ms of the drag's touchend.
  await phone.waitForTimeout(600);
  await submit(phone, true);
  assert.equal(await ballots(), 2, 'the ballot dragged by touch is counted');
  await phone.reload();
  assert.deepEqual(await ranksByText(phone), phoneRanks, 'the server sends the touch-dragged order back in the selects');

  // The selects still work after a drag: a tie made with the keyboard alternative is kept.
  await itemOf(phone, b).locator('select').selectOption('1');
  await submit(phone, true);
  assert.equal(await ballots(), 2, 'voting again replaces the ballot');
  assert.deepEqual(await ranksByText(phone), { ...phoneRanks, [b]: '1' });
});
