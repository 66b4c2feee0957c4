// From an idea to its public follow-up, in a browser: a phone writes an idea in brainwriting and
// drafts an action card from it, posts a risk and links the action that mitigates it; the
// facilitator closes the workshop, publishes the follow-up page, which a stranger then reads
// without signing in, and downloads the PDF report.
import assert from 'node:assert/strict';
import { useHarness, scenario } from './harness.mjs';
import {
  signIn, createWorkshop, addActivity, openAndFocus, activityPageControl, join, postNote, eventually,
  waitForFollowedFocus, assertNoHorizontalScroll,
} from './flows.mjs';

const h = useHarness();

async function submitAndLoad(page, button) {
  await Promise.all([page.waitForEvent('load'), button.click()]);
}

scenario(h, 'an idea becomes an action, a risk names it, and the closed workshop is followed up in public', async (s) => {
  const console_ = await s.newPage({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });
  await signIn(s, console_);
  const workshop = await createWorkshop(s, console_, 'Du papier à la réforme');
  const ideas = await addActivity(s, console_, workshop, { kind: 'brainwriting', title: 'Idées' });
  const plan = await addActivity(s, console_, workshop, { kind: 'action_plan', title: 'Plan d’action' });
  const risks = await addActivity(s, console_, workshop, { kind: 'risk_map', title: 'Risques' });

  const phone = await s.newPage({ viewport: { width: 360, height: 640 }, locale: 'fr-FR' });
  await join(s, phone, { joinCode: workshop.joinCode, name: 'Chloé Dubois', service: 'SPW Digital' });

  // Brainwriting: the phone gets a sheet and writes an idea.
  await openAndFocus(s, console_, workshop, ideas);
  await waitForFollowedFocus(phone, workshop.id, ideas);
  await activityPageControl(s, console_, workshop, ideas, 'brainwriting-start');
  await eventually('the phone shows a blank sheet', async () => {
    assert.equal(await phone.locator('[data-bw-form-round="0"] #note-form textarea[name=text]').count(), 1);
  });
  const idea = 'Un guichet numérique unique pour toutes les consultations';
  await postNote(s, phone, idea);

  // The plan: a card drafted from the idea, the idea ticked as its source.
  await openAndFocus(s, console_, workshop, plan);
  await waitForFollowedFocus(phone, workshop.id, plan);
  const draftFrom = phone.locator('li.material-item', { hasText: idea }).locator('a.draft-from');
  await Promise.all([phone.waitForURL(/\/actions\/new\?source=/, { waitUntil: 'load' }), draftFrom.click()]);
  const form = phone.locator('#new-card-form');
  assert.equal(await form.locator('input[name=source]:checked').count(), 1, 'the idea is ticked as the source');
  const title = 'Ouvrir un guichet unique des consultations';
  await form.locator('[name=title]').fill(title);
  await form.locator('[name=owner]').fill('SPW Digital');
  await form.locator('select[name=jurisdiction]').selectOption('administration');
  await submitAndLoad(phone, form.locator('button[type=submit]'));
  await assertNoHorizontalScroll(phone);

  // The risk map: a risk, and the action that mitigates it.
  await phone.goto(s.url(`/w/${workshop.id}/a/${plan}`));
  await openAndFocus(s, console_, workshop, risks);
  await waitForFollowedFocus(phone, workshop.id, risks);
  const risk = 'Les services ne publient pas leurs consultations sur le guichet';
  await postNote(s, phone, risk);
  const riskItem = phone.locator('li.risk', { hasText: risk });
  await riskItem.locator('details.link-actions summary').click();
  await riskItem.locator('details.link-actions input[name=action]').check();
  await submitAndLoad(phone, riskItem.locator('details.link-actions button[type=submit]'));
  assert.match(await phone.locator('li.risk', { hasText: risk }).locator('.mitigations').textContent(), new RegExp(title));

  // The facilitator closes the workshop (with a confirmation) and publishes the follow-up.
  await console_.goto(s.url(`/facilitator/workshops/${workshop.id}/close`));
  await submitAndLoad(console_, console_.locator('#close-workshop button[type=submit]'));
  await console_.goto(s.url(`/facilitator/workshops/${workshop.id}/follow-up`));
  await submitAndLoad(console_, console_.locator('form[action$="/publish"] button[type=submit]'));
  const publicUrl = await console_.locator('a[data-public-follow-up]').getAttribute('href');
  assert.match(publicUrl, /\/follow\/[A-Za-z0-9_-]{16,64}$/);

  // A stranger reads it: the action, where it comes from, the risk it answers; no names.
  const stranger = await s.newPage({ viewport: { width: 360, height: 640 }, locale: 'fr-FR' });
  await stranger.context().clearCookies();
  const response = await stranger.goto(new URL(publicUrl, s.url('/')).toString());
  assert.equal(response.status(), 200);
  const text = await stranger.locator('body').textContent();
  assert.match(text, new RegExp(title));
  assert.match(text, new RegExp(risk));
  await stranger.locator('details', { hasText: /contribution/ }).first().locator('summary').click();
  assert.match(await stranger.locator('body').textContent(), new RegExp(idea), 'the idea shows as where the action comes from');
  assert.doesNotMatch(text, /Chloé/, 'the public page names nobody');
  await assertNoHorizontalScroll(stranger);

  // The PDF report downloads from the console's report links.
  await console_.goto(workshop.consoleUrl);
  const [download] = await Promise.all([
    console_.waitForEvent('download', { timeout: 60_000 }),
    console_.locator('a[data-report-link="pdf"]').click(),
  ]);
  const file = await download.path();
  const { readFile } = await import('node:fs/promises');
  const pdf = await readFile(file);
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-', 'the download is a PDF');
  assert.ok(pdf.length > 10_000, `the PDF is ${pdf.length} bytes`);
  assert.match(download.suggestedFilename(), /\.pdf$/);
  assert.deepEqual(s.dialogs, [], 'no dialog opened');
}, { timeout: 120_000 });
