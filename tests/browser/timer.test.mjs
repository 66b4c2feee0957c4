// When the time is up, every screen says so: a phone shows a banner (announced once), the
// projection chimes. The clocks are the browser's own, fast-forwarded: nobody waits five minutes.
import assert from 'node:assert/strict';
import { useHarness, scenario } from './harness.mjs';
import { signIn, createWorkshop, agendaOf, openAndFocus, openScreen, join, consoleControl } from './flows.mjs';

const h = useHarness();

scenario(h, 'the end of the time shows as a banner on phones and chimes on the projection', async (s) => {
  const console_ = await s.newPage({ viewport: { width: 1366, height: 768 }, locale: 'fr-FR' });
  await signIn(s, console_);
  const workshop = await createWorkshop(s, console_, 'Le temps file');
  const [first] = (await agendaOf(s, console_, workshop.id)).map((a) => a.id);
  await openAndFocus(s, console_, workshop, first);

  const phone = await s.newPage({ viewport: { width: 360, height: 740 }, locale: 'fr-FR' });
  await join(s, phone, { joinCode: workshop.joinCode, name: 'Alice Martin', service: 'SPW' });
  await consoleControl(s, console_, workshop, first, 'timer-start');

  const screen = await openScreen(s, console_, workshop.id);
  await screen.setViewportSize({ width: 1280, height: 720 });
  for (const page of [phone, screen]) {
    await page.clock.install();
    await page.addInitScript(() => {
      window.__chimes = 0;
      document.addEventListener('converge:timer-over', () => { window.__chimes += 1; });
    });
  }
  await phone.goto(s.url(`/w/${workshop.id}/a/${first}`));
  await screen.reload();
  const banner = phone.locator('.timer-over-note');
  assert.equal(await banner.isVisible(), false, 'no banner while time is left');

  // Both screens are counting down, as in the room, before the time runs out.
  for (const page of [phone, screen]) await page.waitForFunction(() => document.querySelector('[data-timer-counted]'));
  for (const page of [phone, screen]) await page.clock.fastForward('30:00');
  await banner.waitFor({ state: 'visible', timeout: 5_000 });
  assert.equal(await banner.textContent(), 'Temps écoulé');
  assert.equal(await phone.locator('.timer.over').count(), 1, 'the timer line turns into a banner');
  assert.equal(await screen.evaluate(() => window.__chimes), 1, 'the projection chimes once, when the time runs out');
  assert.equal(await screen.locator('.timer.over .timer-value').textContent(), '0:00');

});
