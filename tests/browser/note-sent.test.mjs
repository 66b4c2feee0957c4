// A phone after sending a note: the page lands on the form again, says the note was sent (and
// has a screen reader say it), keeps the SWOT quadrant last used for the next note, and the live
// updates leave all that alone. In brainwriting the writing box comes before the sheet's earlier
// ideas, its button in sight while they are read. Phones are 390×844.
import assert from 'node:assert/strict';
import { useHarness, scenario } from './harness.mjs';
import {
  signIn, createWorkshop, agendaOf, consoleControl, join, postNote, waitForNote, eventually, addActivity, formTables,
  activityPageControl, assertNoHorizontalScroll,
} from './flows.mjs';

const h = useHarness();

const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

scenario(h, 'a phone says a note was sent, keeps its quadrant, and writes brainwriting ideas before reading the sheet', async (s) => {
  const console_ = await s.newPage({ viewport: { width: 1280, height: 800 } });
  await signIn(s, console_);
  const workshop = await createWorkshop(s, console_, 'Remote controls');
  const [, swot] = await agendaOf(s, console_, workshop.id);
  assert.equal(swot?.kind, 'swot', 'the default workshop has a SWOT second');
  const phones = [await s.newPage(PHONE), await s.newPage(PHONE)];
  await join(s, phones[0], { joinCode: workshop.joinCode, name: 'Sara Swot', service: 'SPW Finances' });
  await join(s, phones[1], { joinCode: workshop.joinCode, name: 'Omar Other', service: 'SPW Mobilité' });

  // ---- SWOT: the quadrant is kept, the confirmation stays through the live updates. ----------
  await consoleControl(s, console_, workshop, swot.id, 'open');
  const swotPath = `/w/${workshop.id}/a/${swot.id}`;
  for (const phone of phones) await phone.goto(s.url(swotPath));
  const [sara, omar] = phones;
  for (const text of ['Motivated staff', 'Few budgets', 'A new decree', 'Tired citizens']) await postNote(s, omar, text);
  await sara.locator('#note-form select[name=kind]').selectOption('opportunity');
  await postNote(s, sara, 'A regional law on participation');
  const landed = new URL(sara.url());
  assert.equal(landed.pathname, swotPath);
  assert.equal(landed.searchParams.get('kind'), 'opportunity', 'the address carries the quadrant');
  assert.equal(landed.searchParams.get('sent'), null, 'the script takes `sent` out of the address, so a reload says nothing');
  assert.equal(landed.hash, '#text', 'the anchor is the text box, which the browser focuses');
  const sent = sara.locator('#note-form [data-note-sent]');
  assert.equal((await sent.textContent()).trim(), 'Note sent.');
  assert.ok(await sent.isVisible(), 'the confirmation shows');
  await eventually('a screen reader is told', async () => {
    assert.deepEqual(await sara.locator('#note-form [role=status]').allTextContents(), ['Note sent.', 'Note sent.']);
  });
  assert.equal(await sara.locator('#note-form select[name=kind]').inputValue(), 'opportunity', 'the quadrant is kept');
  assert.equal(await sara.locator('#note-form textarea[name=text]').inputValue(), '', 'the box is empty');
  const top = await sara.locator('#note-form').evaluate((form) => form.getBoundingClientRect().top);
  assert.ok(await sara.evaluate(() => window.scrollY > 0) && top >= 0 && top < 40, `the form is in sight at the top, not the page's top (its top at ${top} px)`);
  await assertNoHorizontalScroll(sara);

  // Omar posts: Sara's board follows live, and her form keeps what it says.
  await postNote(s, omar, 'Elections next year');
  await waitForNote(sara, 'Elections next year');
  assert.ok(await sent.isVisible(), 'the live update leaves the confirmation');
  assert.equal(await sara.locator('#note-form select[name=kind]').inputValue(), 'opportunity');
  assert.equal(await omar.locator('[data-note-sent]').count(), 1, 'Omar is told about his own note');

  // The next note goes to the same quadrant without choosing it again.
  await postNote(s, sara, 'European funds for participation');
  assert.equal(await sara.locator('#note-form select[name=kind]').inputValue(), 'opportunity');
  const opportunities = await sara.locator('.quadrant-opportunity li.note .note-text').allTextContents();
  assert.deepEqual(opportunities.map((text) => text.trim()).sort(), ['A regional law on participation', 'European funds for participation']);
  await sara.reload();
  assert.equal(await sara.locator('[data-note-sent]').count(), 0, 'a reload does not say it again');

  // ---- Brainwriting: the writing box first, the sheet's ideas under it. ----------------------
  const brainwriting = await addActivity(s, console_, workshop, { kind: 'brainwriting', title: 'Ideas, sheet by sheet' });
  await formTables(s, console_, workshop, 2);
  await consoleControl(s, console_, workshop, brainwriting, 'open');
  await activityPageControl(s, console_, workshop, brainwriting, 'brainwriting-start');
  const bwPath = `/w/${workshop.id}/a/${brainwriting}`;
  for (const phone of phones) await phone.goto(s.url(bwPath));
  await postNote(s, sara, 'A participation officer in every service');
  assert.ok(await sara.locator('[data-bw-form-round="0"] #note-form [data-note-sent]').isVisible(), 'a brainwriting idea is said sent too');
  await postNote(s, omar, 'A yearly report to the parliament');
  await activityPageControl(s, console_, workshop, brainwriting, 'next-round');
  // The phone loads its page afresh by itself when the sheets turn; a navigation of our own
  // would race it.
  const form = sara.locator('[data-bw-form-round="1"] #note-form');
  await form.waitFor({ state: 'attached', timeout: 10_000 }).catch(() => {
    throw new Error(`round 2 did not reach Sara’s phone: it is on ${sara.url()}`);
  });
  await sara.waitForLoadState('load');
  assert.equal(await form.count(), 1, 'round 2 on Sara’s phone');
  const order = await form.evaluate((element) => {
    const position = (css) => [...element.querySelectorAll('*')].indexOf(element.querySelector(css));
    return { text: position('textarea[name=text]'), sheet: position('.bw-builds-on-choices'), button: position('button[type=submit]') };
  });
  assert.ok(order.text >= 0 && order.sheet > order.text, `the writing box comes before the sheet's ideas: ${JSON.stringify(order)}`);
  const box = await form.locator('textarea[name=text]').boundingBox();
  assert.ok(box.y + box.height <= 844, `the writing box is in sight at once (it ends at ${box.y + box.height} px)`);
  const onSheet = await form.locator('.bw-builds-on-choices .note-text').allTextContents();
  assert.deepEqual(onSheet.map((text) => text.trim()), ['A yearly report to the parliament'], 'Omar’s sheet, with his idea, under the box');
  const inSight = await form.locator('button[type=submit]').evaluate((button) => {
    const rect = button.getBoundingClientRect();
    return rect.top >= 0 && rect.bottom <= window.innerHeight;
  });
  assert.ok(inSight, 'the button is in sight');
  await assertNoHorizontalScroll(sara);
  await form.locator('.bw-builds-on-choices input[name=link]').check();
  await postNote(s, sara, 'And the report read out in public');
  assert.ok(await sara.locator('[data-note-sent]').isVisible(), 'the second idea is said sent');
}, { timeout: 90_000 });
