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
// Where joining lands: the activity the room is on, or the workshop's home when there is none.
const JOINED = /\/w\/([^/?#]+)(?:\/a\/[^/?#]+)?\/?(?:[?#].*)?$/;

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
 * What a form's POST leads to: the page that follows loads, or, on the console and an
 * activity's console page (whose controls act in place through app.js), the page is updated
 * where it stands (`body[data-acted]` counts those updates). Call before the click; it gives a
 * function to call and await after it.
 */
export async function settled(page) {
  const before = await page.evaluate(() => document.body && document.body.getAttribute('data-acted')).catch(() => null);
  const loaded = page.waitForEvent('load', { timeout: 30_000 });
  const acted = page.waitForFunction(
    (was) => document.body && document.body.getAttribute('data-acted') !== was,
    before,
    { timeout: 30_000, polling: 50 },
  );
  loaded.catch(() => {});
  acted.catch(() => {});
  const either = Promise.any([loaded, acted]).catch(() => {
    throw new Error(`neither a page load nor an update in place followed on ${page.url()}`);
  });
  either.catch(() => {});
  // A function, so that awaiting `settled` does not wait for the click it comes before.
  return () => either;
}

/**
 * Submits `form` as a plain form POST and waits for the page that follows (the redirect's
 * target) to load, or for the console to update in place. Returns the response to the POST.
 */
async function submitPost(page, form) {
  const action = new URL((await form.getAttribute('action')) ?? page.url(), page.url()).pathname;
  const posted = page.waitForRequest((r) => r.method() === 'POST' && r.frame() === page.mainFrame());
  const loaded = await settled(page);
  await form.locator(sel.submit).first().click();
  const request = await posted;
  const response = await request.response();
  assert.ok(response, `POST ${action} got no response`);
  assert.ok(response.status() < 400, `POST ${action} answered ${response.status()}`);
  await loaded();
  return response;
}

/** Signs the facilitator in at /signin (the demo's, on a harness started with the demo); lands
 *  on /facilitator. */
export async function signIn(s, page) {
  const { email, password } = s.h.server.demo ?? facilitator;
  await page.goto(s.url('/signin'));
  const form = page.locator(sel.signinForm);
  await form.locator('[name=email]').fill(email);
  await form.locator('[name=password]').fill(password);
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

/** Asserts that the page has no horizontal scroll on its phone (360 or 390 px wide). */
export async function assertNoHorizontalScroll(page) {
  const [width, viewport] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(viewport <= 390, `${pathOf(page)} is not on a phone: the window is ${viewport} px wide`);
  assert.ok(width <= viewport, `${pathOf(page)} scrolls horizontally on a ${viewport} px phone: scrollWidth is ${width}`);
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
  await submitAndWaitFor(page, form, JOINED, 'joining');
  return pathOf(page).match(JOINED)[1];
}

/** From /w/{id}, follows the first activity link to /w/{id}/a/{aid}; returns aid. */
export async function enterFirstActivity(s, page) {
  // Joining already landed on the activity the room is on.
  const already = pathOf(page).match(PARTICIPANT_ACTIVITY);
  if (already) return already[2];
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

// ---- Running an agenda: templates, the console's controls, following the focus, sorting ----
// (Added for day-one.test.mjs; the steps above are unchanged.) The facilitator's steps bring
// their page to the front first: with the projection screen open in another page of the same
// context, headless Chromium can stop drawing frames for the console for a second or two, and
// every click then waits that long for the button to be "stable".

/**
 * Retries `check` (an async function that throws when its expectation is not met yet) every
 * 100 ms until it passes or `timeout` ms have passed; then throws the last failure, prefixed by
 * `what`. Returns what `check` returned.
 */
export async function eventually(what, check, { timeout = 5_000, interval = 100 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() >= deadline) {
        e.message = `${what} (not within ${timeout} ms): ${e.message}`;
        throw e;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/**
 * Creates a workshop from a shipped template: #create-workshop with its select[name=template]
 * set to `template` (e.g. "smarter-democracy-hackathon"). Returns what createWorkshop returns.
 */
export async function createWorkshopFromTemplate(s, page, title, template) {
  await page.goto(s.url('/facilitator'));
  const select = page.locator(sel.createWorkshopForm).locator('select[name=template]');
  const offered = await select.locator('option').evaluateAll((options) => options.map((o) => o.value));
  assert.ok(offered.includes(template), `#create-workshop offers no template ${template}; it offers ${JSON.stringify(offered)}`);
  await select.selectOption(template);
  return createWorkshop(s, page, title);
}

/**
 * The workshop's activities in agenda order, as GET /api/v1/workshops/{id} gives them to the
 * signed-in facilitator of `page`: [{ id, kind, title, status, … }].
 */
export async function agendaOf(s, page, workshopId) {
  const response = await page.request.get(s.url(`/api/v1/workshops/${workshopId}`));
  assert.equal(response.status(), 200, `GET /api/v1/workshops/${workshopId} with the facilitator's session answered ${response.status()}`);
  const body = await response.json();
  assert.ok(Array.isArray(body.activities), `GET /api/v1/workshops/${workshopId} has no activities array`);
  return body.activities;
}

/**
 * On the console (/facilitator/workshops/{id}, loaded if need be), presses one of an
 * activity's controls: the form in li[data-activity=ID] whose action ends with /ACTION
 * (open, close, timer-start, focus, …). Waits for the console to load again.
 */
export async function consoleControl(s, page, workshop, activityId, action) {
  await page.bringToFront();
  if (pathOf(page) !== new URL(workshop.consoleUrl).pathname) await page.goto(workshop.consoleUrl);
  const form = page.locator(`li[data-activity="${activityId}"] form[action$="/${action}"]`).first();
  await form.waitFor({ state: 'attached', timeout: 5_000 }).catch(() => {
    throw new Error(`the console has no li[data-activity="${activityId}"] form[action$="/${action}"]`);
  });
  await submitPost(page, form);
}

/** Opens an activity and sends every screen to it, from the console. */
export async function openAndFocus(s, page, workshop, activityId) {
  await consoleControl(s, page, workshop, activityId, 'open');
  await consoleControl(s, page, workshop, activityId, 'focus');
}

/**
 * On the facilitator's page of an activity (/facilitator/workshops/{id}/activities/{aid},
 * loaded if need be), submits the form whose action ends with /activities/{aid}/{action}
 * (brainwriting-start, next-round, …) and waits for the page to load again.
 */
export async function activityPageControl(s, page, workshop, activityId, action) {
  const target = `/facilitator/workshops/${workshop.id}/activities/${activityId}`;
  await page.bringToFront();
  if (pathOf(page) !== target) await page.goto(s.url(target));
  const form = page.locator(`form[action$="/activities/${activityId}/${action}"]`).first();
  await form.waitFor({ state: 'attached', timeout: 5_000 }).catch(() => {
    throw new Error(`${target} has no form[action$="/activities/${activityId}/${action}"]`);
  });
  await submitPost(page, form);
}

/** On the console, forms the tables with "Form the tables" (form[action$="/tables"]) at `size`. */
export async function formTables(s, page, workshop, size) {
  await page.bringToFront();
  if (pathOf(page) !== new URL(workshop.consoleUrl).pathname) await page.goto(workshop.consoleUrl);
  const form = page.locator('form[action$="/tables"]').first();
  await form.locator('[name=table_size]').fill(String(size));
  await submitPost(page, form);
}

/**
 * Waits until a participant's page has gone by itself (the live script following the
 * facilitator's focus) to /w/{id}/a/{aid}, and has loaded there.
 */
export async function waitForFollowedFocus(page, workshopId, activityId, { timeout = 5_000 } = {}) {
  const target = `/w/${workshopId}/a/${activityId}`;
  await page.waitForURL((url) => url.pathname === target, { timeout, waitUntil: 'load' }).catch(() => {
    throw new Error(`the participant's page did not follow the focus to ${target} within ${timeout} ms; it is on ${pathOf(page)}`);
  });
}

/** The note on a sorting board (li[data-sort-note]) whose text contains `text`. */
export function sortNote(page, text, scope = 'body') {
  return page.locator(`${scope} li[data-sort-note]`).filter({ hasText: text });
}

/**
 * The sorting board in `scope` as { category value ("" for unsorted): { count (data-count),
 * shown (the total as the column's .sort-count reads), notes: [texts] } }.
 */
export function sortBoard(page, scope = 'body') {
  return page.locator(`${scope} [data-sort-column]`).evaluateAll((columns) => {
    const board = {};
    for (const column of columns) {
      board[column.getAttribute('data-category') ?? ''] = {
        count: Number(column.getAttribute('data-count')),
        shown: column.querySelector('.sort-count')?.textContent.trim() ?? null,
        notes: [...column.querySelectorAll('[data-sort-note] .note-text')].map((p) => p.textContent.trim()),
      };
    }
    return board;
  });
}

/**
 * Sorts a note with the keyboard only: focuses its "move to" select, moves to `category` with
 * the arrow keys, Tabs to the form's button and presses Enter. Waits for the page that the
 * form's POST leads to. Never uses the mouse.
 */
export async function sortWithKeyboard(page, text, category) {
  const note = sortNote(page, text);
  const select = note.locator('select[name=category]');
  const values = await select.locator('option').evaluateAll((options) => options.map((o) => o.value));
  const from = values.indexOf(await select.inputValue());
  const to = values.indexOf(String(category));
  assert.ok(to >= 0, `the "move to" select of the note ${JSON.stringify(text)} offers no category ${category}: ${JSON.stringify(values)}`);
  await select.focus();
  for (let i = from; i < to; i += 1) await page.keyboard.press('ArrowDown');
  for (let i = from; i > to; i -= 1) await page.keyboard.press('ArrowUp');
  assert.equal(await select.inputValue(), String(category), 'the arrow keys chose the category in the focused select');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => {
    const el = document.activeElement;
    return el ? `${el.tagName.toLowerCase()}[type=${el.getAttribute('type')}] in form ${el.form?.getAttribute('action')}` : 'nothing';
  });
  assert.match(focused, /^button\[type=submit\] in form /, `Tab from the select goes to the form's button; focus is on ${focused}`);
  const posted = page.waitForRequest((r) => r.method() === 'POST' && r.frame() === page.mainFrame());
  const loaded = await settled(page);
  await page.keyboard.press('Enter');
  const response = await (await posted).response();
  assert.ok(response && response.status() < 400, `sorting with the keyboard: the POST answered ${response?.status()}`);
  await loaded();
}

/**
 * Drags a note (starting on its text, as a mouse user would) onto the column of `category` on
 * a wide-screen board whose sort.js made the notes draggable.
 */
export async function dragNoteTo(page, text, category) {
  await page.bringToFront();
  const note = sortNote(page, text);
  await eventually(`the note ${JSON.stringify(text)} is made draggable by sort.js on ${pathOf(page)}`, async () => {
    assert.equal(await note.getAttribute('draggable'), 'true');
  });
  const column = page.locator(`[data-sort-column][data-category="${category}"]`);
  await note.locator('.note-text').dragTo(column);
}

// ---- Votes and assessments: adding and setting up activities, results, the keyboard ----------
// (Added for ballots.test.mjs; the steps above are unchanged.)

/**
 * Adds an activity from the console's #add-activity (kind select, title) and returns its id,
 * read from the facilitator's activity page /facilitator/workshops/{id}/activities/{aid} that
 * the form leads to.
 */
export async function addActivity(s, page, workshop, { kind, title }) {
  await page.bringToFront();
  if (pathOf(page) !== new URL(workshop.consoleUrl).pathname) await page.goto(workshop.consoleUrl);
  const form = page.locator('#add-activity');
  const kinds = await form.locator('select[name=kind] option').evaluateAll((options) => options.map((o) => o.value));
  assert.ok(kinds.includes(kind), `#add-activity offers no kind ${kind}; it offers ${JSON.stringify(kinds)}`);
  await form.locator('select[name=kind]').selectOption(kind);
  await form.locator('[name=title]').fill(title);
  const activityPage = new RegExp(`/facilitator/workshops/${workshop.id}/activities/([^/?#]+)/?(?:[?#].*)?$`);
  await submitAndWaitFor(page, form, activityPage, `adding a ${kind} activity`);
  return pathOf(page).match(activityPage)[1];
}

/**
 * On the facilitator's activity page, opens the settings (details.settings) and saves
 * #activity-settings with exactly `sources` ticked (activity ids) and, for a vote, `voteMethod`
 * chosen in select[name=vote_method]. Waits for the page the form leads to.
 */
export async function saveActivitySettings(s, page, workshop, activityId, { sources, voteMethod } = {}) {
  const target = `/facilitator/workshops/${workshop.id}/activities/${activityId}`;
  await page.bringToFront();
  if (pathOf(page) !== target) await page.goto(s.url(target));
  const form = page.locator('#activity-settings');
  const details = page.locator('details.settings');
  if ((await details.count()) > 0 && !(await details.evaluate((d) => d.open))) await details.locator('summary').click();
  if (sources) {
    const boxes = form.locator('input[type=checkbox][name=source]');
    const offered = await boxes.evaluateAll((inputs) => inputs.map((i) => i.value));
    for (const source of sources) {
      assert.ok(offered.includes(source), `#activity-settings offers no source ${source}; it offers ${JSON.stringify(offered)}`);
    }
    for (const value of offered) await boxes.and(page.locator(`[value="${value}"]`)).setChecked(sources.includes(value));
  }
  if (voteMethod) {
    const select = form.locator('select[name=vote_method]');
    const methods = await select.locator('option').evaluateAll((options) => options.map((o) => o.value));
    assert.ok(methods.includes(voteMethod), `select[name=vote_method] offers no ${voteMethod}; it offers ${JSON.stringify(methods)}`);
    await select.selectOption(voteMethod);
  }
  await submitPost(page, form);
}

/**
 * How many have voted in a vote (or assessed, in an assessment), as the facilitator's page of it
 * says while it runs: nobody
 * reads the count before the vote closes, the facilitator neither.
 */
export async function ballotTurnout(s, page, workshopId, activityId) {
  const path = `/facilitator/workshops/${workshopId}/activities/${activityId}`;
  const response = await page.request.get(s.url(path));
  assert.equal(response.status(), 200, `GET ${path} answered ${response.status()}`);
  const found = /data-(?:ballots|assessors)="(\d+)"/.exec(await response.text());
  assert.ok(found, `${path} shows the turnout`);
  return Number(found[1]);
}

/**
 * The results document of a vote or an assessment, as GET
 * /api/v1/workshops/{id}/activities/{aid}/results gives it to the session of `page`.
 */
export async function activityResults(s, page, workshopId, activityId) {
  const path = `/api/v1/workshops/${workshopId}/activities/${activityId}/results`;
  const response = await page.request.get(s.url(path));
  assert.equal(response.status(), 200, `GET ${path} answered ${response.status()}`);
  return response.json();
}

/**
 * The focused element, described for assertions and messages:
 * { tag, type, name, value, checked, id, text, form (its form's action), css (a readable summary) }.
 */
export function focusedElement(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: 'body', css: 'body (nothing focused)' };
    const d = {
      tag: el.tagName.toLowerCase(),
      type: el.getAttribute('type'),
      name: el.getAttribute('name'),
      value: 'value' in el ? el.value : null,
      checked: 'checked' in el ? el.checked : null,
      id: el.id || null,
      text: (el.textContent || '').trim().slice(0, 60),
      form: el.form ? el.form.getAttribute('action') : null,
    };
    d.css = `${d.tag}${d.type ? `[type=${d.type}]` : ''}${d.name ? `[name=${d.name}]` : ''}` +
      `${d.value !== null && d.tag !== 'textarea' ? `[value=${JSON.stringify(d.value)}]` : ''}` +
      `${d.checked ? ':checked' : ''}${d.text && d.tag !== 'select' ? ` "${d.text}"` : ''}`;
    return d;
  });
}

/**
 * Presses `key` (`times` times) on the keyboard, then asserts the focused element matches
 * `expect` (an object whose keys must equal those of focusedElement), if given. Returns the
 * focused element.
 */
export async function pressKey(page, key, { times = 1, expect, why = '' } = {}) {
  for (let i = 0; i < times; i += 1) await page.keyboard.press(key);
  const focused = await focusedElement(page);
  if (expect) {
    for (const [field, wanted] of Object.entries(expect)) {
      assert.equal(focused[field], wanted, `after ${key}${times > 1 ? ` ×${times}` : ''}${why ? ` (${why})` : ''}, ` +
        `the focused element's ${field} should be ${JSON.stringify(wanted)}; focus is on ${focused.css}`);
    }
  }
  return focused;
}

/**
 * Presses Tab until the focused element matches the CSS selector `css` (at most `max` times),
 * as a keyboard user moving through a page they just loaded. Returns the number of presses.
 */
export async function tabUntil(page, css, { max = 40, key = 'Tab' } = {}) {
  const path = [];
  for (let n = 1; n <= max; n += 1) {
    await page.keyboard.press(key);
    if (await page.evaluate((c) => Boolean(document.activeElement && document.activeElement.matches(c)), css)) return n;
    path.push((await focusedElement(page)).css);
  }
  throw new Error(`${max} presses of ${key} on ${pathOf(page)} never focused ${css}; focus went through ${path.join(' → ')}`);
}

/**
 * Presses Enter with the focus on a form's submit button, and waits for the POST and the page
 * that follows it. Returns the response to the POST.
 */
export async function submitWithKeyboard(page) {
  const focused = await focusedElement(page);
  assert.ok(focused.tag === 'button' && (focused.type === 'submit' || focused.type === null),
    `Enter should submit from a form's button; focus is on ${focused.css}`);
  const posted = page.waitForRequest((r) => r.method() === 'POST' && r.frame() === page.mainFrame(), { timeout: 5_000 });
  const loaded = await settled(page);
  await page.keyboard.press('Enter');
  const request = await posted.catch(() => {
    throw new Error(`Enter on ${focused.css} posted nothing on ${pathOf(page)}`);
  });
  const response = await request.response();
  assert.ok(response && response.status() < 400, `the POST of ${focused.form} answered ${response?.status()}`);
  await loaded();
  return response;
}

// ---- The next step: the console's one-click change of activity (next-step.test.mjs) --------

/** The console's next-step control: a form whose button reads "Étape suivante : <title>". */
export const nextStepForm = 'form[data-next-step]';

/**
 * On the console (loaded if need be), clicks the next-step button once, as a person would (a
 * real mouse click on the visible button), and waits for the console to load again. Returns
 * the activity id the form named.
 */
export async function clickNextStep(s, page, workshop) {
  await page.bringToFront();
  if (pathOf(page) !== new URL(workshop.consoleUrl).pathname) await page.goto(workshop.consoleUrl);
  const form = page.locator(nextStepForm).first();
  await form.waitFor({ state: 'visible', timeout: 5_000 }).catch(() => {
    throw new Error(`the console at ${page.url()} shows no ${nextStepForm}`);
  });
  const to = await form.locator('input[name=to]').getAttribute('value');
  await submitPost(page, form);
  return to;
}

// ---- The projection screen's address without sign-in ------------------------------------------
// (Added for screen-link.test.mjs; the steps above are unchanged.)

/**
 * On the console, presses one of the screen link's controls (form[action$="/screen-link/CONTROL"]:
 * create, renew, revoke) and waits for the console to load again. Returns the address the
 * console then shows in input#screen-url (its whole value), or null when it shows none.
 */
export async function screenLinkControl(s, page, workshop, control) {
  await page.bringToFront();
  if (pathOf(page) !== new URL(workshop.consoleUrl).pathname) await page.goto(workshop.consoleUrl);
  const form = page.locator(`form[action$="/screen-link/${control}"]`).first();
  if (control === 'renew') {
    const details = page.locator('details.renew-screen-link');
    if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
  }
  await form.waitFor({ state: 'attached', timeout: 5_000 }).catch(() => {
    throw new Error(`the console has no form[action$="/screen-link/${control}"]`);
  });
  await submitPost(page, form);
  const shown = page.locator('input#screen-url');
  return (await shown.count()) > 0 ? shown.inputValue() : null;
}
