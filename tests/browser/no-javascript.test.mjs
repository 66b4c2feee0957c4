import assert from 'node:assert/strict';
import { useHarness, scenario } from './harness.mjs';
import {
  signIn, createWorkshop, openFirstActivity, join, enterFirstActivity, postNote, waitForNote, agendaOf, consoleControl,
  addActivity, saveActivitySettings, activityPageControl, ballotTurnout,
} from './flows.mjs';

const h = useHarness();

scenario(h, 'the pages work with JavaScript disabled', async (s) => {
  const console_ = await s.newPage({ viewport: { width: 1280, height: 800 } });
  await signIn(s, console_);
  const workshop = await createWorkshop(s, console_, 'Workshop without scripts');
  await openFirstActivity(s, console_);

  // Two participants whose browsers run no JavaScript at all.
  const first = await s.newPage({ javaScriptEnabled: false });
  const second = await s.newPage({ javaScriptEnabled: false });
  await join(s, first, { joinCode: workshop.joinCode, name: 'Noa No-Script', service: 'SPW Finances' });
  await join(s, second, { joinCode: workshop.joinCode, name: 'Sam Second', service: 'SPW Territory' });
  await enterFirstActivity(s, first);
  await enterFirstActivity(s, second);
  const activityPath = new URL(first.url()).pathname;
  assert.equal(new URL(second.url()).pathname, activityPath, 'both participants are on the same activity');

  const text = `Train every service in participation ${Date.now()}`;
  const response = await postNote(s, first, text);
  assert.ok(
    [301, 302, 303, 307, 308].includes(response.status()),
    `posting the note without JavaScript answers a redirect (POST/redirect/GET), got ${response.status()}`,
  );
  assert.equal(new URL(first.url()).pathname, activityPath, 'after posting, the participant is back on the activity page');
  await waitForNote(first, text, { timeout: 2_000 });

  // The page says the note was sent, at the form, ready for the next one.
  assert.match(new URL(first.url()).search, /sent=1/, 'the redirect says a note was sent');
  assert.equal(new URL(first.url()).hash, '#text', 'and lands on the form’s box, not the top of the page');
  assert.ok(await first.locator('#note-form [data-note-sent]').isVisible(), 'the form says the note was sent');
  assert.equal(await first.locator('#note-form textarea[name=text]').inputValue(), '', 'the box is empty for the next note');

  // The second participant has no live updates: a reload shows the first one's note.
  await second.reload();
  await waitForNote(second, text, { timeout: 2_000 });
  assert.equal(await second.locator('[data-note-sent]').count(), 0, 'only the one who sent it is told');
  await postNote(s, second, `Publish what became of each idea ${Date.now()}`);

  // SWOT: the quadrant chosen for a note is offered again for the next one.
  const [challenges, swot] = (await agendaOf(s, console_, workshop.id)).map((activity) => activity.id);
  await consoleControl(s, console_, workshop, swot, 'open');
  await first.goto(s.url(`/w/${workshop.id}/a/${swot}`));
  await first.locator('#note-form select[name=kind]').selectOption('threat');
  await postNote(s, first, 'Citizens tired of being asked');
  assert.equal(await first.locator('#note-form select[name=kind]').inputValue(), 'threat', 'the quadrant is kept');
  assert.ok(await first.locator('#note-form [data-note-sent]').isVisible());
  await postNote(s, first, 'Budgets cut mid-way');
  assert.equal(await first.locator('#note-form select[name=kind]').inputValue(), 'threat', 'and kept again');

  // A dot vote: a number field per idea, typed in, sent, and shown again as cast.
  const vote = await addActivity(s, console_, workshop, { kind: 'vote', title: 'Dots without scripts' });
  await saveActivitySettings(s, console_, workshop, vote, { sources: [challenges], voteMethod: 'dots' });
  await activityPageControl(s, console_, workshop, vote, 'open');
  await first.goto(s.url(`/w/${workshop.id}/a/${vote}`));
  const fields = first.locator('#ballot input.dots-input');
  assert.equal(await fields.count(), 2, 'one number field per idea');
  assert.equal(await first.locator('#ballot input.dots-input:visible').count(), 2, 'the number fields show');
  assert.equal(await first.locator('#ballot [data-dots-stepper]:visible').count(), 0, 'no − and + without the script');
  await fields.nth(0).fill('3');
  await fields.nth(1).fill('1');
  await Promise.all([first.waitForURL(/#ballot$/, { waitUntil: 'load' }), first.locator('#ballot button[type=submit]').click()]);
  assert.equal(await first.locator('.vote-recorded').count(), 1, 'the ballot is recorded');
  assert.deepEqual(await fields.evaluateAll((inputs) => inputs.map((input) => input.value)), ['3', '1']);
  assert.match(await first.locator('[data-dots-counter]').textContent(), /\b1\b/, 'one dot left, said on the page');
  assert.equal(await ballotTurnout(s, console_, workshop.id, vote), 1);
});
