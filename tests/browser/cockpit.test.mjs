// The console is a cockpit: on the Wallonia demo (its agenda done, at the hackathon's volume),
// at 1366×768 the agenda and the activity the room is on come first; a control deep in the page
// acts in place (no reload, the scroll where it was); the timer takes −1 min; an activity that
// locks at zero refuses a note once the time is up, in words; a removed activity comes back
// with "Annuler"; and axe-core finds nothing serious on the console.
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { useHarness, scenario } from './harness.mjs';
import { agendaOf, join, settled, addActivity, signIn } from './flows.mjs';

const h = useHarness({ demo: true });

/** Clicks `button` (a locator) and waits until the console has updated in place. */
async function press(page, button) {
  const done = await settled(page);
  await button.click();
  await done();
}

async function timerSeconds(page, activityId) {
  const text = (await page.locator(`li[data-activity="${activityId}"] .timer-value`).first().textContent()).trim();
  const [minutes, seconds] = text.split(':').map(Number);
  return minutes * 60 + seconds;
}

scenario(h, 'the console is a cockpit: first screen, in place, timer, lock at zero, undo', async (s) => {
  const workshopId = s.h.server.demo.workshop;
  const consoleUrl = s.url(`/facilitator/workshops/${workshopId}`);
  const page = await s.newPage({ viewport: { width: 1366, height: 768 }, locale: 'fr-FR' });
  await signIn(s, page);
  const agenda = await agendaOf(s, page, workshopId);

  // ---- The first screen: the agenda and the activity the room is on. ------------------------
  await page.goto(consoleUrl);
  const heading = await page.locator('.agenda-panel h2').boundingBox();
  assert.ok(heading && heading.y + heading.height <= 768, `the agenda's heading is in the first screen: ${JSON.stringify(heading)}`);
  const current = page.locator('.current-activity li.card.current');
  assert.equal(await current.count(), 1, 'the console shows the activity the room is on');
  const box = await current.boundingBox();
  assert.ok(box.y >= 0 && box.y + box.height <= 768, `the current activity and its controls are in the first screen: ${JSON.stringify(box)}`);
  const reportBox = await page.locator('#setup-live').boundingBox();
  assert.ok(reportBox.y > 768, 'the join settings and the reports come below the first screen');

  // ---- axe-core on the console. --------------------------------------------------------------
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(serious.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`), [], 'no serious accessibility violation');

  // ---- A control deep in the page acts in place. ---------------------------------------------
  await page.evaluate(() => { window.__cockpitMarker = 'still here'; });
  const roleForm = page.locator('#room-live form.role-form').first();
  await roleForm.scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, 120));
  const scrolled = await page.evaluate(() => window.scrollY);
  assert.ok(scrolled > 300, `the role control is deep in the page (scrollY ${scrolled})`);
  const roleSelect = roleForm.locator('select');
  const roleId = await roleSelect.getAttribute('id');
  const role = (await roleSelect.inputValue()) === 'expert' ? 'participant' : 'expert';
  await roleSelect.selectOption(role);
  await press(page, roleForm.locator('button[type=submit]'));
  assert.equal(await page.evaluate(() => window.__cockpitMarker), 'still here', 'the console was not reloaded');
  const after = await page.evaluate(() => window.scrollY);
  assert.ok(Math.abs(after - scrolled) <= 5, `the scroll stayed where it was (${scrolled} → ${after})`);
  assert.equal(await page.locator(`#${roleId}`).inputValue(), role, 'the role changed');
  assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.closest('form')?.getAttribute('action')),
    await roleForm.getAttribute('action'), 'the focus is back on the same control');

  // ---- Timer: any duration at start, −1 min. -------------------------------------------------
  const challenges = agenda.find((a) => a.kind === 'challenges');
  assert.ok(challenges, 'the demo has a challenges activity');
  await page.goto(consoleUrl);
  await page.evaluate(() => { window.__cockpitMarker = 'still here'; });
  const card = page.locator(`li[data-activity="${challenges.id}"]`);
  if ((await card.locator('form[action$="/open"]').count()) > 0) await press(page, card.locator('form[action$="/open"] button'));
  await card.locator('form.timer-start input[name=minutes]').fill('7');
  await press(page, card.locator('form.timer-start button'));
  const started = await timerSeconds(page, challenges.id);
  assert.ok(started > 6 * 60 && started <= 7 * 60, `the timer started at the minutes typed (${started} s)`);
  await press(page, page.locator(`li[data-activity="${challenges.id}"] form[action$="/timer-shorten"] button`));
  const shortened = await timerSeconds(page, challenges.id);
  assert.ok(shortened > 5 * 60 && shortened <= 6 * 60, `−1 min took a minute off (${started} s → ${shortened} s)`);
  assert.equal(await page.evaluate(() => window.__cockpitMarker), 'still here', 'the timer controls did not reload the console');

  // ---- Lock at zero: the time up, a phone's note is refused in words. -----------------------
  const activityUrl = s.url(`/facilitator/workshops/${workshopId}/activities/${challenges.id}`);
  await page.goto(activityUrl);
  await page.locator('details.settings summary').click();
  await page.locator('#activity-settings input[name=lock_at_zero]').check();
  await press(page, page.locator('#activity-settings button[type=submit]'));
  await page.goto(consoleUrl);
  const cardNow = page.locator(`li[data-activity="${challenges.id}"]`);
  assert.equal(await cardNow.locator('.badge.lock').count(), 1, 'the console says posting stops at zero');
  for (let i = 0; i < 6; i += 1) {
    await press(page, page.locator(`li[data-activity="${challenges.id}"] form[action$="/timer-shorten"] button`));
  }
  assert.equal(await timerSeconds(page, challenges.id), 0, 'the time is up');
  const joinCode = (await page.locator('[data-join-code]').textContent()).trim();
  const phone = await s.newPage({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' });
  await join(s, phone, { joinCode, name: 'Léa Retard', service: 'SPW Mobilité' });
  await phone.goto(s.url(`/w/${workshopId}/a/${challenges.id}`));
  await phone.locator('#note-form textarea').fill('Un défi envoyé trop tard');
  const answered = phone.waitForResponse((r) => r.request().method() === 'POST');
  await phone.locator('#note-form button[type=submit]').click();
  assert.ok((await answered).status() >= 400, 'the note is refused');
  await phone.waitForLoadState('load');
  assert.match(await phone.locator('body').textContent(), /Le temps est écoulé/, 'the phone says the time is up');

  // ---- Undo: a removed activity comes back. --------------------------------------------------
  const added = await addActivity(s, page, { id: workshopId, consoleUrl }, { kind: 'swot', title: 'Atelier à retirer' });
  await page.goto(consoleUrl);
  await page.evaluate(() => { window.__cockpitMarker = 'still here'; });
  await press(page, page.locator(`li[data-activity="${added}"] form[action$="/remove"] button`));
  assert.equal(await page.locator(`li[data-activity="${added}"]`).count(), 0, 'the activity is removed');
  const undo = page.locator('form[data-undo="activity_removed"] button').first();
  assert.match(await undo.textContent(), /Atelier à retirer/, 'the console offers to undo the removal, naming it');
  await page.reload();
  assert.equal(await page.locator('form[data-undo="activity_removed"]').count(), 1, 'the undo is still offered after a reload');
  await page.evaluate(() => { window.__cockpitMarker = 'still here'; });
  await press(page, page.locator('form[data-undo="activity_removed"] button').first());
  assert.equal(await page.locator(`li[data-activity="${added}"]`).count(), 1, 'the activity is back on the agenda');
  assert.equal(await page.evaluate(() => window.__cockpitMarker), 'still here', 'undo did not reload the console');
  assert.deepEqual(s.dialogs ?? [], [], 'no dialog opened');
}, { timeout: 240_000 });
