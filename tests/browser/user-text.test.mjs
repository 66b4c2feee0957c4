import assert from 'node:assert/strict';
import { useHarness, scenario } from './harness.mjs';
import { signIn, createWorkshop, openFirstActivity, openScreen, join, enterFirstActivity, postNote, waitForNote } from './flows.mjs';

const h = useHarness();

const NAME = '<img src=x onerror=window.__xss=1>';
const NOTE = `<script>window.__xss=1</script>"'><svg onload=window.__xss=1>`;

async function assertNoScriptRan(page, where) {
  // Give an injected onerror/onload handler the time to fire.
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => typeof window.__xss), 'undefined', `no script from user text ran on ${where}`);
}

function assertStrictScriptSrc(response, where) {
  const csp = response.headers()['content-security-policy'];
  assert.ok(csp, `${where} is served with a content-security-policy header`);
  assert.ok(csp.includes("script-src 'self'"), `${where}: the CSP has script-src 'self' (got: ${csp})`);
  const scriptSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src')) ?? '';
  assert.ok(!scriptSrc.includes("'unsafe-inline'"), `${where}: script-src allows no inline script (got: ${scriptSrc})`);
}

scenario(h, 'no script runs from user text', async (s) => {
  const console_ = await s.newPage({ viewport: { width: 1280, height: 800 } });
  await signIn(s, console_);
  const workshop = await createWorkshop(s, console_, 'Workshop with hostile input');
  await openFirstActivity(s, console_);
  const screen = await openScreen(s, console_, workshop.id);

  const phone = await s.newPage();
  await join(s, phone, { joinCode: workshop.joinCode, name: NAME, service: NOTE });
  await enterFirstActivity(s, phone);
  await postNote(s, phone, NOTE);
  await waitForNote(phone, NOTE);

  // Live: the open projection screen renders the note it receives as text.
  await waitForNote(screen, NOTE);
  await assertNoScriptRan(screen, 'the projection screen (live update)');

  // Server-rendered: the console and the screen loaded afresh.
  const consoleResponse = await console_.goto(workshop.consoleUrl);
  assertStrictScriptSrc(consoleResponse, 'the facilitator console');
  const consoleText = await console_.locator('body').innerText();
  assert.ok(consoleText.includes(NOTE), `the console shows the note literally; it shows:\n${consoleText}`);
  await assertNoScriptRan(console_, 'the facilitator console');

  await screen.reload();
  await waitForNote(screen, NOTE, { timeout: 2_000 });
  await assertNoScriptRan(screen, 'the projection screen (reloaded)');
  await assertNoScriptRan(phone, "the participant's page");

  // The hostile name is shown somewhere (console, screen or the participant's own page), as text.
  const shown = [];
  for (const [where, page] of [['console', console_], ['screen', screen], ['phone', phone]]) {
    if ((await page.locator('body').innerText()).includes(NAME)) shown.push(where);
  }
  assert.ok(shown.length > 0, "the participant's name is shown literally on the console, the screen or their own page");

  assert.deepEqual(s.dialogs, [], 'no dialog opened');
});
