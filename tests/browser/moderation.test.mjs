// Moderation as people click it: the facilitator hides a note with a reason (it leaves the
// projection; its author's phone says why), corrects a typo (marked as edited), a participant
// corrects then deletes their own note, and a merge made with a deliberately chosen target lists
// both notes, then is undone. axe-core stays clean on the console and the phone with moderation.
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { useHarness, scenario } from './harness.mjs';
import {
  signIn, createWorkshop, openFirstActivity, openScreen, join, enterFirstActivity, postNote, waitForNote,
  eventually, assertNoHorizontalScroll, settled,
} from './flows.mjs';

const h = useHarness();

/** Clicks the submit button of `form` and waits for the page that follows, or for the console
 *  to update in place. */
async function submit(page, form) {
  const loaded = await settled(page);
  await form.locator('button[type=submit]').first().click();
  await loaded();
}

/** The note card on `page` holding `text` in its own text. */
function card(page, text) {
  return page.locator('li.note', { has: page.locator('p.note-text', { hasText: text }) }).first();
}

async function noteGone(page, text) {
  await eventually(`"${text}" leaves ${new URL(page.url()).pathname}`, async () => {
    const texts = await page.locator('li.note p.note-text').allTextContents();
    assert.ok(texts.every((shown) => !shown.includes(text)), `still shown: ${texts.join(' | ')}`);
  });
}

async function axe(page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((violation) => ['serious', 'critical'].includes(violation.impact))
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

scenario(h, 'the facilitator hides, corrects and unmerges notes, and a participant changes their own', async (s) => {
  const console_ = await s.newPage({ viewport: { width: 1366, height: 768 }, locale: 'fr-FR' });
  await signIn(s, console_);
  const workshop = await createWorkshop(s, console_, 'Atelier modéré');
  await openFirstActivity(s, console_);
  const screen = await openScreen(s, console_, workshop.id);

  const author = await s.newPage({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' });
  await join(s, author, { joinCode: workshop.joinCode, name: 'Alice Martin', service: 'SPW' });
  const activityId = await enterFirstActivity(s, author);
  const other = await s.newPage({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' });
  await join(s, other, { joinCode: workshop.joinCode, name: 'Bruno Lambert', service: 'SPW' });
  await enterFirstActivity(s, other);

  await postNote(s, author, 'Une remarque hors sujet');
  for (const text of ['Les délais sont trop courst', 'Une note à corriger', 'Une note à supprimer',
    'Simplifier les formulaires', 'Des formulaires plus simples']) {
    await postNote(s, other, text);
  }
  await waitForNote(screen, 'Une remarque hors sujet');
  await waitForNote(screen, 'Des formulaires plus simples');

  // The facilitator hides a note, with a reason.
  await console_.goto(s.url(`/facilitator/workshops/${workshop.id}/activities/${activityId}`));
  let offensive = card(console_, 'Une remarque hors sujet');
  await offensive.locator('details.moderate > summary').click();
  await offensive.locator('input[name=reason]').fill('Hors sujet : à reprendre en fin de journée');
  await check(console_, 'the console with a note being moderated');
  await submit(console_, offensive.locator('form.moderate-hide'));
  await noteGone(screen, 'Une remarque hors sujet');
  await noteGone(other, 'Une remarque hors sujet');
  await eventually('the author reads why their note was hidden', async () => {
    const reason = await author.locator('.hidden-reason').allTextContents();
    assert.ok(reason.some((text) => text.includes('à reprendre en fin de journée')), `reason shown: ${reason}`);
  });
  await assertNoHorizontalScroll(author);
  await check(author, 'the author’s phone with a hidden note');
  assert.ok(await console_.locator('.hidden-notes-list p.note-text', { hasText: 'Une remarque hors sujet' }).isVisible(),
    'the console lists the hidden note, to show it again');

  // A typo corrected: the screen shows the new text, marked as edited.
  const typo = card(console_, 'Les délais sont trop courst');
  await typo.locator('details.moderate > summary').click();
  await typo.locator('textarea[name=text]').fill('Les délais sont trop courts');
  await submit(console_, typo.locator('form.moderate-edit'));
  await waitForNote(screen, 'Les délais sont trop courts');
  await noteGone(screen, 'trop courst');
  const corrected = card(screen, 'Les délais sont trop courts');
  assert.ok((await corrected.locator('.note-edited').textContent()).includes('modifiée'), 'a discreet "edited" mark');

  // A participant corrects their own note, then deletes another.
  await other.reload();
  const own = card(other, 'Une note à corriger');
  await own.locator('details.own-note > summary').click();
  await own.locator('textarea[name=text]').fill('Une note corrigée par son auteur');
  await submit(other, own.locator('form.own-edit'));
  await waitForNote(screen, 'Une note corrigée par son auteur');
  const doomed = card(other, 'Une note à supprimer');
  await doomed.locator('details.own-note > summary').click();
  await submit(other, doomed.locator('form.own-delete'));
  await noteGone(screen, 'Une note à supprimer');
  assert.equal(await card(author, 'Une note corrigée').locator('details.own-note').count(), 0,
    'nobody else is offered to change it');

  // A merge with a target chosen on purpose: nothing is preselected.
  await console_.reload();
  const duplicate = card(console_, 'Des formulaires plus simples');
  const select = duplicate.locator('select[name=into]');
  assert.equal(await select.inputValue(), '', 'no target is preselected');
  const target = await select.locator('option', { hasText: 'Simplifier les formulaires' }).getAttribute('value');
  await select.selectOption(target);
  await submit(console_, duplicate.locator('form[action$="/merge"]'));
  const kept = card(console_, 'Simplifier les formulaires');
  assert.match(await kept.locator('details.merged > summary').textContent(), /1 note fusionnée dans celle-ci/);
  assert.ok((await kept.locator('details.merged').textContent()).includes('Des formulaires plus simples'),
    'the merged card lists the merged note');
  await eventually('the screen shows both notes in one card', async () => {
    const merged = await card(screen, 'Simplifier les formulaires').locator('details.merged').textContent();
    assert.ok(merged.includes('Des formulaires plus simples'));
  });

  // Unmerged: both notes stand on their own again.
  await submit(console_, kept.locator('form.unmerge-form'));
  assert.equal(await card(console_, 'Simplifier les formulaires').locator('details.merged').count(), 0);
  await eventually('the screen shows the two notes apart again', async () => {
    assert.equal(await card(screen, 'Des formulaires plus simples').count(), 1);
    assert.equal(await card(screen, 'Simplifier les formulaires').locator('details.merged').count(), 0);
  });
  assert.deepEqual(s.dialogs, [], 'no dialog opened');
}, { timeout: 120_000 });

async function check(page, where) {
  const found = await axe(page);
  assert.deepEqual(found, [], `${where} has accessibility violations`);
}
