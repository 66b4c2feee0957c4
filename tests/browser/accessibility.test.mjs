// Accessibility of the pages people use, checked with axe-core in Chromium: the public pages,
// the facilitator's dashboard, console and projection screen, and a phone's page of every kind of
// activity the flagship template holds, in French and in English. No serious or critical
// violation of WCAG 2.1 A/AA is allowed.
import assert from 'node:assert/strict';
import { check } from './axe.mjs';
import { useHarness, scenario } from './harness.mjs';
import { signIn, createWorkshopFromTemplate, agendaOf, openAndFocus, join, waitForFollowedFocus } from './flows.mjs';

const h = useHarness();

scenario(h, 'the public pages, the console, the screen and every kind of activity on a phone have no serious accessibility violation', async (s) => {
  const found = [];
  for (const locale of ['fr-FR', 'en-US']) {
    const visitor = await s.newPage({ locale });
    for (const path of ['/', '/join', '/signin']) {
      await visitor.goto(s.url(path));
      await check(found, visitor, `${locale} visitor`);
    }
  }

  const console_ = await s.newPage({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });
  await signIn(s, console_);
  await check(found, console_, 'dashboard');
  const workshop = await createWorkshopFromTemplate(s, console_, 'Atelier accessible', 'smarter-democracy-hackathon');
  await check(found, console_, 'console');
  const screen = await console_.context().newPage();
  await screen.goto(s.url(`/facilitator/workshops/${workshop.id}/screen`));

  const phones = [];
  for (const [locale, name] of [['fr-FR', 'Alice Martin'], ['en-US', 'Bruno Lambert']]) {
    const phone = await s.newPage({ locale });
    await join(s, phone, { joinCode: workshop.joinCode, name, service: 'SPW' });
    await check(found, phone, `${locale} phone home`);
    phones.push(phone);
  }

  // One activity of each kind: opened and sent to every screen, then checked where people see it.
  const seen = new Set();
  for (const activity of await agendaOf(s, console_, workshop.id)) {
    if (seen.has(activity.kind)) continue;
    seen.add(activity.kind);
    await openAndFocus(s, console_, workshop, activity.id);
    await console_.goto(s.url(`/facilitator/workshops/${workshop.id}/activities/${activity.id}`));
    await check(found, console_, `facilitator page of ${activity.kind}`);
    // The phones take turns: each language sees half of the kinds, the page is the same markup.
    const phone = phones[seen.size % phones.length];
    await phone.goto(s.url(`/w/${workshop.id}/a/${activity.id}`));
    await check(found, phone, `phone on ${activity.kind}`);
    await screen.reload();
    await check(found, screen, `screen on ${activity.kind}`);
  }
  assert.ok(seen.size >= 5, `the flagship template has several kinds of activity (saw ${[...seen].join(', ')})`);

  await console_.goto(workshop.consoleUrl);
  await check(found, console_, 'console with every kind opened');
  await phones[0].goto(s.url(`/w/${workshop.id}/mine`));
  await check(found, phones[0], 'my contributions');
  assert.ok(found.length === 0, `serious or critical accessibility violations:\n  ${found.join('\n  ')}`);
}, { timeout: 120_000 });
