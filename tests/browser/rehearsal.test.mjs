// The dress rehearsal: the flagship template run end to end as on the day, with a Wallonia-sized
// room. A facilitator on a 1366×768 laptop, two projections (a 1280×720 projector in the
// facilitator's browser, a 1920×1080 TV opened by the screen link in a browser of its own),
// eight phones at 390×844 that act through their real pages at every step, and seventeen more
// people posting the bulk of the demo's volume through the API (about 40 SWOT notes, 80
// challenges, 75 ideas). At every step: the projections neither scroll nor break a word, no
// phone scrolls sideways, and the facilitator needed at most two clicks to get there from the
// step before (the next step, plus starting the brainwriting); a table of the clicks is printed.
//
// The run is a list of steps, one function each: a step says how the facilitator gets there,
// what the room does there, and what the projection must then show. To add a step (a
// shortlist before the assessment, a moderation pass), add a function to STEPS.
import assert from 'node:assert/strict';
import { readFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { useHarness, scenario, repoRoot, artifactsDir, slug } from './harness.mjs';
import {
  signIn, createWorkshopFromTemplate, agendaOf, join, eventually, nextStepForm, screenLinkControl,
  saveActivitySettings, waitForFollowedFocus, settled,
} from './flows.mjs';
import { layoutProblems, sidewaysScroll } from './layout.mjs';

const h = useHarness();

const CONSOLE = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const SCREENS = [
  { name: 'projector', width: 1280, height: 720 },
  { name: 'tv', width: 1920, height: 1080 },
];
const MAX_CLICKS = 2;
const SCREEN_TITLE = '.stage-activity .stage-head h2';
const SCREEN_TIMER = '.stage-activity .stage-head [data-timer-ends]';

// ---- The room's words: the demo's script, so the volume reads like the real hackathon ------------

/** The `text` (and `kind`, `card`) of every [[section]] entry of the demo's script. */
async function demoTexts() {
  const script = await readFile(path.join(repoRoot, 'crates', 'cli', 'demo', 'wallonia.toml'), 'utf8');
  const entries = {};
  let current = null;
  for (const line of script.split('\n')) {
    const header = line.match(/^\[\[([a-z.]+)\]\]\s*$/);
    if (header) {
      current = {};
      (entries[header[1]] ??= []).push(current);
      continue;
    }
    const field = line.match(/^(text|kind|card) = "(.*)"\s*$/);
    if (field && current) current[field[1]] = field[2];
  }
  return entries;
}

/** `n` texts from `pools` in turn (each pool cycled), for the volume of one activity. */
function take(n, ...pools) {
  const all = pools.flat().filter(Boolean);
  return Array.from({ length: n }, (_, i) => all[i % all.length]);
}

// ---- The people who post through the API: the bulk of the volume --------------------------------

class ApiRoom {
  constructor(s, workshop) {
    this.s = s;
    this.workshop = workshop;
    this.people = [];
  }

  async call(method, route, { token, body } = {}) {
    const response = await fetch(this.s.url(route), {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    assert.ok(response.status < 300, `${method} ${route} answered ${response.status}: ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : null;
  }

  async join(names) {
    this.people = await Promise.all(names.map(([name, service]) =>
      this.call('POST', '/api/v1/join', { body: { join_code: this.workshop.joinCode, name, service } })));
  }

  /** Runs `tasks` (functions returning promises) eight at a time. */
  static async pool(tasks, width = 8) {
    const results = [];
    let next = 0;
    await Promise.all(Array.from({ length: width }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]();
      }
    }));
    return results;
  }

  /** Posts `notes` ({ text, kind?, card?, links? }) in `activity`, dealt round the people. */
  post(activity, notes) {
    return ApiRoom.pool(notes.map((note, i) => () => this.call('POST', `/api/v1/workshops/${this.workshop.id}/contributions`, {
      token: this.people[i % this.people.length].token,
      body: { activity_id: activity, ...note },
    })));
  }

  ballots(activity, ballotOf) {
    return ApiRoom.pool(this.people.flatMap((person, i) => ballotOf(i).map((ballot) => () =>
      this.call('POST', `/api/v1/workshops/${this.workshop.id}/activities/${activity}/ballots`, { token: person.token, body: ballot }))));
  }
}

// ---- What the facilitator does, counted ---------------------------------------------------------

class Facilitator {
  constructor(s, page, workshop) {
    this.s = s;
    this.page = page;
    this.workshop = workshop;
    this.clicks = 0;
  }

  /** One click on `locator`, counted; waits for the page the form or the link leads to, or for
   *  the console to update in place. */
  async click(locator, what) {
    await this.page.bringToFront();
    await locator.waitFor({ state: 'visible', timeout: 5_000 }).catch(() => {
      throw new Error(`the facilitator cannot see ${what} on ${this.page.url()}`);
    });
    this.clicks += 1;
    const loaded = await settled(this.page);
    await locator.click();
    await loaded();
  }

  /** The console's one-click next step, on whichever page of the console the facilitator is. */
  async nextStep() {
    await this.click(this.page.locator(`${nextStepForm} button[type=submit]`).first(), 'the next-step control');
  }
}

// ---- The steps ----------------------------------------------------------------------------------
// One per activity of the agenda, in its order. `enter(run)`: what the facilitator does to get the
// room there, every click counted (the one-click next step when absent). `room(run)`: what the
// people do there, the phones through their pages and the others through the API; it returns a
// text the projections must show once the room has done it (or null).

/** The phones act at the same time, each through its own page. */
async function eachPhone(run, fn) {
  await Promise.all(run.phones.map((phone, i) => fn(phone.page, i)));
}

/** Posts a note through the phone's #note-form and waits for the page that follows. */
async function phoneNote(page, text, { kind } = {}) {
  const form = page.locator('#note-form');
  if (kind) await form.locator('select[name=kind]').selectOption(kind);
  await form.locator('textarea[name=text]').fill(text);
  await submitOn(page, form.locator('button[type=submit]'));
}

/** Taps a form's button (or a link) and waits for the page that follows; a refused post says so. */
async function submitOn(page, button) {
  const posted = page.waitForRequest((r) => r.frame() === page.mainFrame() && r.isNavigationRequest(), { timeout: 10_000 });
  const loaded = page.waitForEvent('load', { timeout: 15_000 });
  await button.click();
  const request = await posted.catch(() => {
    throw new Error(`tapping ${button} on ${page.url()} sent nothing`);
  });
  const response = await request.response();
  assert.ok(response && response.status() < 400, `${request.method()} ${request.url()} answered ${response?.status()}`);
  await loaded;
}

const SWOT_KINDS = ['strength', 'weakness', 'opportunity', 'threat'];

const STEPS = [
  {
    key: 'vision',
    name: 'photo language',
    async room(run) {
      const cards = await run.phones[0].page.locator('#note-form input.card-radio').evaluateAll((inputs) => inputs.map((i) => i.value));
      assert.ok(cards.length >= 4, `the deck offers cards: ${JSON.stringify(cards)}`);
      const visions = run.texts.vision.map((v) => v.text);
      await eachPhone(run, async (page, i) => {
        await page.locator('#note-form label.card-choice').filter({ has: page.locator(`input[value="${cards[i % cards.length]}"]`) }).click();
        await phoneNote(page, visions[i]);
      });
      const rest = visions.slice(run.phones.length);
      await run.api.post(run.ids.vision, rest.map((text, i) => ({ text, card: cards[(i * 3) % cards.length] })));
      return rest.at(-1);
    },
  },
  {
    key: 'swot',
    name: 'SWOT',
    async room(run) {
      const notes = take(40, run.texts.swot);
      await eachPhone(run, (page, i) => phoneNote(page, notes[i].text, { kind: notes[i].kind }));
      const rest = notes.slice(run.phones.length);
      await run.api.post(run.ids.swot, rest.map((note) => ({ text: note.text, kind: note.kind ?? SWOT_KINDS[0] })));
      return rest.at(-1).text;
    },
  },
  {
    key: 'challenges',
    name: 'challenges',
    async room(run) {
      const t = run.texts;
      const texts = take(80, t.challenge.map((c) => c.text), t.swot.filter((n) => n.kind === 'weakness' || n.kind === 'threat').map((n) => n.text),
        t.risk.map((r) => r.text), t.question.map((q) => q.text));
      await eachPhone(run, (page, i) => phoneNote(page, texts[i]));
      const rest = texts.slice(run.phones.length);
      const posted = await run.api.post(run.ids.challenges, rest.map((text) => ({ text })));
      run.challenges = posted.map((p) => p.id);
      return rest.at(-1);
    },
  },
  {
    key: 'reformulation',
    name: 'reformulation',
    async room(run) {
      const questions = run.texts.question.map((q) => q.text);
      // Each phone ticks a challenge on its page and writes its question.
      await eachPhone(run, async (page, i) => {
        await page.locator('#note-form label.challenge-choice input[name=link]').nth(i).check();
        await phoneNote(page, questions[i % questions.length]);
      });
      const rest = take(14, questions.slice(run.phones.length), questions);
      await run.api.post(run.ids.reformulation, rest.map((text, i) => ({ text, links: [run.challenges[i * 5]] })));
      return rest.at(-1);
    },
  },
  {
    key: 'priorities',
    name: 'categorize',
    async room(run) {
      // Every phone sorts one question with its select and button; the rest of the sorting is
      // sent by the phones' browsers as the same form would.
      const page0 = run.phones[0].page;
      const categories = (await page0.locator('select[name=category]').first().locator('option').evaluateAll((o) => o.map((x) => x.value))).filter(Boolean);
      assert.equal(categories.length, 4, 'the template\'s four categories');
      const notes = await page0.locator('[data-sort-form] input[name=contribution_id]').evaluateAll((inputs) => inputs.map((i) => i.value));
      assert.ok(notes.length >= 14, `the questions to sort: ${notes.length}`);
      for (const [i, phone] of run.phones.entries()) {
        const form = phone.page.locator('[data-sort-form]').filter({ has: phone.page.locator(`input[name=contribution_id][value="${notes[i]}"]`) });
        await form.locator('select[name=category]').selectOption(categories[i % 4]);
        await submitOn(phone.page, form.locator('button[type=submit]'));
      }
      const csrf = await page0.inputValue('input[name=_csrf]');
      await ApiRoom.pool(notes.slice(run.phones.length).map((note, i) => async () => {
        const sent = await page0.request.post(run.s.url(`/w/${run.workshop.id}/a/${run.ids.priorities}/sort`), {
          form: { _csrf: csrf, contribution_id: note, category: categories[(i + 1) % 4] }, maxRedirects: 0,
        });
        assert.ok(sent.status() < 400, `sorting ${note} answered ${sent.status()}`);
      }));
      return null;
    },
  },
  {
    key: 'ideas',
    name: 'brainwriting',
    // The sheets go round only once the facilitator hands them out: the next step again, its
    // second click.
    async enter(run) {
      await run.facilitator.nextStep();
      // After the last round the step leads to the assessment's shortlist, still empty (a link).
      const step = run.facilitator.page.locator(`${nextStepForm} button[type=submit], [data-next-step-shortlist] a.button`).first();
      assert.match(await step.textContent(), /distribuer les feuilles/, 'the next step hands the sheets out');
      await run.facilitator.nextStep();
    },
    async room(run) {
      const ideas = run.texts['sheet.idea'].map((idea) => idea.text);
      let n = 0;
      const write = async (round, perPerson) => {
        await eachPhone(run, async (page, i) => {
          await eventually(`phone ${i + 1} holds a sheet for round ${round + 1}`, async () => {
            assert.equal(await page.locator(`[data-bw-form-round="${round}"] #note-form`).count(), 1);
          }, { timeout: 10_000 });
          await phoneNote(page, ideas[(round * 25 + i) % ideas.length]);
        });
        const texts = [];
        const posts = run.api.people.flatMap((person, p) => Array.from({ length: perPerson }, (_, k) => {
          const text = ideas[(n++ * 7 + p + k) % ideas.length];
          texts.push(text);
          return () => run.api.call('POST', `/api/v1/workshops/${run.workshop.id}/contributions`, {
            token: person.token, body: { activity_id: run.ids.ideas, text },
          });
        }));
        await ApiRoom.pool(posts);
        return texts.at(-1);
      };
      // Passing the sheets is the next step until the last round: one click each, in place
      // (no page load); not a change of activity, so not counted among the transitions.
      // After the last round the step leads to the assessment's shortlist, still empty (a link).
      const step = run.facilitator.page.locator(`${nextStepForm} button[type=submit], [data-next-step-shortlist] a.button`).first();
      const passSheets = async () => {
        await run.facilitator.page.bringToFront();
        assert.match(await step.textContent(), /passer les feuilles/, 'the next step passes the sheets');
        const passed = await settled(run.facilitator.page);
        await step.click();
        await passed();
      };
      await write(0, 2);
      await passSheets();
      // From the second round on, the projection counts each sheet's ideas: no text to wait for.
      await write(1, 1);
      // The remaining rounds go by without writing, until the step names the next activity.
      for (let round = 2; /passer les feuilles/.test(await step.textContent()); round += 1) {
        assert.ok(round < 12, 'the sheets stop going round');
        await passSheets();
      }
      assert.match(await step.textContent(), /choisir les idées/, 'the step leads to the empty shortlist first');
      return null;
    },
  },
  {
    key: 'assessment',
    name: 'assessment',
    // The template's assessment takes the facilitator's shortlist of the ideas: before the room
    // moves on, the facilitator ticks 24 of them on the assessment's page (work of the
    // facilitator's own, not a transition: not counted among its clicks).
    async prepare(run) {
      const page = run.facilitator.page;
      await page.bringToFront();
      await page.goto(run.s.url(`/facilitator/workshops/${run.workshop.id}/activities/${run.ids.assessment}`));
      const shortlist = page.locator('#shortlist');
      const boxes = shortlist.locator('input[type=checkbox]');
      const offered = await boxes.count();
      assert.ok(offered >= 60, `the shortlist offers the brainwriting's ideas: ${offered}`);
      for (let k = 0; k < 24; k += 1) await boxes.nth(Math.floor((k * offered) / 24)).check();
      const saved = await settled(page);
      await shortlist.locator('button[type=submit]').click();
      await saved();
      // Back to the console, where the next step is.
      await page.goto(run.s.url(`/facilitator/workshops/${run.workshop.id}`));
    },
    async room(run) {
      const items = await run.phones[0].page.locator('.assess-item form input[name=item]').evaluateAll((inputs) => inputs.map((i) => i.value));
      assert.equal(items.length, 24, 'the room assesses the 24 shortlisted ideas');
      // Each phone scores the idea it shows (one at a time) with its radio buttons.
      await eachPhone(run, async (page, i) => {
        const form = page.locator('.assess-item.current form');
        for (const criterion of ['impact', 'feasibility', 'cost', 'speed']) {
          await form.locator('label.choice').filter({ has: page.locator(`input[name="score-${criterion}"][value="${1 + ((i + criterion.length) % 5)}"]`) }).click();
        }
        await submitOn(page, form.locator('button[type=submit]'));
      });
      await run.api.ballots(run.ids.assessment, (p) => items.filter((_, k) => (k + p) % 8 === 0).map((item, k) => ({
        type: 'assessment', item, scores: { impact: 1 + ((p + k) % 5), feasibility: 1 + ((p * 2 + k) % 5), cost: 3, speed: 1 + (k % 5) },
      })));
      return null;
    },
  },
  {
    key: 'vote',
    name: 'vote',
    async room(run) {
      // Dot voting by tapping: + on two ideas, then send.
      await eachPhone(run, async (page, i) => {
        const plus = page.locator('[data-dots-item] [data-dots-step="1"]');
        await plus.nth(i).click();
        await plus.nth(i + 1).click();
        await submitOn(page, page.locator('#ballot button[type=submit]'));
      });
      const items = await run.phones[0].page.locator('[data-dots-item] input.dots-input').evaluateAll((inputs) => inputs.map((i) => i.id.replace(/^dots-/, '')));
      await run.api.ballots(run.ids.vote, (p) => [{
        type: 'dots', dots: { [items[p % items.length]]: 3, [items[(p * 7 + 1) % items.length]]: 2 },
      }]);
      return null;
    },
  },
  {
    key: 'action-plan',
    name: 'action plan',
    async room(run) {
      // Three phones draft a card through the card form; the others take a stance later.
      await Promise.all(run.phones.slice(0, 3).map(async ({ page }, i) => {
        await submitOn(page, page.locator('a.button[href$="/actions/new"]').first());
        const form = page.locator('form.card-form');
        await form.locator('[name=title]').fill(`Fiche ${i + 1} : ${run.texts['sheet.idea'][i].text.split(/[:.(]/)[0].slice(0, 100)}`);
        await form.locator('input[type=checkbox][name=source]').first().check();
        await submitOn(page, form.locator('button[type=submit]').last());
      }));
      const sources = await run.facilitatorIdeas();
      const titles = run.texts['sheet.idea'].slice(0, 16).map((idea) => idea.text.split(/[:.(]/)[0].slice(0, 110));
      await ApiRoom.pool(titles.map((title, i) => () => run.api.call('POST', `/api/v1/workshops/${run.workshop.id}/actions`, {
        token: run.api.people[i % run.api.people.length].token,
        body: {
          activity_id: run.ids['action-plan'],
          card: {
            title, jurisdiction: ['administration', 'government', 'shared'][i % 3],
            description: run.texts['sheet.idea'][i].text, owner: 'SPW Secrétariat général', horizon: '2025',
          },
          sources: [sources[i % sources.length]],
        },
      })));
      // The other phones agree with the first card, with one tap each.
      await Promise.all(run.phones.slice(3).map(async ({ page }) => {
        await page.goto(run.s.url(`/w/${run.workshop.id}/a/${run.ids['action-plan']}`));
        const stance = page.locator('form.quick-stance button[name=stance]').first();
        if (await stance.count()) await submitOn(page, stance);
      }));
      return titles.at(-1);
    },
  },
  {
    key: 'risks',
    name: 'risk map',
    async room(run) {
      const risks = run.texts.risk.map((r) => r.text);
      await eachPhone(run, (page, i) => phoneNote(page, risks[i % risks.length]));
      await run.api.post(run.ids.risks, take(6, risks.slice(2)).map((text) => ({ text })));
      // Every phone rates the first risk with its radio buttons, and sends its other ratings
      // as the same form would.
      await eachPhone(run, async (page, i) => {
        await page.reload();
        const form = page.locator('form.rating').first();
        await form.locator('label.choice').filter({ has: page.locator(`input[name=likelihood][value="${1 + (i % 5)}"]`) }).click();
        await form.locator('label.choice').filter({ has: page.locator(`input[name=impact][value="${5 - (i % 5)}"]`) }).click();
        await submitOn(page, form.locator('button[type=submit]'));
        const csrf = await page.inputValue('input[name=_csrf]');
        const actions = await page.locator('form.rating').evaluateAll((forms) => forms.map((f) => f.getAttribute('action')));
        for (const [k, action] of actions.slice(1).entries()) {
          const sent = await page.request.post(run.s.url(action), {
            form: { _csrf: csrf, likelihood: String(1 + ((i + k) % 5)), impact: String(1 + ((i * 3 + k) % 5)) }, maxRedirects: 0,
          });
          assert.ok(sent.status() < 400, `rating ${action} answered ${sent.status()}`);
        }
      });
      return null;
    },
  },
];

// ---- Looking at every screen ----------------------------------------------------------------------

/**
 * What is wrong on every projection and phone now; screenshots of what is wrong, kept for CI
 * (with REHEARSAL_SCREENSHOTS=1, of every screen and the first phone at every step, to look at).
 */
async function inspect(run, step) {
  const problems = [];
  if (process.env.REHEARSAL_SCREENSHOTS === '1') {
    for (const screen of run.screens) await keep(screen.page, `${step}-${screen.name}-${screen.width}x${screen.height}`);
    await keep(run.phones[0].page, `${step}-phone-1`);
    await keep(run.facilitator.page, `${step}-console`);
  }
  for (const screen of run.screens) {
    // A page in the background may not be drawn: the projection is in front on its own screen.
    await screen.page.bringToFront();
    await screen.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const found = await layoutProblems(screen.page);
    if (found.length) {
      const file = await keep(screen.page, `${step}-${screen.name}-${screen.width}x${screen.height}`);
      problems.push(`${step}, ${screen.name} ${screen.width}×${screen.height}: ${found.join('; ')} (${file})`);
      console.log(`# ${problems.at(-1)}`);
    }
  }
  for (const [i, phone] of run.phones.entries()) {
    const found = await sidewaysScroll(phone.page);
    if (found) {
      const file = await keep(phone.page, `${step}-phone-${i + 1}`);
      problems.push(`${step}, phone ${i + 1} on ${new URL(phone.page.url()).pathname}: ${found} (${file})`);
      console.log(`# ${problems.at(-1)}`);
    }
  }
  return problems;
}

async function keep(page, name) {
  await mkdir(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `rehearsal-${slug(name)}.png`);
  await page.screenshot({ path: file, timeout: 5_000 }).catch(() => {});
  return path.relative(repoRoot, file);
}

/** Waits until the room is on `activity`: open, every screen on it with its timer, every phone there. */
async function assertRoomOn(run, activity) {
  await Promise.all(run.phones.map(({ page }) => waitForFollowedFocus(page, run.workshop.id, activity.id, { timeout: 10_000 }).catch(async (e) => {
    const why = await page.evaluate(() => [...document.querySelectorAll('form input, form textarea, form select')].filter((field) => {
      if (field.type === 'hidden' || field.type === 'submit') return false;
      if (field.type === 'checkbox' || field.type === 'radio') return field.checked !== field.defaultChecked;
      if (field.tagName === 'SELECT') {
        const marked = [...field.options].findIndex((o) => o.defaultSelected);
        return field.selectedIndex !== (marked < 0 ? 0 : marked);
      }
      return field.value !== field.defaultValue;
    }).map((f) => `${f.tagName} ${f.name} ${f.value}`));
    e.message += ` (fields changed there and not sent: ${JSON.stringify(why)})`;
    throw e;
  })));
  for (const screen of run.screens) {
    await eventually(`the ${screen.name} shows ${JSON.stringify(activity.title)} with its timer running`, async () => {
      const titles = await screen.page.locator(SCREEN_TITLE).allTextContents();
      assert.deepEqual(titles.map((t) => t.trim()), [activity.title]);
      const ends = await screen.page.locator(SCREEN_TIMER).first().getAttribute('data-timer-ends', { timeout: 500 });
      assert.ok(Number(ends) > Date.now(), `the timer ends at ${ends}`);
    }, { timeout: 10_000 });
  }
  const agenda = await agendaOf(run.s, run.facilitator.page, run.workshop.id);
  const position = agenda.findIndex((a) => a.id === activity.id);
  assert.equal(agenda[position].status, 'open', `${activity.title} is open`);
  for (const earlier of agenda.slice(0, position)) assert.equal(earlier.status, 'closed', `${earlier.title} is closed`);
}

/** Waits until every projection shows `text` (the last thing the room wrote), then lets it fit. */
async function assertScreensShow(run, text) {
  for (const screen of run.screens) {
    if (text) {
      await eventually(`the ${screen.name} shows ${JSON.stringify(text.slice(0, 60))}`, async () => {
        assert.ok(await screen.page.evaluate((t) => document.querySelector('[data-fit]')?.textContent.includes(t), text));
      }, { timeout: 10_000 });
    }
  }
  // The live script swaps the regions, then the stage fits them.
  await new Promise((resolve) => setTimeout(resolve, 800));
}

// ---- The rehearsal ------------------------------------------------------------------------------

scenario(h, 'the flagship template runs end to end with a Wallonia-sized room: every screen fits, every step within two clicks', async (s) => {
  const started = Date.now();
  const texts = await demoTexts();
  const consolePage = await s.newPage({ viewport: CONSOLE, locale: 'fr-FR' });
  await signIn(s, consolePage);
  const workshop = await createWorkshopFromTemplate(s, consolePage, 'Smarter Democracy Hackathon – Wallonie', 'smarter-democracy-hackathon');
  const agenda = await agendaOf(s, consolePage, workshop.id);
  assert.deepEqual(agenda.map((a) => a.kind), [
    'photo_language', 'swot', 'challenges', 'reformulate', 'categorize', 'brainwriting', 'assess', 'vote', 'action_plan', 'risk_map',
  ], 'the flagship template\'s agenda');
  const ids = Object.fromEntries(STEPS.map((step, i) => [step.key, agenda[i].id]));
  // Prepared before the day: the vote is a dot vote (as the demo's), not a grade for each of 75 ideas.
  await saveActivitySettings(s, consolePage, workshop, ids.vote, { voteMethod: 'dots' });

  // Two projections: the facilitator's own, and a TV opened by the screen link in its own browser.
  const screenUrl = await screenLinkControl(s, consolePage, workshop, 'create');
  assert.ok(screenUrl, 'the console shows the screen link');
  const projector = await consolePage.context().newPage();
  await projector.setViewportSize({ width: SCREENS[0].width, height: SCREENS[0].height });
  await projector.goto(s.url(`/facilitator/workshops/${workshop.id}/screen`));
  const tv = await s.newPage({ viewport: { width: SCREENS[1].width, height: SCREENS[1].height }, locale: 'fr-FR' });
  await tv.goto(screenUrl);
  const screens = [{ ...SCREENS[0], page: projector }, { ...SCREENS[1], page: tv }];

  // The room: eight phones join with the code, seventeen more through the API.
  const people = [
    ['Sophie L.', 'SPW Secrétariat général'], ['Marc D.', 'SPW Secrétariat général'], ['Isabelle G.', 'SPW Intérieur et Action sociale'],
    ['Thomas W.', 'SPW Mobilité et Infrastructures'], ['Pierre-Yves C.', 'SPW Agriculture, Ressources naturelles et Environnement'],
    ['Laurence T.', 'SPW Économie, Emploi, Recherche'], ['Anne-Catherine R.', 'SPW Territoire, Logement, Patrimoine, Énergie'],
    ['Élodie M.', 'SPW Digital'],
  ];
  const phones = [];
  for (const [name, service] of people) {
    const page = await s.newPage({ viewport: PHONE, locale: 'fr-FR' });
    await join(s, page, { joinCode: workshop.joinCode, name, service });
    phones.push({ name, page });
  }
  const api = new ApiRoom(s, workshop);
  await api.join(Array.from({ length: 17 }, (_, i) => [`Participant ${i + 9}`, `SPW Service ${1 + (i % 8)}`]));

  const facilitator = new Facilitator(s, consolePage, workshop);
  const run = {
    s, workshop, ids, texts, phones, screens, api, facilitator, challenges: [],
    /** The brainwriting's ideas, as the API gives them to the facilitator. */
    async facilitatorIdeas() {
      const response = await consolePage.request.get(s.url(`/api/v1/workshops/${workshop.id}`));
      const body = await response.json();
      return body.contributions.filter((c) => c.activity_id === ids.ideas).map((c) => c.id);
    },
  };

  const clicks = [];
  const problems = [];
  let from = 'the start';
  for (const [i, step] of STEPS.entries()) {
    const activity = agenda[i];
    if (step.prepare) await step.prepare(run);
    facilitator.clicks = 0;
    if (step.enter) await step.enter(run);
    else await facilitator.nextStep();
    await assertRoomOn(run, activity);
    clicks.push({ from, to: step.name, clicks: facilitator.clicks });
    from = step.name;
    // Once the room is there, before it writes: the board as the first notes come in.
    problems.push(...await inspect(run, `${step.name} (start)`));
    console.log(`# ${Math.round((Date.now() - started) / 1000)} s: the room is on ${step.name}`);
    const marker = await step.room(run);
    await assertScreensShow(run, marker);
    problems.push(...await inspect(run, step.name));
  }

  // The counts, once closed: the facilitator shows the assessment's and the vote's results.
  for (const key of ['assessment', 'vote']) {
    const csrf = await consolePage.inputValue('input[name=_csrf]');
    const sent = await consolePage.request.post(s.url(`/facilitator/workshops/${workshop.id}/focus`), {
      form: { _csrf: csrf, activity_id: ids[key] }, maxRedirects: 0,
    });
    assert.ok(sent.status() < 400, `sending the screens to the ${key}'s results answered ${sent.status()}`);
    for (const screen of screens) {
      await eventually(`the ${screen.name} shows the ${key}`, async () => {
        const titles = await screen.page.locator(SCREEN_TITLE).allTextContents();
        assert.deepEqual(titles.map((t) => t.trim()), [agenda.find((a) => a.id === ids[key]).title]);
      }, { timeout: 10_000 });
    }
    await assertScreensShow(run, null);
    problems.push(...await inspect(run, `${key} results`));
  }

  console.log('# clicks of the facilitator from one step to the next (the room on it, its timer running):');
  for (const row of clicks) console.log(`#   ${row.from.padEnd(16)} → ${row.to.padEnd(16)} ${row.clicks}`);
  console.log(`# the rehearsal took ${Math.round((Date.now() - started) / 1000)} s`);
  assert.deepEqual(problems, [], 'every projection fits and breaks no word, and no phone scrolls sideways, at every step');
  const over = clicks.filter((row) => row.clicks > MAX_CLICKS);
  assert.deepEqual(over, [], `every transition takes at most ${MAX_CLICKS} clicks`);
  assert.deepEqual(s.dialogs, [], 'no dialog opened');
}, { timeout: 420_000 });
