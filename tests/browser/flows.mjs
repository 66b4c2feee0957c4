// The steps the tests share, written against the HTML contract the server follows.
// Every selector and route the tests rely on is here, so a contract change is made in one place.

import assert from 'node:assert/strict';
import { facilitator } from './harness.mjs';

export const sel = Object.freeze({
  signinForm: '#signin-form',
  createWorkshopForm: '#create-workshop',
  joinCode: '[data-join-code]',
  openActivityForm: 'form[action$="/open"]',
  screenLink: 'a[data-screen-link]',
  joinForm: '#join-form',
  activityLink: 'a[data-activity-link]',
  noteForm: '#note-form',
  note: 'li.note',
  submit: 'button[type=submit], button:not([type]), input[type=submit]',
});

const WORKSHOP_CONSOLE = /\/facilitator\/workshops\/([^/?#]+)\/?(?:[?#].*)?$/;
const PARTICIPANT_HOME = /\/w\/([^/?#]+)\/?(?:[?#].*)?$/;
const PARTICIPANT_ACTIVITY = /\/w\/([^/?#]+)\/a\/([^/?#]+)\/?(?:[?#].*)?$/;

function pathOf(page) {
  return new URL(page.url()).pathname;
}

/** Submits `form` with its submit button and waits for the navigation that follows. */
async function submitAndWaitFor(page, form, urlPattern, what) {
  const button = form.locator(sel.submit).first();
  await Promise.all([
    page.waitForURL(urlPattern, { waitUntil: 'load' }).catch((e) => {
      throw new Error(`${what}: expected to land on ${urlPattern} but the page is ${page.url()} (${e.message.split('\n')[0]})`);
    }),
    button.click(),
  ]);
}

/**
 * Submits `form` as a plain form POST and waits for the page that follows (the redirect's
 * target) to load. Returns the response to the POST itself.
 */
async function submitPost(page, form) {
  const action = new URL((await form.getAttribute('action')) ?? page.url(), page.url()).pathname;
  const posted = page.waitForRequest((r) => r.method() === 'POST' && r.frame() === page.mainFrame());
  const loaded = page.waitForEvent('load');
  await form.locator(sel.submit).first().click();
  const request = await posted;
  const response = await request.response();
  assert.ok(response, `POST ${action} got no response`);
  assert.ok(response.status() < 400, `POST ${action} answered ${response.status()}`);
  await loaded;
  return response;
}

/** Signs the facilitator in at /signin; lands on /facilitator. */
export async function signIn(s, page) {
  await page.goto(s.url('/signin'));
  const form = page.locator(sel.signinForm);
  await form.locator('[name=email]').fill(facilitator.email);
  await form.locator('[name=password]').fill(facilitator.password);
  await submitAndWaitFor(page, form, /\/facilitator\/?(?:[?#].*)?$/, 'signing in');
}

/**
 * Creates a workshop from /facilitator with #create-workshop and returns
 * { id, consoleUrl, joinCode } once on its console /facilitator/workshops/{id}.
 */
export async function createWorkshop(s, page, title) {
  if (!/\/facilitator\/?$/.test(pathOf(page))) await page.goto(s.url('/facilitator'));
  const form = page.locator(sel.createWorkshopForm);
  await form.locator('[name=title]').fill(title);
  await submitAndWaitFor(page, form, WORKSHOP_CONSOLE, 'creating a workshop');
  const id = pathOf(page).match(WORKSHOP_CONSOLE)[1];
  const joinCode = ((await page.locator(sel.joinCode).first().textContent()) ?? '').trim();
  assert.ok(joinCode.length > 0, `the console shows no join code in ${sel.joinCode}`);
  return { id, consoleUrl: page.url(), joinCode };
}

/** On the console, opens the first activity (the first form whose action ends with /open). */
export async function openFirstActivity(s, page) {
  const form = page.locator(sel.openActivityForm).first();
  await form.waitFor({ state: 'attached' }).catch(() => {
    throw new Error(`the console at ${page.url()} has no ${sel.openActivityForm} to open an activity`);
  });
  await submitPost(page, form);
}

/**
 * The projection screen of a workshop, opened in a new page of the facilitator's context: by
 * the console's a[data-screen-link], else (noted in the output) /facilitator/workshops/{id}/screen.
 */
export async function openScreen(s, consolePage, workshopId) {
  const link = consolePage.locator(sel.screenLink).first();
  let href = (await link.count()) > 0 ? await link.getAttribute('href') : null;
  if (!href) {
    console.log(`# contract: the console has no ${sel.screenLink}; using /facilitator/workshops/${workshopId}/screen`);
    href = `/facilitator/workshops/${workshopId}/screen`;
  }
  const screen = await consolePage.context().newPage();
  const response = await screen.goto(new URL(href, consolePage.url()).toString());
  assert.ok(response && response.status() < 400, `the projection screen ${href} answered ${response?.status()}`);
  return screen;
}

/** Asserts that the page has no horizontal scroll on a 360 px wide phone. */
export async function assertNoHorizontalScroll(page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `${pathOf(page)} scrolls horizontally on a 360 px phone: scrollWidth is ${width}`);
}

/**
 * A participant joins with /join?code=CODE (#join-form) and lands on /w/{id}.
 * Returns the workshop id of the participant URL.
 */
export async function join(s, page, { joinCode, name, service, phone = true }) {
  await page.goto(s.url(`/join?code=${encodeURIComponent(joinCode)}`));
  const form = page.locator(sel.joinForm);
  const prefilled = await form.locator('[name=join_code]').inputValue();
  assert.equal(prefilled.trim(), joinCode, '/join?code=… prefills the join code in #join-form');
  if (phone) await assertNoHorizontalScroll(page);
  await form.locator('[name=name]').fill(name);
  await form.locator('[name=service]').fill(service);
  await submitAndWaitFor(page, form, PARTICIPANT_HOME, 'joining');
  return pathOf(page).match(PARTICIPANT_HOME)[1];
}

/** From /w/{id}, follows the first activity link to /w/{id}/a/{aid}; returns aid. */
export async function enterFirstActivity(s, page) {
  const link = page.locator(sel.activityLink).first();
  await link.waitFor({ state: 'visible' }).catch(() => {
    throw new Error(`${pathOf(page)} shows no ${sel.activityLink} (is the opened activity listed?)`);
  });
  await Promise.all([page.waitForURL(PARTICIPANT_ACTIVITY, { waitUntil: 'load' }), link.click()]);
  return pathOf(page).match(PARTICIPANT_ACTIVITY)[2];
}

/**
 * Posts a note with #note-form (a plain form POST) and waits for the page that follows.
 * Returns the response to the POST.
 */
export async function postNote(s, page, text) {
  const form = page.locator(sel.noteForm);
  await form.locator('textarea[name=text]').fill(text);
  return submitPost(page, form);
}

/** The text of every li.note on the page. */
export function noteTexts(page) {
  return page.locator(sel.note).allTextContents();
}

/** Waits until an li.note contains `text` literally (textContent, not HTML). */
export async function waitForNote(page, text, { timeout = 5_000 } = {}) {
  await page
    .waitForFunction(
      ([css, t]) => [...document.querySelectorAll(css)].some((li) => li.textContent.includes(t)),
      [sel.note, text],
      { timeout, polling: 100 },
    )
    .catch(async () => {
      throw new Error(
        `no ${sel.note} containing ${JSON.stringify(text)} on ${pathOf(page)} within ${timeout} ms; ` +
          `notes there: ${JSON.stringify(await noteTexts(page).catch(() => []))}`,
      );
    });
}
