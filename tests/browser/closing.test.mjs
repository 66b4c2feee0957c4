// No screen shows a false state: a phone reading an action card follows "send every screen
// here"; the dot counter follows the dots as they are tapped; and when the workshop closes, the
// timer stops on phones, the projection thanks the room instead of showing a join code, and
// phones thank their owner and lead to their contributions and personal code.
import assert from 'node:assert/strict';
import { useHarness, scenario } from './harness.mjs';
import {
  signIn, createWorkshop, agendaOf, addActivity, saveActivitySettings, openAndFocus, openScreen, join, postNote,
  waitForFollowedFocus, consoleControl, eventually,
} from './flows.mjs';

const h = useHarness();

/** Clicks a submit control and waits for the page the form's redirect leads to. */
async function submitAndLoad(page, button) {
  await Promise.all([page.waitForEvent('load'), button.click()]);
}

scenario(h, 'phones follow the room from a card, count their dots, and see the closing as it is', async (s) => {
  const console_ = await s.newPage({ viewport: { width: 1366, height: 768 }, locale: 'fr-FR' });
  await signIn(s, console_);
  const workshop = await createWorkshop(s, console_, 'Clôture et suivi');
  const [challenges] = (await agendaOf(s, console_, workshop.id)).map((a) => a.id);
  const plan = await addActivity(s, console_, workshop, { kind: 'action_plan', title: 'Plan d’action' });
  const vote = await addActivity(s, console_, workshop, { kind: 'vote', title: 'Gommettes' });
  await saveActivitySettings(s, console_, workshop, vote, { sources: [challenges], voteMethod: 'dots' });
  await console_.goto(workshop.consoleUrl);
  const screen = await openScreen(s, console_, workshop.id);
  await screen.setViewportSize({ width: 1280, height: 720 });
  assert.equal(await screen.locator('#join-live .qr svg').count(), 1, 'an open workshop shows its join code');

  const alice = await s.newPage({ viewport: { width: 360, height: 740 }, locale: 'fr-FR' });
  const bruno = await s.newPage({ viewport: { width: 360, height: 740 }, locale: 'fr-FR' });
  await join(s, alice, { joinCode: workshop.joinCode, name: 'Alice Martin', service: 'SPW' });
  await join(s, bruno, { joinCode: workshop.joinCode, name: 'Bruno Lambert', service: 'SPW' });

  await openAndFocus(s, console_, workshop, challenges);
  for (const phone of [alice, bruno]) await waitForFollowedFocus(phone, workshop.id, challenges);
  const challenge = 'Les citoyens ne savent pas à qui s’adresser';
  await postNote(s, alice, challenge);
  await postNote(s, bruno, 'Les consultations arrivent trop tard');

  // Alice drafts a card and stays on it; the facilitator sends every screen to the vote.
  await openAndFocus(s, console_, workshop, plan);
  await waitForFollowedFocus(alice, workshop.id, plan);
  const draftFrom = alice.locator('li.material-item', { hasText: challenge }).locator('a.draft-from');
  await Promise.all([alice.waitForURL(/\/actions\/new\?source=/, { waitUntil: 'load' }), draftFrom.click()]);
  const form = alice.locator('#new-card-form');
  await form.locator('[name=title]').fill('Un guichet unique');
  await submitAndLoad(alice, form.locator('button[type=submit]'));
  assert.match(new URL(alice.url()).pathname, new RegExp(`/a/${plan}/actions/[0-9a-f-]{36}$`), 'Alice reads her card');
  await openAndFocus(s, console_, workshop, vote);
  await waitForFollowedFocus(alice, workshop.id, vote);
  await waitForFollowedFocus(bruno, workshop.id, vote);

  // The counter follows the dots as they are tapped, before anything is sent.
  const counter = alice.locator('[data-dots-counter]');
  assert.match(await counter.textContent(), /Il vous reste 5 gommettes sur 5/);
  const items = alice.locator('#ballot [data-dots-item]');
  const add = (n) => items.nth(n).locator('[data-dots-step="1"]');
  for (let i = 0; i < 3; i += 1) await add(0).click();
  await eventually('the counter says 2 left', async () => {
    assert.match(await counter.textContent(), /Il vous reste 2 gommettes sur 5/);
  });
  assert.equal(await add(0).getAttribute('aria-disabled'), 'true', 'no more than 3 on one idea');
  for (let i = 0; i < 2; i += 1) await add(1).click();
  await eventually('the counter says none left', async () => {
    assert.match(await counter.textContent(), /Il vous reste 0 gommette sur 5/);
  });
  assert.equal(await add(1).getAttribute('aria-disabled'), 'true', 'no dot left to add');
  await submitAndLoad(alice, alice.locator('#ballot button[type=submit]'));

  // A timer runs on the challenges, which Bruno reads.
  await consoleControl(s, console_, workshop, challenges, 'timer-start');
  await bruno.goto(s.url(`/w/${workshop.id}/a/${challenges}`));
  assert.equal(await bruno.locator('#activity-state .timer').count(), 1, 'the timer shows while the activity runs');

  // The facilitator closes the workshop, with its confirmation.
  await console_.goto(s.url(`/facilitator/workshops/${workshop.id}/close`));
  await submitAndLoad(console_, console_.locator('#close-workshop button[type=submit]'));
  await eventually('the timer stops on Bruno’s phone', async () => {
    assert.equal(await bruno.locator('#activity-state .timer').count(), 0);
  }, { timeout: 8_000 });
  await eventually('the projection thanks the room instead of showing a code', async () => {
    assert.equal(await screen.locator('#join-live .qr svg').count(), 0, 'no QR code');
    assert.equal(await screen.locator('[data-join-code]').count(), 0, 'no join code');
    assert.match(await screen.locator('#join-live').textContent(), /Merci/);
    assert.match(await screen.locator('#screen-live .closing-figures').textContent(), /2\s*participants/);
  }, { timeout: 8_000 });
  const noScroll = await screen.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1);
  assert.ok(noScroll, 'the closing screen fits 1280×720');

  // Phones: a thank-you that leads to their contributions, and their personal code.
  await bruno.goto(s.url(`/w/${workshop.id}`));
  assert.match(await bruno.locator('.closed-thanks').textContent(), /merci pour votre participation/);
  assert.equal(await bruno.locator('form.presence').count(), 0, 'no presence button in a closed workshop');
  assert.match(await bruno.locator('[data-resume-code]').textContent(), /^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  await Promise.all([bruno.waitForEvent('load'), bruno.locator('.closed-thanks a').click()]);
  assert.equal(new URL(bruno.url()).pathname, `/w/${workshop.id}/mine`);

  // The console keeps what still makes sense: no join code, no activity buttons.
  await console_.goto(workshop.consoleUrl);
  assert.equal(await console_.locator('[data-join-code]').count(), 0, 'no join code on a closed workshop’s console');
  assert.equal(await console_.locator('ol.agenda form').count(), 0, 'no activity button on a closed workshop’s console');
  assert.equal(await console_.locator('#add-activity').count(), 0, 'no activity to add');
});
