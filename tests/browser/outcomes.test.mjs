// The action plan and the risk map in a browser: two phones draft a card from a challenge, take
// a stance with one tap, post and rate a risk, while the projection screen follows without a
// reload. A rating half chosen on one phone survives the live refresh another phone's rating
// causes.
import assert from 'node:assert/strict';
import { useHarness, scenario } from './harness.mjs';
import {
  signIn, createWorkshop, agendaOf, addActivity, openAndFocus, openScreen, join, postNote, waitForNote,
  waitForFollowedFocus, eventually, assertNoHorizontalScroll,
} from './flows.mjs';

const h = useHarness();

const SCREEN = '#screen-live';

async function assertNotReloaded(screen, when) {
  assert.equal(await screen.evaluate(() => window.__marker), 'outcomes', `the projection screen was not reloaded (${when})`);
}

/** Clicks a submit control and waits for the page the form's redirect leads to. */
async function submitAndLoad(page, button) {
  await Promise.all([page.waitForEvent('load'), button.click()]);
}

scenario(h, 'phones draft a card from a challenge, take a stance and rate a risk while the projection follows live', async (s) => {
  const console_ = await s.newPage({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });
  await signIn(s, console_);
  const workshop = await createWorkshop(s, console_, 'Les suites de l’atelier');
  const [challenges] = (await agendaOf(s, console_, workshop.id)).map((a) => a.id);
  const plan = await addActivity(s, console_, workshop, { kind: 'action_plan', title: 'Plan d’action' });
  const risks = await addActivity(s, console_, workshop, { kind: 'risk_map', title: 'Carte des risques' });
  await console_.goto(workshop.consoleUrl);
  const screen = await openScreen(s, console_, workshop.id);
  await screen.evaluate(() => { window.__marker = 'outcomes'; });

  const phones = [];
  for (const name of ['Alice Martin', 'Bruno Lambert']) {
    const phone = await s.newPage({ viewport: { width: 360, height: 640 }, locale: 'fr-FR' });
    await join(s, phone, { joinCode: workshop.joinCode, name, service: 'SPW' });
    phones.push(phone);
  }
  const [alice, bruno] = phones;

  // A challenge to draft from.
  await openAndFocus(s, console_, workshop, challenges);
  for (const phone of phones) await waitForFollowedFocus(phone, workshop.id, challenges);
  const challenge = 'Les citoyens ne savent pas à qui s’adresser';
  await postNote(s, alice, challenge);

  // The plan: Alice drafts a card from the challenge, with the link next to it.
  await openAndFocus(s, console_, workshop, plan);
  for (const phone of phones) await waitForFollowedFocus(phone, workshop.id, plan);
  await assertNoHorizontalScroll(alice);
  const draftFrom = alice.locator('li.material-item', { hasText: challenge }).locator('a.draft-from');
  await Promise.all([alice.waitForURL(/\/actions\/new\?source=/, { waitUntil: 'load' }), draftFrom.click()]);
  const form = alice.locator('#new-card-form');
  assert.equal(await form.locator('[name=title]').inputValue(), challenge, 'the title starts from the challenge');
  assert.ok(await form.locator('input[name=source]:checked').count() === 1, 'the challenge is ticked as the source');
  await assertNoHorizontalScroll(alice);
  await form.locator('[name=title]').fill('Un guichet unique');
  await form.locator('[name=owner]').fill('SPW Intérieur');
  await form.locator('select[name=jurisdiction]').selectOption('government');
  await submitAndLoad(alice, form.locator('button[type=submit]'));
  assert.match(new URL(alice.url()).pathname, new RegExp(`/w/${workshop.id}/a/${plan}/actions/[0-9a-f-]{36}$`));
  await assertNoHorizontalScroll(alice);

  // The card appears on Bruno's phone and on the projection, under its jurisdiction.
  await eventually('the card shows on Bruno’s phone', async () => {
    assert.equal(await bruno.locator('#plan-live li.action-card').count(), 1);
  });
  await eventually('the projection groups the card under its jurisdiction', async () => {
    const group = screen.locator(`${SCREEN} section.jurisdiction-group`, { hasText: 'Le prochain gouvernement' });
    assert.match(await group.textContent(), /Un guichet unique/);
  });
  // One tap: Bruno agrees; the projection's count follows.
  await submitAndLoad(bruno, bruno.locator('form.quick-stance button[value=agree]'));
  assert.match(await bruno.locator('#plan-live').textContent(), /Votre avis\s*: D’accord/);
  await eventually('the projection counts the stance', async () => {
    assert.match(await screen.locator(`${SCREEN} .consensus-counts`).first().textContent(), /^1 d’accord/);
  });

  // The risk map. A card's page does not follow the focus (nobody is pulled away from writing):
  // Alice goes back to the plan first.
  await alice.goto(s.url(`/w/${workshop.id}/a/${plan}`));
  await openAndFocus(s, console_, workshop, risks);
  for (const phone of phones) await waitForFollowedFocus(phone, workshop.id, risks);
  const risk = 'Le budget est coupé en cours de route';
  await postNote(s, alice, risk);
  await eventually('the risk shows on Bruno’s phone', async () => {
    assert.equal(await bruno.locator('li.risk', { hasText: risk }).count(), 1);
  });
  await assertNoHorizontalScroll(bruno);
  const scales = (phone) => phone.locator('li.risk', { hasText: risk }).locator('fieldset.rating-scale');
  const choose = (phone, scale, value) => scales(phone).nth(scale).locator('label.choice', { hasText: String(value) }).click();

  // Bruno picks a likelihood; before he picks the impact, Alice's rating arrives live.
  await choose(bruno, 0, 2);
  // Phones do not always keep the focus on a radio button once tapped (Safari does not give it).
  await bruno.evaluate(() => document.activeElement && document.activeElement.blur());
  await choose(alice, 0, 4);
  await choose(alice, 1, 5);
  await submitAndLoad(alice, alice.locator('li.risk', { hasText: risk }).locator('form.rating button[type=submit]'));
  assert.match(await alice.locator('li.risk', { hasText: risk }).textContent(), /Probabilité 4,0 \(± 0,0\) · impact 5,0 \(± 0,0\) · 1 avis/);
  await eventually('the projection places the risk on the heat map', async () => {
    assert.equal(await screen.locator(`${SCREEN} svg.heat-map g.heat-map-risk[data-likelihood="4"][data-impact="5"]`).count(), 1);
  });
  await bruno.waitForTimeout(800);
  assert.ok(
    await scales(bruno).nth(0).locator('input[value="2"]').isChecked(),
    'the likelihood Bruno picked is still picked after the live refresh',
  );
  await choose(bruno, 1, 3);
  await submitAndLoad(bruno, bruno.locator('li.risk', { hasText: risk }).locator('form.rating button[type=submit]'));
  assert.match(await bruno.locator('li.risk', { hasText: risk }).textContent(), /Probabilité 3,0 \(± 1,0\) · impact 4,0 \(± 1,0\) · 2 avis/);
  await eventually('the projection moves the risk to the mean of both ratings', async () => {
    assert.equal(await screen.locator(`${SCREEN} svg.heat-map g.heat-map-risk[data-likelihood="3"][data-impact="4"]`).count(), 1);
  });
  await assertNotReloaded(screen, 'after the plan and the risk map');
  assert.deepEqual(s.dialogs, [], 'no dialog opened');
});
