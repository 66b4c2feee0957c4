// Phones as remote controls: a latecomer joins straight into the activity the room is on (the
// home one link away), the note box is ready again after each note (focused, empty, the SWOT
// quadrant kept), with and without the script, and a note the facilitator hid stays in its
// author's list, where its card says why (and so does "my contributions"). Phones are 390×844.
import assert from 'node:assert/strict';
import { useHarness, scenario } from './harness.mjs';
import {
  signIn, createWorkshop, agendaOf, consoleControl, openAndFocus, join, postNote, waitForNote, eventually,
  assertNoHorizontalScroll, settled,
} from './flows.mjs';

const h = useHarness();

const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

/** The path the page is on. */
const pathOf = (page) => new URL(page.url()).pathname;

/** True when the page's focused element is the note form's text box. */
const boxFocused = (page) => page.evaluate(() => document.activeElement === document.querySelector('#note-form textarea[name=text]'));

scenario(h, 'a latecomer lands on the activity the room is on, and the home stays one link away', async (s) => {
  const console_ = await s.newPage({ viewport: { width: 1366, height: 768 } });
  await signIn(s, console_);
  const workshop = await createWorkshop(s, console_, 'Latecomers');
  const [first, swot] = await agendaOf(s, console_, workshop.id);

  // Nothing open: the home, which says to wait.
  const early = await s.newPage(PHONE);
  await join(s, early, { joinCode: workshop.joinCode, name: 'Ella Early', service: 'SPW' });
  assert.equal(pathOf(early), `/w/${workshop.id}`, 'before anything opens, joining lands on the home');

  // One activity open, no screen sent anywhere: that one.
  await consoleControl(s, console_, workshop, first.id, 'open');
  const second = await s.newPage(PHONE);
  await join(s, second, { joinCode: workshop.joinCode, name: 'Sid Second', service: 'SPW' });
  assert.equal(pathOf(second), `/w/${workshop.id}/a/${first.id}`, 'the one open activity');

  // Two open, every screen sent to the SWOT: the SWOT.
  await openAndFocus(s, console_, workshop, swot.id);
  const late = await s.newPage(PHONE);
  await join(s, late, { joinCode: workshop.joinCode, name: 'Léo Late', service: 'SPW Mobilité' });
  assert.equal(pathOf(late), `/w/${workshop.id}/a/${swot.id}`, 'the focused activity, not the agenda');
  assert.equal(await late.locator('#note-form').count(), 1, 'ready to write at once');
  await assertNoHorizontalScroll(late);

  // The home stays reachable from there.
  const home = late.locator(`a[href="/w/${workshop.id}"]`).first();
  await Promise.all([late.waitForURL((url) => url.pathname === `/w/${workshop.id}`), home.click()]);
  assert.ok(await late.locator('ol.agenda').isVisible(), 'the agenda');

  // Without the script too: the redirect is the server's.
  const plain = await s.newPage({ ...PHONE, javaScriptEnabled: false });
  await join(s, plain, { joinCode: workshop.joinCode, name: 'Nora No-Script', service: 'SPW' });
  assert.equal(pathOf(plain), `/w/${workshop.id}/a/${swot.id}`);
}, { timeout: 90_000 });

scenario(h, 'after a note the box is focused, empty and in its quadrant, with or without the script', async (s) => {
  const console_ = await s.newPage({ viewport: { width: 1366, height: 768 } });
  await signIn(s, console_);
  const workshop = await createWorkshop(s, console_, 'Quick notes');
  const [, swot] = await agendaOf(s, console_, workshop.id);
  await openAndFocus(s, console_, workshop, swot.id);
  for (const javaScriptEnabled of [true, false]) {
    const phone = await s.newPage({ ...PHONE, javaScriptEnabled });
    const how = javaScriptEnabled ? 'with the script' : 'without the script';
    await join(s, phone, { joinCode: workshop.joinCode, name: `Tess ${javaScriptEnabled ? 'Script' : 'Plain'}`, service: 'SPW' });
    assert.equal(pathOf(phone), `/w/${workshop.id}/a/${swot.id}`);
    await phone.locator('#note-form select[name=kind]').selectOption('threat');
    await postNote(s, phone, `A threat ${how}`);
    assert.ok(await phone.locator('#note-form [data-note-sent]').isVisible(), `${how}: the note is said sent`);
    assert.ok(await boxFocused(phone), `${how}: the box has the focus again`);
    assert.equal(await phone.locator('#note-form textarea[name=text]').inputValue(), '', `${how}: the box is empty`);
    assert.equal(await phone.locator('#note-form select[name=kind]').inputValue(), 'threat', `${how}: the quadrant is kept`);
    const top = await phone.locator('#note-form').evaluate((form) => form.getBoundingClientRect().top);
    assert.ok(top >= 0 && top < 40, `${how}: the form stays where the note was written (its top at ${top} px)`);
    // The next note is typed straight away, at the same place.
    await phone.keyboard.type(`Another threat ${how}`);
    await Promise.all([phone.waitForEvent('load'), phone.locator('#note-form button[type=submit]').click()]);
    await waitForNote(phone, `Another threat ${how}`);
    assert.ok(await boxFocused(phone), `${how}: focused again after the second note`);
    const threats = await phone.locator('.quadrant-threat li.note .note-text').allTextContents();
    assert.ok(threats.some((text) => text.includes(`Another threat ${how}`)), `${how}: typed into the box and filed as a threat`);
    await assertNoHorizontalScroll(phone);
  }
}, { timeout: 90_000 });

scenario(h, 'a hidden note stays in its author’s list with the reason, and on “my contributions”', async (s) => {
  const console_ = await s.newPage({ viewport: { width: 1366, height: 768 } });
  await signIn(s, console_);
  const workshop = await createWorkshop(s, console_, 'Moderated notes');
  const [, swot] = await agendaOf(s, console_, workshop.id);
  await openAndFocus(s, console_, workshop, swot.id);
  const author = await s.newPage(PHONE);
  await join(s, author, { joinCode: workshop.joinCode, name: 'Alice Author', service: 'SPW' });
  const other = await s.newPage(PHONE);
  await join(s, other, { joinCode: workshop.joinCode, name: 'Otto Other', service: 'SPW' });
  await postNote(s, author, 'A note off topic');
  await postNote(s, author, 'A note on topic');
  await waitForNote(other, 'A note off topic');

  await console_.goto(s.url(`/facilitator/workshops/${workshop.id}/activities/${swot.id}`));
  const card = console_.locator('li.note', { has: console_.locator('p.note-text', { hasText: 'A note off topic' }) }).first();
  await card.locator('details.moderate > summary').click();
  await card.locator('input[name=reason]').fill('Off topic: bring it up at the end of the day');
  const done = await settled(console_);
  await card.locator('form.moderate-hide button[type=submit]').click();
  await done();

  await eventually('the other phone no longer shows it', async () => {
    const texts = await other.locator('li.note p.note-text').allTextContents();
    assert.ok(texts.every((text) => !text.includes('A note off topic')), texts.join(' | '));
  });
  const hidden = author.locator('li.note.note-hidden', { has: author.locator('p.note-text', { hasText: 'A note off topic' }) });
  await eventually('the author’s list keeps the note, marked hidden with its reason', async () => {
    assert.equal(await hidden.count(), 1);
    const reason = (await hidden.locator('.hidden-reason').textContent()).trim();
    assert.match(reason, /^Hidden from the room by the facilitator: only you see this note\. Reason: Off topic: bring it up at the end of the day$/);
  });
  assert.equal(await author.locator('.hidden-notes-list').count(), 0, 'not apart at the bottom of the page any more');
  const inPlace = await author.locator('.quadrant-strength li.note p.note-text').allTextContents();
  assert.deepEqual(inPlace.map((text) => text.trim()), ['A note on topic', 'A note off topic'], 'in its place among the author’s notes');
  await assertNoHorizontalScroll(author);

  await author.goto(s.url(`/w/${workshop.id}/mine`));
  const mine = author.locator('li.mine-item', { has: author.locator('p.note-text', { hasText: 'A note off topic' }) });
  assert.match((await mine.locator('.hidden-reason').textContent()).trim(),
    /^Hidden from the room by the facilitator: only you see it\. Reason: Off topic: bring it up at the end of the day$/);
  assert.equal(await author.locator('li.mine-item', { hasText: 'A note on topic' }).locator('.hidden-reason').count(), 0);
}, { timeout: 90_000 });
