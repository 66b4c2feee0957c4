// The projection screen by its address without sign-in: the facilitator creates the link in the
// console, a browser that never signed in (a venue TV) opens it, a phone's note appears on it
// without reload, and revoking the link takes the screen down by itself.
import assert from 'node:assert/strict';
import { useHarness, scenario } from './harness.mjs';
import {
  signIn, createWorkshop, openFirstActivity, join, enterFirstActivity, postNote, waitForNote, screenLinkControl,
} from './flows.mjs';

const h = useHarness();

scenario(h, 'a screen opened by its link, signed out, follows the room live until the link is revoked', async (s) => {
  const console_ = await s.newPage({ viewport: { width: 1280, height: 800 } });
  await signIn(s, console_);
  const workshop = await createWorkshop(s, console_, 'Écran partagé');
  await openFirstActivity(s, console_);
  const url = await screenLinkControl(s, console_, workshop, 'create');
  assert.ok(url, 'the console shows the screen link once created');
  assert.match(url, new RegExp(`^${s.baseUrl}/screen/${workshop.id}/[a-z2-7]{24}$`), 'the whole address, ready to copy');

  // A venue TV: a fresh browser, no cookie, never signed in.
  const tvContext = await s.newContext({ viewport: { width: 1280, height: 720 } });
  const tv = await tvContext.newPage();
  const response = await tv.goto(url);
  assert.equal(response?.status(), 200, `the screen link answered ${response?.status()}`);
  assert.equal(await tv.locator('body.screen #stage-live').count(), 1, 'the projection itself');
  assert.equal(await tv.locator('#join-live [data-join-code]').textContent(), workshop.joinCode);
  const cookies = await tvContext.cookies();
  assert.ok(!cookies.some((c) => /session|cv_p_/.test(c.name)), `no session: ${JSON.stringify(cookies.map((c) => c.name))}`);
  await tv.evaluate(() => { window.__marker = 1; });

  const phone = await s.newPage({ viewport: { width: 360, height: 640 } });
  await join(s, phone, { joinCode: workshop.joinCode, name: 'Pat Participant', service: 'SPW Mobility' });
  await enterFirstActivity(s, phone);
  const text = `Un écran dans le hall ${Date.now()}`;
  await postNote(s, phone, text);
  await waitForNote(tv, text, { timeout: 5_000 });
  assert.equal(await tv.evaluate(() => window.__marker), 1, 'the linked screen was not reloaded');

  // Revoked, the link opens nothing: the screen following it finds out by itself.
  assert.equal(await screenLinkControl(s, console_, workshop, 'revoke'), null, 'the console offers to create one again');
  await tv.waitForFunction(() => document.querySelector('p.error[role=alert]') !== null, null, { timeout: 15_000, polling: 200 });
  assert.equal(await tv.locator('#stage-live').count(), 0, 'the projection is gone from the TV');
  assert.deepEqual(s.dialogs, [], 'no dialog opened');
});
