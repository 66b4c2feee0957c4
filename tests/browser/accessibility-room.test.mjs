// Accessibility of the room's newer views, with real content: the Wallonia demo (every
// activity done, at the hackathon's volume), one board reopened with a note hidden by the
// facilitator. Checked with axe-core in Chromium, in French and in English side by side (two
// facilitator sessions, two phones at 390×844, two screens): the console's cockpit with a
// running timer, every folded control opened (moderation: hide with a reason, correct, remove
// "for good", unmerge; the activity's settings with the lock at zero), the note board, the
// categorize board, brainwriting sheets and risks with their moderation, the shortlist form and
// the selection summary, the board export links, the hidden note on its author's phone and on
// "my contributions", the spotlight, a zoom on one SWOT quadrant, the projection of a
// brainwriting, the screen link's page, and the closed workshop's console, screen and phone.
// No serious or critical violation of WCAG 2.1 A/AA is allowed.
import assert from 'node:assert/strict';
import { check as checkAll } from './axe.mjs';
import { useHarness, scenario } from './harness.mjs';
import { addActivity, agendaOf, consoleControl, join, postNote, settled, eventually, signIn } from './flows.mjs';

const h = useHarness({ demo: true });

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1366, height: 768 };
const PROJECTOR = { width: 1280, height: 720 };

/** Checks the page with every folded control opened (see axe.mjs). */
const check = (found, page, where) => checkAll(found, page, where, { openFolds: true });

/** Clicks the submit button of `form` and waits for the page that follows or the update in place. */
async function submit(page, form) {
  const done = await settled(page);
  await form.locator('button[type=submit]').first().click();
  await done();
}

scenario(h, 'the cockpit, moderation, shortlist, hidden notes, spotlight, zoom, screen link and closed workshop have no serious accessibility violation, in French and English', async (s) => {
  const { workshop: id } = s.h.server.demo;
  const found = [];
  const facilitatorUrl = (path = '') => s.url(`/facilitator/workshops/${id}${path}`);

  // One facilitator session, one phone and one screen per language.
  const rooms = [];
  for (const [locale, name] of [['fr-FR', 'Zoé Retard'], ['en-US', 'Yann Late']]) {
    const console_ = await s.newPage({ viewport: LAPTOP, locale });
    await signIn(s, console_);
    const screen = await console_.context().newPage();
    await screen.setViewportSize(PROJECTOR);
    rooms.push({ locale, name, console: console_, screen });
  }
  const [fr] = rooms;
  await fr.console.goto(facilitatorUrl());
  const csrf = await fr.console.inputValue('input[name=_csrf]');
  const joinCode = (await fr.console.locator('[data-join-code]').first().textContent()).trim();
  const post = async (path, form) => {
    const response = await fr.console.request.post(facilitatorUrl(path), { form: { _csrf: csrf, ...form }, maxRedirects: 0 });
    assert.ok(response.status() < 400, `POST ${path} answered ${response.status()}`);
  };
  const byKind = Object.fromEntries((await agendaOf(s, fr.console, id)).map((activity) => [activity.kind, activity.id]));
  for (const kind of ['challenges', 'swot', 'categorize', 'brainwriting', 'risk_map']) {
    assert.ok(byKind[kind], `the demo has a ${kind} activity`);
  }
  /** Runs `each(room)` for both languages at once (the checks are the slow part). */
  const inBoth = (each) => Promise.all(rooms.map(each));

  // The challenges board reopened and on every screen, its timer running; a latecomer per
  // language joins on a phone, writes a note, and the facilitator hides it with a reason.
  const board = byKind.challenges;
  await post(`/activities/${board}/open`, {});
  await post('/focus', { activity_id: board });
  for (const room of rooms) {
    room.phone = await s.newPage({ viewport: PHONE, locale: room.locale, isMobile: true });
    await join(s, room.phone, { joinCode, name: room.name, service: 'SPW' });
    await room.phone.goto(s.url(`/w/${id}/a/${board}`));
    room.note = `${room.name} : une remarque hors sujet`;
    await postNote(s, room.phone, room.note);
  }
  for (const room of rooms) {
    const note = room.phone.locator('li.note', { has: room.phone.locator('p.note-text', { hasText: room.note }) }).first();
    const contribution = await note.getAttribute('data-contribution');
    await post(`/contributions/${contribution}/hide`, { reason: 'Hors sujet, à reprendre en fin de journée' });
  }
  await inBoth(async (room) => {
    await room.phone.goto(s.url(`/w/${id}/a/${board}`));
    await room.phone.locator('.hidden-reason').first().waitFor();
  });
  // One of them has stepped out (the console greys their line); the screen link exists.
  await fr.console.goto(facilitatorUrl());
  const away = await fr.console.locator('ul.participants > li').evaluateAll((items, name) => items
    .find((item) => item.textContent.trim().startsWith(name))?.querySelector('form[action$="/leave"]')?.getAttribute('action'), rooms[1].name);
  assert.ok(away, `the console lists ${rooms[1].name} with a control to mark them away`);
  await post(away.replace(`/facilitator/workshops/${id}`, ''), {});
  // A merge on the board and a move in the agenda, both offered to be undone.
  await fr.console.goto(facilitatorUrl(`/activities/${board}`));
  const [duplicate, kept] = await fr.console.locator('#activity-live li.note:not(.note-hidden)[data-contribution]')
    .evaluateAll((notes) => notes.slice(-2).map((note) => note.dataset.contribution));
  await post(`/contributions/${duplicate}/merge`, { into: kept });
  await post(`/activities/${byKind.risk_map}/move-up`, {});
  await fr.console.goto(facilitatorUrl());
  await submit(fr.console, fr.console.locator('form[action$="/screen-link/create"]'));
  const screenUrl = await fr.console.locator('input#screen-url').inputValue();

  await consoleControl(s, fr.console, { id, consoleUrl: facilitatorUrl() }, board, 'timer-start');
  // The cockpit, the board with its moderation and hidden notes, the phones and the screen.
  await inBoth(async (room) => {
    const where = room.locale;
    // The French cockpit as the live script left it after starting the timer in place.
    if (room !== fr) await room.console.goto(facilitatorUrl());
    assert.equal(await room.console.locator('ul.participants > li.absent').count(), 1, 'one participant is away');
    assert.ok(await room.console.locator('form[action$="/undo"]').count(), 'the move can be undone');
    await check(found, room.console, `${where} cockpit`);
    await room.console.goto(facilitatorUrl(`/activities/${board}`));
    assert.ok(await room.console.locator('.hidden-notes-list').count(), 'the board lists the hidden notes');
    assert.ok(await room.console.locator('form[action$="/undo"]').count(), 'the merge can be undone');
    await check(found, room.console, `${where} note board with moderation`);
    await check(found, room.phone, `${where} phone with a hidden note`);
    await room.phone.goto(s.url(`/w/${id}/mine`));
    await check(found, room.phone, `${where} my contributions with a hidden note`);
    await room.screen.goto(facilitatorUrl('/screen'));
    await check(found, room.screen, `${where} screen on a board with a timer`);
  });

  // The spotlight on one note.
  await submit(fr.console, fr.console.locator('.spotlight-form').first());
  await inBoth(async (room) => {
    await room.screen.goto(facilitatorUrl('/screen'));
    await room.screen.locator('[data-spotlight]').waitFor();
    await check(found, room.screen, `${room.locale} spotlight`);
  });
  await post(`/activities/${board}/close`, {});

  // A zoom on the SWOT's threats, from its page.
  const swot = byKind.swot;
  await post('/focus', { activity_id: swot });
  await fr.console.goto(facilitatorUrl(`/activities/${swot}`));
  await fr.console.selectOption('#zoom-part', 'quadrant:threat');
  await submit(fr.console, fr.console.locator('#projection-zoom'));
  await inBoth(async (room) => {
    await room.console.goto(facilitatorUrl(`/activities/${swot}`));
    await check(found, room.console, `${room.locale} SWOT page with the zoom form`);
    await room.screen.goto(facilitatorUrl('/screen'));
    await room.screen.locator('.swot-zoomed').waitFor();
    await check(found, room.screen, `${room.locale} zoomed SWOT quadrant`);
  });

  // The brainwriting on the screen; its sheets, the categorize board and the risks with their
  // moderation on the facilitator's pages.
  await post('/focus', { activity_id: byKind.brainwriting });
  await inBoth(async (room) => {
    await room.screen.goto(facilitatorUrl('/screen'));
    await check(found, room.screen, `${room.locale} brainwriting projection`);
    for (const kind of ['brainwriting', 'categorize', 'risk_map']) {
      await room.console.goto(facilitatorUrl(`/activities/${byKind[kind]}`));
      assert.ok(await room.console.locator('details.moderate').count(), `${kind}: moderation on the page`);
      await check(found, room.console, `${room.locale} ${kind} page with moderation`);
    }
  });

  // A vote added to the agenda takes a hand shortlist of the challenges: the form and the summary.
  const vote = await addActivity(s, fr.console, { id, consoleUrl: facilitatorUrl() }, { kind: 'vote', title: 'Vote sur une sélection' });
  await fr.console.locator('details.settings summary').click();
  const settings = fr.console.locator('#activity-settings');
  await settings.locator(`input[name=source][value="${board}"]`).check();
  await settings.locator('select[name=take]').selectOption('shortlist');
  await submit(fr.console, settings);
  // The shortlist stands outside the live region (boxes being ticked are never swapped away).
  await fr.console.reload();
  const shortlist = fr.console.locator('#shortlist');
  for (const box of (await shortlist.locator('input[type=checkbox]').all()).slice(0, 3)) await box.check();
  await submit(fr.console, shortlist);
  await inBoth(async (room) => {
    await room.console.goto(facilitatorUrl(`/activities/${vote}`));
    assert.equal(await room.console.locator('#shortlist').count(), 1, 'the shortlist form');
    assert.ok(await room.console.locator('.selection-summary').count(), 'the selection summary');
    await check(found, room.console, `${room.locale} shortlist and selection summary`);
  });

  // The screen link, opened signed out.
  await inBoth(async (room) => {
    const tv = await s.newPage({ viewport: PROJECTOR, locale: room.locale });
    await tv.goto(screenUrl);
    await check(found, tv, `${room.locale} screen link`);
  });
  // The workshop closed: its confirmation, console, screen and phones.
  await inBoth(async (room) => {
    await room.console.goto(facilitatorUrl('/close'));
    await check(found, room.console, `${room.locale} closing confirmation`);
  });
  await submit(fr.console, fr.console.locator('#close-workshop'));
  await inBoth(async (room) => {
    await room.console.goto(facilitatorUrl());
    await check(found, room.console, `${room.locale} closed console`);
    await room.screen.goto(facilitatorUrl('/screen'));
    await check(found, room.screen, `${room.locale} closed screen`);
    await eventually('the phone knows the workshop is closed', async () => {
      await room.phone.goto(s.url(`/w/${id}`));
      assert.equal(await room.phone.locator('.closed-thanks').count(), 1);
    });
    await check(found, room.phone, `${room.locale} phone of a closed workshop`);
  });

  assert.ok(found.length === 0, `serious or critical accessibility violations:\n  ${found.join('\n  ')}`);
}, { timeout: 150_000 });
