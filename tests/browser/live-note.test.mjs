import assert from 'node:assert/strict';
import { useHarness, scenario } from './harness.mjs';
import {
  signIn, createWorkshop, openFirstActivity, openScreen, join, enterFirstActivity, postNote,
  waitForNote, assertNoHorizontalScroll,
} from './flows.mjs';

const h = useHarness();

scenario(h, 'a participant on a phone joins with the code and posts a note, and the projection screen shows it without reload', async (s) => {
  // The facilitator, on a laptop.
  const console_ = await s.newPage({ viewport: { width: 1280, height: 800 } });
  await signIn(s, console_);
  const workshop = await createWorkshop(s, console_, 'Participation in 2029');
  await openFirstActivity(s, console_);

  // The projection screen stays open, and is never reloaded.
  const screen = await openScreen(s, console_, workshop.id);
  await screen.evaluate(() => { window.__marker = 1; });

  // A participant on a phone.
  const phone = await s.newPage({ viewport: { width: 360, height: 640 } });
  const joinedId = await join(s, phone, { joinCode: workshop.joinCode, name: 'Pat Participant', service: 'SPW Mobility' });
  assert.equal(joinedId, workshop.id, 'the participant lands on /w/{id} of the workshop they joined');
  await assertNoHorizontalScroll(phone);
  await enterFirstActivity(s, phone);
  await assertNoHorizontalScroll(phone);

  const text = `A participation charter against civic washing ${Date.now()}`;
  await postNote(s, phone, text);

  await waitForNote(phone, text);
  await assertNoHorizontalScroll(phone);

  await waitForNote(screen, text, { timeout: 5_000 });
  assert.equal(await screen.evaluate(() => window.__marker), 1, 'the projection screen was not reloaded');
  assert.deepEqual(s.dialogs, [], 'no dialog opened');
});
