// A page on another site cannot act for a signed-in facilitator or a participant: a hostile page,
// served from a second loopback address (127.0.0.2), submits forms to Converge by itself while
// the victims' browsers are signed in. Every forged request is refused, and nothing is recorded.
import assert from 'node:assert/strict';
import http from 'node:http';
import { useHarness, scenario } from './harness.mjs';
import { signIn, createWorkshop, openFirstActivity, join, enterFirstActivity, postNote, waitForNote, noteTexts } from './flows.mjs';

const h = useHarness();

function escapeAttribute(text) {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** A page that posts `fields` to `action` as soon as it loads, as a hostile site would. */
function forgedForm(action, fields) {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeAttribute(name)}" value="${escapeAttribute(value)}">`)
    .join('');
  return `<!doctype html><title>Win a prize</title>
<form id="forged" method="post" action="${escapeAttribute(action)}">${inputs}</form>
<script>document.getElementById('forged').submit();</script>`;
}

/** Serves hostile pages on 127.0.0.2; `pages` maps a path to its HTML. */
async function hostileSite(pages) {
  const server = http.createServer((request, response) => {
    const page = pages.get(new URL(request.url, 'http://127.0.0.2').pathname);
    response.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    response.end(page ?? 'not here');
  });
  await new Promise((resolve, reject) => server.listen(0, '127.0.0.2', resolve).once('error', reject));
  return { server, url: (path) => `http://127.0.0.2:${server.address().port}${path}` };
}

/** Opens the hostile page in the victim's browser and returns the answer to the forged POST. */
async function visit(page, url, target) {
  const forged = page.waitForResponse((response) => response.request().method() === 'POST' && response.url().startsWith(target));
  await page.goto(url);
  return forged;
}

scenario(h, 'forms posted by another site are refused for a signed-in facilitator and a participant', async (s) => {
  const facilitatorPage = await s.newPage({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });
  await signIn(s, facilitatorPage);
  const workshop = await createWorkshop(s, facilitatorPage, 'Atelier protégé');
  await openFirstActivity(s, facilitatorPage);

  const phone = await s.newPage({ locale: 'fr-FR' });
  await join(s, phone, { joinCode: workshop.joinCode, name: 'Alice Martin', service: 'SPW' });
  const activityId = await enterFirstActivity(s, phone);
  await postNote(s, phone, 'Une vraie note');
  await waitForNote(phone, 'Une vraie note');

  const pages = new Map([
    ['/create', forgedForm(s.url('/facilitator/workshops'), { title: 'Atelier forgé' })],
    ['/delete', forgedForm(s.url(`/facilitator/workshops/${workshop.id}/delete`), { confirm: 'yes' })],
    ['/note', forgedForm(s.url(`/w/${workshop.id}/a/${activityId}/notes`), { text: 'Note forgée' })],
  ]);
  const site = await hostileSite(pages);
  try {
    for (const [path, victim, what] of [
      ['/create', facilitatorPage, 'creating a workshop'],
      ['/delete', facilitatorPage, 'deleting the workshop'],
      ['/note', phone, 'posting a note'],
    ]) {
      const answer = await visit(victim, site.url(path), s.baseUrl);
      assert.equal(answer.status(), 403, `a forged form ${what} from 127.0.0.2 answered ${answer.status()}`);
    }
  } finally {
    site.server.close();
  }

  // Nothing was recorded, and both are still signed in and can act from Converge itself.
  await facilitatorPage.goto(s.url('/facilitator'));
  const dashboard = await facilitatorPage.locator('body').innerText();
  assert.ok(dashboard.includes('Atelier protégé'), 'the workshop is still there');
  assert.ok(!dashboard.includes('Atelier forgé'), 'no workshop was created by the hostile page');
  await phone.goto(s.url(`/w/${workshop.id}/a/${activityId}`));
  assert.deepEqual((await noteTexts(phone)).filter((text) => text.includes('forgée')), [], 'no forged note');
  await postNote(s, phone, 'Une deuxième vraie note');
  await waitForNote(phone, 'Une deuxième vraie note');
});
