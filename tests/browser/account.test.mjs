// The facilitator's account page in a real browser: turning on two-step sign-in by clicking,
// with the code computed as an authenticator app does (RFC 6238: HMAC-SHA-1, 6 digits, 30 s),
// then signing in with the password and the code; and signing out another browser's session.

import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { useHarness, scenario, facilitator } from './harness.mjs';
import { signIn, assertNoHorizontalScroll } from './flows.mjs';

const h = useHarness();

/** RFC 4648 base32, as the page shows the key (spaces allowed). */
function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const c of text.replace(/[\s=]/g, '').toUpperCase()) {
    const index = alphabet.indexOf(c);
    assert.ok(index >= 0, `"${c}" is not base32`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((value >> bits) & 0xff);
    }
  }
  return Buffer.from(out);
}

/** The six-digit code of the 30-second step `stepsAhead` steps from now. */
function totp(key, stepsAhead = 0) {
  const step = Math.floor(Date.now() / 1000 / 30) + stepsAhead;
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const digest = createHmac('sha1', key).update(counter).digest();
  const offset = digest[digest.length - 1] & 0x0f;
  const value = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(value % 1_000_000).padStart(6, '0');
}

// First, while the account signs in with its password alone.
scenario(h, 'a session is signed out from another browser', async (s) => {
  const laptop = await s.newPage({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
  const phone = await s.newPage({ locale: 'en-US' });
  await signIn(s, laptop);
  await signIn(s, phone);
  await phone.goto(s.url('/facilitator/account'));
  await assertNoHorizontalScroll(phone);
  await laptop.goto(s.url('/facilitator/account'));
  assert.equal(await laptop.locator('tr[data-session][data-current]').count(), 1, 'this browser is marked');
  assert.equal(await laptop.locator('tr[data-session]:not([data-current])').count(), 1, 'the phone is listed');
  await Promise.all([laptop.waitForEvent('load'), laptop.locator('#end-others button').click()]);
  assert.equal(await laptop.locator('tr[data-session]:not([data-current])').count(), 0, 'only this browser is left');
  await phone.goto(s.url('/facilitator'));
  assert.equal(new URL(phone.url()).pathname, '/signin', 'the phone is signed out');
});

scenario(h, 'two-step sign-in is turned on by clicking and then asks for the code', async (s) => {
  const page = await s.newPage({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
  await signIn(s, page);
  await Promise.all([page.waitForURL(/\/facilitator\/account$/), page.locator('#account-link').click()]);
  assert.equal(await page.locator('#totp-status').getAttribute('data-totp'), 'off');
  assert.ok(await page.locator('#totp svg').isVisible(), 'the key is shown as a QR code');
  const key = base32Decode(await page.locator('#totp-secret').innerText());
  assert.equal(key.length, 20, 'a 160-bit key');

  await page.locator('#enable_code').fill(totp(key));
  await Promise.all([page.waitForEvent('load'), page.locator('#totp-enable button[type=submit]').click()]);
  assert.equal(await page.locator('#totp-status').getAttribute('data-totp'), 'on');
  const codes = await page.locator('#recovery-codes li').allInnerTexts();
  assert.equal(codes.length, 8, 'eight recovery codes are shown once');

  // Sign out, then in: the password leads to the code step, not to the dashboard.
  await Promise.all([page.waitForEvent('load'), page.locator('form[action="/signout"] button').click()]);
  await page.goto(s.url('/signin'));
  await page.locator('#signin-form [name=email]').fill(facilitator.email);
  await page.locator('#signin-form [name=password]').fill(facilitator.password);
  await Promise.all([page.waitForEvent('load'), page.locator('#signin-form button[type=submit]').click()]);
  assert.ok(await page.locator('#signin-code-form').isVisible(), 'the code step follows the password');
  assert.ok(
    !(await page.context().cookies()).some((cookie) => cookie.name === 'cv_session'),
    'half-way through, the browser holds no session',
  );

  // A wrong code is refused with a message.
  const accepted = [-1, 0, 1, 2].map((drift) => totp(key, drift));
  const wrong = ['000000', '111111', '222222'].find((candidate) => !accepted.includes(candidate));
  await page.locator('#signin-code-form [name=code]').fill(wrong);
  await Promise.all([page.waitForEvent('load'), page.locator('#signin-code-form button[type=submit]').click()]);
  assert.match(await page.locator('p.error[role=alert]').innerText(), /not right/);

  // The app's next code (a step ahead is within the drift allowed) signs in.
  await page.locator('#signin-code-form [name=code]').fill(totp(key, 1));
  await Promise.all([
    page.waitForURL(/\/facilitator\/?$/),
    page.locator('#signin-code-form button[type=submit]').click(),
  ]);
  assert.ok(await page.locator('#account-link').isVisible(), 'signed in, on the dashboard');
});
