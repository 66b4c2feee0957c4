// Hostile text in every field a person can type that reaches a page, in Chromium: a corpus of
// classic XSS payloads goes through the participant's name and service, the workshop and
// activity titles and prompts, categories, criteria, jurisdictions, notes, brainwriting ideas,
// risks, action cards (every text field), objection reasons, fates reasons, follow-up notes and
// commitments, deck card titles, and query parameters that pages echo. Then every page that
// shows them is visited (participant pages, console, activity pages, projection screen, fates,
// my contributions, the follow-up console, the public follow-up page, the HTML report), and the
// pages that stay open while the text arrives are checked after their live refresh.
//
// On each page: no payload ran (window.__xss unset, no dialog), no CSP violation was reported,
// no element a payload would inject exists (inline handlers, inline scripts, frames, objects,
// javascript: links, <img src=x>), the CSP header is present and strict, and the payloads the
// page shows are shown as literal text. Every payload instance carries its own number, so a
// failure names the field it came through.
import assert from 'node:assert/strict';
import { useHarness, scenario } from './harness.mjs';
import { signIn, createWorkshop, eventually } from './flows.mjs';

const h = useHarness();

// Each template becomes a unique instance with {n}; a payload that ran sets window.__xss = n
// or opens a dialog saying n.
const TEMPLATES = [
  '<script>__xss={n}</script>',
  '<img src=x onerror=__xss={n}>',
  '<svg onload=__xss={n}>',
  '"><img src=x onerror=__xss={n}>',
  "'><svg/onload=__xss={n}>",
  'javascript:__xss={n}//',
  "'-alert({n})-'",
  "{{constructor.constructor('__xss={n}')()}} {{7*7}} ${7*7}",
  '</textarea><script>__xss={n}</script>',
  '</title><img src=x onerror=__xss={n}>',
  '</style><img src=x onerror=__xss={n}>',
  '<iframe srcdoc="<img src=x onerror=parent.__xss={n}>">',
  '<a href="javascript:__xss={n}">go</a>',
  '<details open ontoggle=__xss={n}>',
  '\u202E<img src=x onerror=__xss={n}>\u202C',
  '<input autofocus onfocus=__xss={n}>',
  '<svg><script>__xss={n}</script></svg>',
  '<math><mtext></table><img src=x onerror=__xss={n}>',
  '&lt;img src=x onerror=__xss={n}&gt;',
  '<!--<img src="--><img src=x onerror=__xss={n}>-->',
  ']]><img src=x onerror=__xss={n}>',
  '<body onload=__xss={n}>',
  '";__xss={n};"',
  '<object data="javascript:__xss={n}">',
  '\u2028<img src=x onerror=__xss={n}>',
];

/** Hands out payload instances, each unique, cycling through the templates; remembers the field. */
class Corpus {
  constructor() {
    this.next = 0;
    this.byNumber = new Map();
  }

  /**
   * The next payload that fits `max` characters. Every text field refuses invisible formatting
   * characters (bidi overrides, line separators) with a clear message, so those payloads go
   * only where `invisible` says they can: query strings, and a refused form shown again
   * ('only' takes one of them).
   */
  take(field, { max = 1000, invisible = false } = {}) {
    for (let tries = 0; tries < TEMPLATES.length; tries += 1) {
      const template = TEMPLATES[this.next % TEMPLATES.length];
      this.next += 1;
      const n = this.byNumber.size + 1;
      const text = template.replaceAll('{n}', String(n));
      const hasInvisible = /[\u2028\u202a-\u202e]/.test(text);
      if ([...text].length > max || (!invisible && hasInvisible) || (invisible === 'only' && !hasInvisible)) continue;
      this.byNumber.set(n, { field, text, template });
      return text;
    }
    throw new Error(`no payload fits ${max} characters for ${field}`);
  }

  /** Every instance handed out, as [n, { field, text }]. */
  get instances() {
    return [...this.byNumber.entries()];
  }

  describe(n) {
    const instance = this.byNumber.get(Number(n));
    return instance ? `payload ${n} (${JSON.stringify(instance.text)}) through ${instance.field}` : `payload ${n}`;
  }

  get templatesUsed() {
    return new Set([...this.byNumber.values()].map((instance) => instance.template)).size;
  }
}

/**
 * Posts the form `selector` of `page` with its own values overridden by `fields` (an array
 * value sets a repeated field), by fetch from the page itself: same origin, the page's cookies
 * and CSRF token, as a click would send it. A multipart form gets `file` as a File.
 */
async function postForm(page, selector, fields = {}, file = null) {
  const result = await page.evaluate(async ({ selector, fields, file }) => {
    const form = document.querySelector(selector);
    if (!form) return { missing: true };
    const data = new FormData(form);
    for (const [name, value] of Object.entries(fields)) {
      data.delete(name);
      for (const one of Array.isArray(value) ? value : [value]) data.append(name, one);
    }
    let body = new URLSearchParams(data);
    if (form.enctype === 'multipart/form-data') {
      if (file) {
        const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
        data.set(file.field, new File([bytes], file.name, { type: file.type }));
      }
      body = data;
    }
    const response = await fetch(form.action, { method: 'POST', body, credentials: 'same-origin' });
    const html = response.ok ? '' : await response.text();
    const main = new DOMParser().parseFromString(html, 'text/html').querySelector('main');
    return { status: response.status, url: response.url, text: (main ? main.textContent : html).trim().slice(0, 600) };
  }, { selector, fields, file });
  assert.ok(!result.missing, `${new URL(page.url()).pathname} has no ${selector}`);
  assert.ok(result.status < 400, `posting ${selector} on ${new URL(page.url()).pathname} with ${JSON.stringify(fields)} answered ${result.status}: ${result.text}`);
  return result;
}

// Records CSP violations from the page itself, before any of its scripts run.
function watchCsp() {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}: ${e.sample || ''}`);
  });
}

async function newWatchedPage(s, options) {
  const context = await s.newContext(options);
  await context.addInitScript(watchCsp);
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) s.cspConsole.push(`${page.url()}: ${msg.text()}`);
  });
  return page;
}

function assertStrictCsp(response, where) {
  const csp = response.headers()['content-security-policy'];
  assert.ok(csp, `${where} is served with a content-security-policy header`);
  const directives = csp.split(';').map((d) => d.trim());
  // Scripts fall under default-src where no script-src is given (the report allows none at all).
  const scripts = directives.find((d) => d.startsWith('script-src ')) ?? directives.find((d) => d.startsWith('default-src ')) ?? '';
  assert.match(scripts, /^(script|default)-src ('self'|'none')$/, `${where}: scripts only from our own files, or none (got: ${csp})`);
}

/**
 * Checks a loaded page: nothing ran, nothing was injected, no CSP violation. Returns the numbers
 * of the payload instances the page shows as literal text.
 */
async function inspect(s, corpus, page, where) {
  // Give an injected onerror/onload/ontoggle handler the time to fire.
  await page.waitForTimeout(150);
  const found = await page.evaluate((instances) => {
    const injected = [...document.querySelectorAll('*')]
      .filter((el) =>
        [...el.attributes].some((a) => /^on/i.test(a.name)) ||
        (el.tagName === 'SCRIPT' && !el.src) ||
        ['IFRAME', 'OBJECT', 'EMBED', 'BASE', 'FRAME'].includes(el.tagName) ||
        (el.tagName === 'META' && el.httpEquiv) ||
        /^\s*javascript:/i.test(el.getAttribute('href') || el.getAttribute('src') || el.getAttribute('data') || '') ||
        (el.tagName === 'IMG' && el.getAttribute('src') === 'x'))
      .map((el) => el.outerHTML.slice(0, 160));
    const text = document.documentElement.textContent;
    const shown = instances.filter(([, body]) => text.includes(body)).map(([n]) => n);
    return { ran: window.__xss, csp: window.__cspViolations ?? [], injected, shown };
  }, corpus.instances.map(([n, instance]) => [n, instance.text]));
  assert.equal(found.ran, undefined, `a script ran on ${where}: ${corpus.describe(found.ran)}`);
  assert.deepEqual(found.injected, [], `markup from user text was injected on ${where}`);
  assert.deepEqual(found.csp, [], `no CSP violation on ${where}`);
  s.shownCount += found.shown.length;
  for (const n of found.shown) s.shownNumbers.add(n);
  s.pagesVisited += 1;
  return found.shown;
}

/** Loads `url` in `page`, checks its CSP header and the page; asserts it shows some payloads. */
async function visit(s, corpus, page, url, where, { expect = 1 } = {}) {
  const response = await page.goto(url);
  assert.ok(response && response.status() < 400, `${where} (${url}) answered ${response?.status()}`);
  assertStrictCsp(response, where);
  const shown = await inspect(s, corpus, page, where);
  assert.ok(shown.length >= expect, `${where} shows ${shown.length} payloads literally, expected at least ${expect}`);
  return shown;
}

// A 1×1 PNG for the deck card.
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

scenario(h, 'no XSS payload in any field runs or injects markup on any page', async (s) => {
  const corpus = new Corpus();
  s.cspConsole = [];
  s.shownCount = 0;
  s.shownNumbers = new Set();
  s.pagesVisited = 0;
  const wide = { viewport: { width: 1280, height: 800 }, locale: 'en-GB' };

  // The facilitator: a workshop and one activity of each kind, every title and prompt hostile.
  const console_ = await newWatchedPage(s, wide);
  await signIn(s, console_);
  const workshop = await createWorkshop(s, console_, corpus.take('workshop title', { max: 120 }));
  const base = `/facilitator/workshops/${workshop.id}`;
  const agenda = async () => {
    const response = await console_.request.get(s.url(`/api/v1/workshops/${workshop.id}`));
    return (await response.json()).activities;
  };
  const [challenges] = (await agenda()).filter((a) => a.kind === 'challenges').map((a) => a.id);
  const activities = { challenges };
  for (const kind of ['categorize', 'brainwriting', 'vote', 'assess', 'action_plan', 'risk_map', 'photo_language']) {
    await console_.goto(workshop.consoleUrl);
    const added = await postForm(console_, '#add-activity', { kind, title: `${kind} activity` });
    activities[kind] = new URL(added.url).pathname.split('/').pop();
  }
  const settings = {
    challenges: {},
    categorize: { categories: [1, 2, 3].map(() => corpus.take('category name', { max: 60 })).join('\n') },
    brainwriting: {},
    vote: { source: challenges },
    assess: { source: challenges, criteria: [1, 2].map((i) => `c${i}|${corpus.take('assessment criterion name', { max: 80 })}`).join('\n') },
    action_plan: { source: challenges, jurisdictions: [1, 2].map(() => corpus.take('jurisdiction name', { max: 80 })).join('\n') },
    risk_map: {},
    photo_language: {},
  };
  for (const [kind, id] of Object.entries(activities)) {
    await console_.goto(s.url(`${base}/activities/${id}`));
    await postForm(console_, '#activity-settings', {
      title: corpus.take(`${kind} activity title`, { max: 120 }),
      prompt: corpus.take(`${kind} activity prompt`, { max: 500 }),
      ...settings[kind],
    });
  }
  // A deck card with a hostile title, on the photo language activity.
  await console_.goto(s.url(`${base}/activities/${activities.photo_language}`));
  await postForm(console_, 'form.upload-card', { title: corpus.take('deck card title', { max: 60 }) },
    { field: 'image', name: 'card.png', type: 'image/png', base64: PNG });
  await console_.goto(workshop.consoleUrl);
  for (const id of Object.values(activities)) {
    await postForm(console_, `li[data-activity="${id}"] form[action$="/open"]`);
  }

  // Pages left open while the hostile text arrives: they refresh from the live stream.
  const live = {
    screen: await newWatchedPage(s, wide),
    console: console_,
  };
  await live.console.goto(workshop.consoleUrl);
  await live.screen.context().addCookies(await console_.context().cookies());
  await live.screen.goto(s.url(`${base}/screen`));

  // Participants join with hostile names and services.
  const phones = [];
  for (let i = 0; i < 5; i += 1) {
    const phone = await newWatchedPage(s, { viewport: { width: 360, height: 640 }, locale: 'en-GB' });
    await phone.goto(s.url(`/join?code=${encodeURIComponent(workshop.joinCode)}`));
    await postForm(phone, '#join-form', {
      name: corpus.take('participant name', { max: 60 }),
      service: corpus.take('participant service', { max: 60 }),
    });
    phones.push(phone);
  }
  const phoneLive = phones[0];
  await phoneLive.goto(s.url(`/w/${workshop.id}/a/${challenges}`));

  // Notes: the whole corpus once more through the challenges, spread over the phones.
  for (let i = 0; i < TEMPLATES.length; i += 1) {
    const phone = phones[1 + (i % (phones.length - 1))];
    // Each load of the form carries a fresh id for the note (a resend records it once).
    await phone.goto(s.url(`/w/${workshop.id}/a/${challenges}`));
    await postForm(phone, '#note-form', { text: corpus.take('challenge note', { max: 1000 }) });
  }
  // Risks and brainwriting ideas.
  for (let i = 0; i < 3; i += 1) {
    await phones[1].goto(s.url(`/w/${workshop.id}/a/${activities.risk_map}`));
    await postForm(phones[1], '#note-form', { text: corpus.take('risk', { max: 1000 }) });
  }
  // Rated risks are drawn on the heat map, an SVG the server writes itself, with their texts.
  await phones[2].goto(s.url(`/w/${workshop.id}/a/${activities.risk_map}`));
  const ratingForms = await phones[2].locator('li.risk form.rating').count();
  assert.equal(ratingForms, 3, 'each risk has its rating form');
  for (let i = 0; i < ratingForms; i += 1) {
    await phones[2].goto(s.url(`/w/${workshop.id}/a/${activities.risk_map}`));
    await postForm(phones[2], `li.risk:nth-of-type(${i + 1}) form.rating`, { likelihood: String(1 + i), impact: String(5 - i) });
  }
  await console_.goto(s.url(`${base}/activities/${activities.brainwriting}`));
  await postForm(console_, `form[action$="/activities/${activities.brainwriting}/brainwriting-start"]`);
  for (const phone of phones.slice(1, 3)) {
    await phone.goto(s.url(`/w/${workshop.id}/a/${activities.brainwriting}`));
    await postForm(phone, '#note-form', { text: corpus.take('brainwriting idea', { max: 1000 }) });
  }

  // An action card with every text field hostile, and objections with hostile reasons.
  const drafter = phones[2];
  await drafter.goto(s.url(`/w/${workshop.id}/a/${activities.action_plan}/actions/new`));
  const source = await drafter.locator('#new-card-form input[name=source]').first().getAttribute('value');
  const card = { source };
  for (const field of ['title', 'description', 'rationale', 'owner', 'horizon', 'first_steps', 'resources', 'indicators']) {
    card[field] = corpus.take(`action card ${field}`, { max: field === 'title' ? 120 : 300 });
  }
  const drafted = await postForm(drafter, '#new-card-form', card);
  const cardPath = new URL(drafted.url).pathname;
  for (const phone of phones.slice(3, 5)) {
    await phone.goto(s.url(cardPath));
    await postForm(phone, '#consensus', { stance: 'object', reason: corpus.take('objection reason', { max: 500 }) });
  }

  // The live pages took all of it in without a reload.
  await eventually('the projection screen shows a hostile note after its live refresh', async () => {
    const shown = await inspect(s, corpus, live.screen, 'the projection screen (live)');
    assert.ok(shown.some((n) => corpus.byNumber.get(n).field === 'challenge note'), 'a challenge note is on the screen');
  }, { timeout: 10_000 });
  await eventually('the console shows a hostile name after its live refresh', async () => {
    const shown = await inspect(s, corpus, live.console, 'the console (live)');
    assert.ok(shown.some((n) => corpus.byNumber.get(n).field === 'participant name'), 'a participant name is on the console');
  }, { timeout: 10_000 });
  await eventually("a phone's page shows the others' hostile notes after its live refresh", async () => {
    const shown = await inspect(s, corpus, phoneLive, "a participant's activity page (live)");
    assert.ok(shown.filter((n) => corpus.byNumber.get(n).field === 'challenge note').length >= 5);
  }, { timeout: 10_000 });

  // Every page that shows the text, loaded afresh.
  const phone = phones[2];
  await visit(s, corpus, phone, s.url(`/w/${workshop.id}`), "a participant's home");
  for (const [kind, id] of Object.entries(activities)) {
    await visit(s, corpus, phone, s.url(`/w/${workshop.id}/a/${id}`), `the participant's ${kind} page`);
    await visit(s, corpus, console_, s.url(`${base}/activities/${id}`), `the facilitator's ${kind} page`);
  }
  await visit(s, corpus, phone, s.url(cardPath), 'an action card');
  await visit(s, corpus, phone, s.url(`/w/${workshop.id}/mine`), 'my contributions');
  await visit(s, corpus, console_, s.url('/facilitator'), 'the dashboard');
  await visit(s, corpus, console_, workshop.consoleUrl, 'the console');
  await visit(s, corpus, live.screen, s.url(`${base}/screen`), 'the projection screen');

  // Query parameters that pages echo.
  await visit(s, corpus, phone, s.url(`/join?code=${encodeURIComponent(corpus.take('join code in the URL', { max: 200, invisible: true }))}`), 'the join page', { expect: 0 });
  await visit(s, corpus, phone, s.url(`/w/${workshop.id}/a/${activities.action_plan}/actions/new?source=${encodeURIComponent(corpus.take('new card source in the URL', { max: 200, invisible: true }))}`), 'a new card from a URL', { expect: 0 });
  await visit(s, corpus, console_, s.url(`${base}/fates?pending=${encodeURIComponent(corpus.take('fates filter in the URL', { max: 200, invisible: true }))}`), 'the fates page with a hostile query', { expect: 0 });
  await visit(s, corpus, phone, s.url(`/w/${workshop.id}?q=${encodeURIComponent(corpus.take('any query string', { max: 200, invisible: true }))}`), 'a page with a hostile query string', { expect: 0 });

  // A refused note (invisible characters) comes back in its form, as typed.
  await phone.goto(s.url(`/w/${workshop.id}/a/${challenges}`));
  const refused = corpus.take('refused note shown again', { max: 1000, invisible: 'only' });
  await phone.locator('#note-form textarea[name=text]').fill(refused);
  const [answer] = await Promise.all([
    phone.waitForResponse((r) => r.request().method() === 'POST'),
    phone.locator('#note-form button[type=submit]').click(),
  ]);
  assert.equal(answer.status(), 422, 'a note with a bidi override is refused');
  assertStrictCsp(answer, 'the refused note page');
  await phone.waitForLoadState('load');
  assert.ok((await inspect(s, corpus, phone, 'the refused note page')).length > 0);

  // Fates with a hostile reason, the workshop closed, its follow-up with hostile notes.
  await console_.goto(s.url(`${base}/fates`));
  const contributions = await console_.locator('input[type=checkbox][name=contribution]').evaluateAll((inputs) => inputs.slice(0, 3).map((i) => i.value));
  assert.ok(contributions.length > 0, 'the fates page lists contributions to decide');
  await postForm(console_, 'form:has(input[name=contribution])', {
    contribution: contributions, decision: 'not_retained', reason: corpus.take('fate reason', { max: 500 }),
  });
  await visit(s, corpus, console_, s.url(`${base}/fates`), 'the fates page');
  await console_.goto(s.url(`${base}/close`));
  await postForm(console_, '#close-workshop');
  await console_.goto(s.url(`${base}/follow-up`));
  await postForm(console_, 'form[action$="/follow-up/status"]', { status: 'in_progress', note: corpus.take('follow-up status note', { max: 500 }) });
  await console_.goto(s.url(`${base}/follow-up`));
  await postForm(console_, 'form[action$="/follow-up/commitment"]', { answerable: corpus.take('follow-up commitment (answerable)', { max: 200 }) });
  await console_.goto(s.url(`${base}/follow-up`));
  await postForm(console_, 'form[action$="/publish"]');
  await visit(s, corpus, console_, s.url(`${base}/follow-up`), 'the follow-up console');
  const publicUrl = await console_.locator('a[data-public-follow-up]').getAttribute('href');
  const stranger = await newWatchedPage(s, { viewport: { width: 360, height: 640 } });
  await visit(s, corpus, stranger, new URL(publicUrl, s.url('/')).toString(), 'the public follow-up page');
  // Its Atom feed: an XML document, where hostile text must stay text too.
  const feed = await stranger.request.get(new URL(`${publicUrl}/feed.atom`, s.url('/')).toString());
  assert.equal(feed.status(), 200, 'the Atom feed answers');
  const atom = await stranger.evaluate(([xml, instances]) => {
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    const atomNs = 'http://www.w3.org/2005/Atom';
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      // Every element is Atom's own; a payload's markup would bring elements of no or another namespace.
      foreign: [...doc.getElementsByTagName('*')].filter((el) => el.namespaceURI !== atomNs).map((el) => el.outerHTML.slice(0, 160)),
      shown: instances.filter(([, body]) => doc.documentElement.textContent.includes(body)).map(([n]) => n),
    };
  }, [await feed.text(), corpus.instances.map(([n, instance]) => [n, instance.text])]);
  assert.equal(atom.error, null, 'the Atom feed is well-formed XML');
  assert.deepEqual(atom.foreign, [], 'no markup from user text in the Atom feed');
  assert.ok(atom.shown.length >= 2, `the Atom feed carries the hostile title and note as text (shows ${atom.shown.length})`);
  for (const n of atom.shown) s.shownNumbers.add(n);
  s.shownCount += atom.shown.length;
  s.pagesVisited += 1;
  await visit(s, corpus, console_, s.url(`${base}/report`), 'the HTML report');
  assert.ok(await console_.locator('svg.heat-map').count() > 0, 'the report draws the heat map of the rated risks');

  assert.deepEqual(s.dialogs, [], 'no dialog opened');
  assert.deepEqual(s.cspConsole, [], 'no CSP violation in any console');
  // Every field reached a page: at least one of its payloads is shown there as text. Query
  // parameters are the exception: pages echo them into attributes (a form's value), not text.
  const fields = [...new Set(corpus.instances.map(([, i]) => i.field))];
  const shownFields = new Set([...s.shownNumbers].map((n) => corpus.byNumber.get(n).field));
  const neverShown = fields.filter((field) => !shownFields.has(field) && !/in the URL|query string/.test(field));
  assert.deepEqual(neverShown, [], 'every field shows its payloads literally on some page');
  console.log(`# ${corpus.byNumber.size} payload instances (${corpus.templatesUsed} of ${TEMPLATES.length} templates) ` +
    `through ${new Set(corpus.instances.map(([, i]) => i.field)).size} fields; ${s.pagesVisited} page checks; ` +
    `${s.shownCount} payloads found shown literally`);
}, { timeout: 120_000 });
