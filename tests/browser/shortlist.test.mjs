// Each step feeds the next: the facilitator shortlists two of four ideas by hand in the console;
// the assessment on the phone shows only those two; the vote takes the assessment's top one; the
// action plan's retained idea is that one, shown with the scores that got it there.
import assert from 'node:assert/strict';
import { useHarness, scenario } from './harness.mjs';
import {
  signIn, createWorkshop, agendaOf, addActivity, openAndFocus, consoleControl, join, waitForFollowedFocus,
  postNote, eventually,
  settled,
} from './flows.mjs';

const h = useHarness();

/** Submits `form` as a plain POST and waits for the page it leads to, or for the console to
 *  update in place. */
async function submit(page, form) {
  const loaded = await settled(page);
  const posted = page.waitForResponse((r) => r.request().method() === 'POST' && r.frame() === page.mainFrame());
  await form.locator('button[type=submit]').first().click();
  const response = await posted;
  assert.ok(response.status() < 400, `POST ${response.url()} answered ${response.status()}`);
  await loaded();
}

/** Saves an activity's settings with one source and a take rule ("shortlist", "top" + number). */
async function takeFrom(s, page, workshop, activityId, source, rule, number) {
  await page.goto(s.url(`/facilitator/workshops/${workshop.id}/activities/${activityId}`));
  await page.locator('details.settings summary').click();
  const form = page.locator('#activity-settings');
  await form.locator(`input[name=source][value="${source}"]`).check();
  await form.locator('select[name=take]').selectOption(rule);
  if (number !== undefined) await form.locator('[name=take_number]').fill(String(number));
  await submit(page, form);
}

async function summaryOf(page) {
  return ((await page.locator('.selection-summary').first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

scenario(h, 'a hand shortlist is assessed, its top voted on, and the plan shows it with its scores', async (s) => {
  const console_ = await s.newPage({ viewport: { width: 1366, height: 768 }, locale: 'fr-FR' });
  await signIn(s, console_);
  const workshop = await createWorkshop(s, console_, 'Atelier — sélection');
  const [ideas] = await agendaOf(s, console_, workshop.id);
  const assess = await addActivity(s, console_, workshop, { kind: 'assess', title: 'Évaluation' });
  const vote = await addActivity(s, console_, workshop, { kind: 'vote', title: 'Vote' });
  const plan = await addActivity(s, console_, workshop, { kind: 'action_plan', title: 'Plan' });
  await takeFrom(s, console_, workshop, assess, ideas.id, 'shortlist');

  const phone = await s.newPage({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' });
  await join(s, phone, { joinCode: workshop.joinCode, name: 'Alice Martin', service: 'SPW Mobilité' });
  // The phone follows the focus by itself; a navigation of our own would race it.
  await openAndFocus(s, console_, workshop, ideas.id);
  await waitForFollowedFocus(phone, workshop.id, ideas.id);
  const texts = ['Idée Alpha', 'Idée Bravo', 'Idée Charlie', 'Idée Delta'];
  for (const text of texts) await postNote(s, phone, text);
  await consoleControl(s, console_, workshop, ideas.id, 'close');

  // The facilitator ticks Alpha and Charlie on the assessment's page; the console says 2 of 4.
  await console_.goto(s.url(`/facilitator/workshops/${workshop.id}/activities/${assess}`));
  const shortlist = console_.locator('#shortlist');
  assert.deepEqual((await shortlist.locator('li').allTextContents()).map((t) => t.trim()), texts);
  assert.match(await summaryOf(console_), /^0 idée retenue sur 4/);
  for (const text of ['Idée Alpha', 'Idée Charlie']) await shortlist.locator('li', { hasText: text }).locator('input').check();
  await submit(console_, shortlist);
  assert.match(await summaryOf(console_), /^2 idées retenues sur 4/);
  // The save is confirmed in place, beside the button.
  const saved = shortlist.locator('[data-shortlist-saved]');
  assert.equal(await saved.getAttribute('data-shortlist-saved'), '2');
  assert.match(await saved.textContent(), /Sélection enregistrée\s*:\s*2 idées retenues sur 4/);
  // Nothing ticked would leave the assessment with nothing: asked first, nothing saved; ticked
  // again, saved.
  for (const box of await shortlist.locator('input[type=checkbox]').all()) await box.uncheck();
  await submit(console_, shortlist);
  assert.ok(await shortlist.locator('button[name=confirm_empty]').isVisible(), 'the console asks before emptying');
  assert.match(await summaryOf(console_), /^2 idées retenues sur 4/);
  for (const text of ['Idée Alpha', 'Idée Charlie']) await shortlist.locator('li', { hasText: text }).locator('input').check();
  await submit(console_, shortlist);
  assert.equal(await shortlist.locator('[data-shortlist-saved]').getAttribute('data-shortlist-saved'), '2');

  // The phone's assessment shows those two alone; Alpha scores high, Charlie low.
  await openAndFocus(s, console_, workshop, assess);
  await waitForFollowedFocus(phone, workshop.id, assess);
  const items = phone.locator('.assess-item');
  assert.deepEqual((await items.locator('.assess-text').allTextContents()).map((t) => t.trim()), ['Idée Alpha', 'Idée Charlie']);
  for (const [text, score] of [['Idée Alpha', 5], ['Idée Charlie', 1]]) {
    const item = phone.locator('.assess-item', { hasText: text });
    for (const radio of await item.locator(`input[type=radio][value="${score}"]`).all()) await radio.check({ force: true });
    await submit(phone, item.locator('form'));
  }
  await consoleControl(s, console_, workshop, assess, 'close');

  // The vote takes the assessment's top one: recorded when it opens, shown on the phone alone.
  await takeFrom(s, console_, workshop, vote, assess, 'top', 1);
  assert.match(await summaryOf(console_), /^1 idée retenue sur 2/);
  await openAndFocus(s, console_, workshop, vote);
  await waitForFollowedFocus(phone, workshop.id, vote);
  const ballot = ((await phone.locator('main').textContent()) ?? '');
  assert.ok(ballot.includes('Idée Alpha'), 'the vote offers the top idea');
  for (const other of ['Idée Bravo', 'Idée Charlie', 'Idée Delta']) assert.ok(!ballot.includes(other), `the vote offers ${other}`);
  await console_.goto(s.url(`/facilitator/workshops/${workshop.id}/activities/${vote}`));
  assert.match(await summaryOf(console_), /^1 idée reprise sur 2/);
  await consoleControl(s, console_, workshop, vote, 'close');

  // The plan retains the vote's top one, with its rank and its assessment score.
  await takeFrom(s, console_, workshop, plan, vote, 'top', 1);
  await openAndFocus(s, console_, workshop, plan);
  await waitForFollowedFocus(phone, workshop.id, plan);
  await eventually('the plan lists the retained idea with its scores', async () => {
    const retained = phone.locator('.retained-ideas li');
    assert.equal(await retained.count(), 1);
    const line = ((await retained.first().textContent()) ?? '').replace(/\s+/g, ' ');
    assert.ok(line.includes('Idée Alpha'), line);
    assert.ok(line.includes('note 5.0'), `the assessment's score is shown: ${line}`);
  });
  assert.deepEqual(s.dialogs, [], 'no dialog opened');
});
