import assert from 'node:assert/strict';
import { useHarness, scenario } from './harness.mjs';
import { signIn, createWorkshop, openFirstActivity, join, enterFirstActivity, postNote, waitForNote } from './flows.mjs';

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

  // The second participant has no live updates: a reload shows the first one's note.
  await second.reload();
  await waitForNote(second, text, { timeout: 2_000 });
});
