// The next step in one click: the facilitator on a 1366×768 laptop runs the first activity of the
// flagship template, with the projection screen open and two phones in the room; one click on
// the console's "Étape suivante" control (visible without scrolling) closes it, opens the second,
// sends the screen and the phones there and starts its timer. The test counts the clicks: one.
import assert from 'node:assert/strict';
import { useHarness, scenario } from './harness.mjs';
import {
  signIn, createWorkshopFromTemplate, agendaOf, openAndFocus, openScreen, join, waitForFollowedFocus, eventually,
  nextStepForm, clickNextStep,
} from './flows.mjs';

const h = useHarness();

const SCREEN_TITLE = '.stage-activity .stage-head h2';

/** Waits until the projection shows `title` as the one activity on the stage. */
async function assertScreenOn(screen, title) {
  await eventually(`the projection screen shows ${JSON.stringify(title)}`, async () => {
    const titles = await screen.locator(SCREEN_TITLE).allTextContents();
    assert.deepEqual(titles.map((t) => t.trim()), [title]);
  });
}

/** Asserts a page shows a timer counting down from the future (data-timer-ends after now). */
async function assertTimerRunning(page, scope, what) {
  await eventually(`${what} shows the timer running`, async () => {
    const ends = await page.locator(`${scope} [data-timer-ends]`).first().getAttribute('data-timer-ends', { timeout: 500 });
    assert.ok(Number(ends) > Date.now(), `${what}: the timer ends at ${ends}, not after now`);
  });
}

scenario(h, 'one click on the console moves the screen and the phones to the next activity, its timer running', async (s) => {
  const console_ = await s.newPage({ viewport: { width: 1366, height: 768 }, locale: 'fr-FR' });
  await signIn(s, console_);
  const workshop = await createWorkshopFromTemplate(s, console_, 'Hackathon — étape suivante', 'smarter-democracy-hackathon');
  const [first, second] = await agendaOf(s, console_, workshop.id);
  const screen = await openScreen(s, console_, workshop.id);
  const phones = [];
  for (const name of ['Alice Martin', 'Bruno Lambert']) {
    const phone = await s.newPage({ viewport: { width: 360, height: 640 }, locale: 'fr-FR' });
    await join(s, phone, { joinCode: workshop.joinCode, name, service: 'SPW Mobilité' });
    phones.push(phone);
  }

  // Activity A runs: open, every screen on it.
  await openAndFocus(s, console_, workshop, first.id);
  await Promise.all(phones.map((phone) => waitForFollowedFocus(phone, workshop.id, first.id)));
  await assertScreenOn(screen, first.title);

  // The control is the console's first, in the first screen of a 1366×768 laptop, and names B.
  await console_.goto(workshop.consoleUrl);
  const control = console_.locator(nextStepForm);
  const box = await control.boundingBox();
  assert.ok(box, 'the console shows the next-step control');
  assert.equal(await console_.evaluate(() => window.scrollY), 0, 'the console is at its top');
  assert.ok(box.y >= 0 && box.y + box.height <= 768, `the control is within the first screen: ${JSON.stringify(box)}`);
  const label = (await control.locator('button').textContent()).trim();
  assert.equal(label, `Étape suivante\u00a0: ${second.title}`);

  // Count what the facilitator does from here: clicks (every form post is one) and page loads.
  const posts = [];
  console_.on('request', (request) => {
    if (request.method() === 'POST' && request.frame() === console_.mainFrame()) posts.push(new URL(request.url()).pathname);
  });
  const to = await clickNextStep(s, console_, workshop);
  assert.equal(to, second.id, 'the control named the second activity');

  // B runs: open, A closed, the projection and the phones on B, its timer running everywhere.
  await assertScreenOn(screen, second.title);
  await Promise.all(phones.map((phone) => waitForFollowedFocus(phone, workshop.id, second.id)));
  await assertTimerRunning(screen, '.stage-activity .stage-head', 'the projection');
  for (const [i, phone] of phones.entries()) await assertTimerRunning(phone, 'main', `phone ${i + 1}`);
  const agenda = await agendaOf(s, console_, workshop.id);
  assert.deepEqual(agenda.slice(0, 3).map((a) => a.status), ['closed', 'open', 'draft']);
  assert.deepEqual(posts, [`/facilitator/workshops/${workshop.id}/next-step`], 'it took exactly one click');

  // Back on the console, the control already names the activity after B.
  const third = agenda[2];
  assert.equal((await console_.locator(`${nextStepForm} button`).textContent()).trim(), `Étape suivante\u00a0: ${third.title}`);
  assert.deepEqual(s.dialogs, [], 'no dialog opened');
});

// During a brainwriting the next step is the sheets: handed out, then passed on one click a
// round until the last round, when it names the next activity again.
scenario(h, 'on a brainwriting the next step passes the sheets in one click, then moves on after the last round', async (s) => {
  const console_ = await s.newPage({ viewport: { width: 1366, height: 768 }, locale: 'fr-FR' });
  await signIn(s, console_);
  const workshop = await createWorkshopFromTemplate(s, console_, 'Hackathon — feuilles', 'smarter-democracy-hackathon');
  const agenda = await agendaOf(s, console_, workshop.id);
  const at = agenda.findIndex((a) => a.title.startsWith('Brainwriting'));
  assert.ok(at >= 0, 'the template has a brainwriting');
  const [brainwriting, after] = [agenda[at], agenda[at + 1]];
  const phones = [];
  for (const name of ['Alice Martin', 'Bruno Lambert', 'Chloé Dubois']) {
    const phone = await s.newPage({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' });
    await join(s, phone, { joinCode: workshop.joinCode, name, service: 'SPW Mobilité' });
    phones.push(phone);
  }
  await openAndFocus(s, console_, workshop, brainwriting.id);
  await Promise.all(phones.map((phone) => waitForFollowedFocus(phone, workshop.id, brainwriting.id)));

  const posts = [];
  console_.on('request', (request) => {
    if (request.method() === 'POST' && request.frame() === console_.mainFrame()) posts.push(new URL(request.url()).pathname);
  });
  const label = async () => (await console_.locator(`${nextStepForm} button`).first().textContent()).trim();
  const phonesHold = (round) => Promise.all(phones.map((phone, i) => eventually(`phone ${i + 1} holds a sheet for round ${round + 1}`, async () => {
    assert.equal(await phone.locator(`[data-bw-form-round="${round}"] #note-form`).count(), 1);
  }, { timeout: 10_000 })));

  await console_.goto(workshop.consoleUrl);
  assert.equal(await label(), 'Étape suivante\u00a0: distribuer les feuilles');
  assert.equal(await clickNextStep(s, console_, workshop), brainwriting.id);
  await phonesHold(0);
  // Three people at one table: three rounds, so the sheets are passed twice.
  for (const round of [1, 2]) {
    await console_.goto(workshop.consoleUrl);
    assert.equal(await label(), `Étape suivante\u00a0: passer les feuilles (tour ${round + 1} sur 3)`);
    const before = posts.length;
    await clickNextStep(s, console_, workshop);
    assert.deepEqual(posts.slice(before), [`/facilitator/workshops/${workshop.id}/next-step`], 'one click passes the sheets');
    await phonesHold(round);
  }
  // The last round runs: the next step is the next activity again, one click away.
  await console_.goto(workshop.consoleUrl);
  assert.equal(await label(), `Étape suivante\u00a0: ${after.title}`);
  assert.equal(await clickNextStep(s, console_, workshop), after.id);
  await Promise.all(phones.map((phone) => waitForFollowedFocus(phone, workshop.id, after.id)));
  const now = await agendaOf(s, console_, workshop.id);
  assert.deepEqual([now[at].status, now[at + 1].status], ['closed', 'open']);
  assert.deepEqual(s.dialogs, [], 'no dialog opened');
});
