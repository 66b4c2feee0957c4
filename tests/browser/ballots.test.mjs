// Ballots on phones: for every kind of ballot (dots, approval, score, majority judgment, a ranked
// method, pairwise comparisons and the multi-criteria assessment), one participant casts a
// ballot by touch and another with the keyboard alone (Tab and Shift+Tab, Space, the arrow keys,
// digits, Enter: the focus is put on the first field and the mouse is never used). Each ballot
// is checked on the page the server sends back (the ballot shown filled in) and in the count of
// the results API; a closed vote then shows its results, with the sentence explaining them.
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { useHarness, scenario } from './harness.mjs';
import {
  signIn, createWorkshop, agendaOf, consoleControl, join, postNote, waitForNote, eventually, assertNoHorizontalScroll,
  addActivity, saveActivitySettings, activityPageControl, activityResults, ballotTurnout, pressKey, tabUntil,
  submitWithKeyboard,
} from './flows.mjs';

const h = useHarness();

const CHALLENGES = [
  'Services work in silos',
  'Citizens are consulted too late',
  'No budget line for participation',
  'Reports nobody reads',
];

/** Tab / Shift+Tab / arrows with an assertion on where the focus lands. */
const tab = (page, expect, why) => pressKey(page, 'Tab', { expect, why });
const backTab = (page, expect, why) => pressKey(page, 'Shift+Tab', { expect, why });

scenario(h, 'phones cast every kind of ballot by touch and with the keyboard alone, and a closed vote explains its result', async (s) => {
  // ---- The facilitator's workshop; four challenges posted from two phones. -------------------
  const console_ = await s.newPage({ viewport: { width: 1280, height: 800 } });
  await signIn(s, console_);
  const workshop = await createWorkshop(s, console_, 'Prioritising the challenges');
  const [challenges] = await agendaOf(s, console_, workshop.id);
  assert.equal(challenges?.kind, 'challenges', 'the default workshop starts with a challenges activity');
  await consoleControl(s, console_, workshop, challenges.id, 'open');

  // Tina taps a touch screen; Kim uses the keyboard alone.
  const touch = await s.newPage({ viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true });
  const keys = await s.newPage({ viewport: { width: 360, height: 640 } });
  await join(s, touch, { joinCode: workshop.joinCode, name: 'Tina Touch', service: 'SPW Mobilité' });
  await join(s, keys, { joinCode: workshop.joinCode, name: 'Kim Keys', service: 'SPW Finances' });
  const challengesPath = `/w/${workshop.id}/a/${challenges.id}`;
  await touch.goto(s.url(challengesPath));
  await keys.goto(s.url(challengesPath));
  for (const [i, text] of CHALLENGES.entries()) await postNote(s, i % 2 ? keys : touch, text);
  for (const text of CHALLENGES) await waitForNote(touch, text);

  // The items of every ballot, by text: their ids come from the ballot pages themselves.
  const item = {};

  /** Adds a vote (or an assessment) on the challenges, with its method, and opens it. */
  async function converging(kind, method) {
    const id = await addActivity(s, console_, workshop, { kind, title: `Prioritise: ${method ?? kind}` });
    await saveActivitySettings(s, console_, workshop, id, { sources: [challenges.id], voteMethod: method });
    await activityPageControl(s, console_, workshop, id, 'open');
    const path = `/w/${workshop.id}/a/${id}`;
    for (const phone of [touch, keys]) {
      const response = await phone.goto(s.url(path));
      assert.equal(response.status(), 200, `${path} on a phone`);
      await assertNoHorizontalScroll(phone);
    }
    return { id, path };
  }

  /** How many have voted, as the facilitator's page says while the vote runs. */
  const ballots = async (vote) => ballotTurnout(s, console_, workshop.id, vote.id);
  const recorded = async (phone, what) => {
    assert.equal(await phone.locator('.vote-recorded').count(), 1, `${what}: the page says the ballot is recorded`);
  };

  // ---- Dots: 5 dots, at most 3 on one idea, placed with − and + (the number inputs are the
  // ballot without JavaScript, see no-javascript.test.mjs). ---------------------------------------
  {
    const vote = await converging('vote', 'dots');
    const inputs = touch.locator('#ballot input.dots-input');
    assert.equal(await inputs.count(), CHALLENGES.length, 'one number input per challenge, for the form');
    assert.equal(await touch.locator('#ballot input.dots-input:visible').count(), 0, 'the script hides the inputs: no keypad pops up');
    for (const text of CHALLENGES) {
      item[text] = (await touch.locator('#ballot li.ballot-item').filter({ hasText: text }).locator('input').getAttribute('name')).replace(/^dots-/, '');
    }
    const dots = (page, text) => page.locator(`#ballot input[name="dots-${item[text]}"]`);
    const idea = (page, text) => page.locator('#ballot [data-dots-item]').filter({ hasText: text });
    const more = (page, text) => idea(page, text).locator('[data-dots-step="1"]');
    const less = (page, text) => idea(page, text).locator('[data-dots-step="-1"]');
    const count = async (page, text) => (await idea(page, text).locator('[data-dots-count]').textContent()).trim();
    const off = async (button) => (await button.getAttribute('aria-disabled')) === 'true';
    const counter = touch.locator('[data-dots-counter]');

    // Touch: tap + and −; the buttons are big enough for a thumb.
    for (const button of [more(touch, CHALLENGES[0]), less(touch, CHALLENGES[0])]) {
      const box = await button.boundingBox();
      assert.ok(box.width >= 44 && box.height >= 44, `a 44×44 px target at least, got ${box.width}×${box.height}`);
    }
    assert.match(await counter.textContent(), /You have 5 of 5 dots left/);
    assert.ok(await off(less(touch, CHALLENGES[3])), '− is off at 0');
    for (let i = 0; i < 3; i += 1) await more(touch, CHALLENGES[3]).tap();
    assert.equal(await count(touch, CHALLENGES[3]), '3');
    assert.ok(await off(more(touch, CHALLENGES[3])), '+ is off at the cap of 3');
    assert.match(await counter.textContent(), /You have 2 of 5 dots left/);
    await more(touch, CHALLENGES[1]).tap();
    await more(touch, CHALLENGES[1]).tap();
    assert.match(await counter.textContent(), /You have 0 of 5 dots left/);
    assert.ok(await off(more(touch, CHALLENGES[0])), '+ is off everywhere once no dot is left');
    await less(touch, CHALLENGES[1]).tap();
    assert.equal(await count(touch, CHALLENGES[1]), '1');
    assert.match(await counter.textContent(), /You have 1 of 5 dots left/);
    assert.ok(!(await off(more(touch, CHALLENGES[0]))), 'a dot taken back can go elsewhere');
    await eventually('the tap is announced', async () => {
      assert.equal(await touch.locator('[data-dots-live]').textContent(), `1 dot on “${CHALLENGES[1]}”. You have 1 of 5 dots left.`);
    });
    assert.equal(await dots(touch, CHALLENGES[3]).inputValue(), '3', 'the buttons set the form’s fields');
    // The counter and the button stay in sight with the first idea at the top of the screen.
    await idea(touch, CHALLENGES[0]).evaluate((element) => element.scrollIntoView({ block: 'start' }));
    for (const what of ['[data-dots-counter]', 'button[type=submit]']) {
      const inSight = await touch.locator(`#ballot ${what}`).evaluate((element) => element.getBoundingClientRect().bottom <= window.innerHeight);
      assert.ok(inSight, `${what} stays in sight while the ideas scroll`);
    }
    await assertNoHorizontalScroll(touch);
    // The buttons, some of them off, and the announcements pass axe (WCAG 2.1 A/AA).
    const axe = await new AxeBuilder({ page: touch }).include('#ballot').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const blocking = axe.violations.filter((violation) => ['serious', 'critical'].includes(violation.impact));
    assert.deepEqual(blocking.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(' ')}`), []);
    await Promise.all([touch.waitForURL(/#ballot$/, { waitUntil: 'load' }), touch.locator('#ballot button[type=submit]').tap()]);
    await recorded(touch, 'dots by touch');
    assert.deepEqual(await Promise.all(CHALLENGES.map((text) => count(touch, text))), ['0', '1', '0', '3'], 'the ballot comes back prefilled');
    assert.match(await counter.textContent(), /You have 1 of 5 dots left/);
    assert.equal(await ballots(vote), 1, 'the dots ballot cast by touch is counted');

    // Keyboard: Tab and Shift+Tab go from button to button, Enter and Space press them; a button
    // that is off keeps the focus.
    const label = (page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
    const onButton = async (page, verb, text) => {
      assert.equal(await label(page), `${verb} “${text}”`, 'the focused button says what it does, and to which idea');
    };
    await more(keys, CHALLENGES[0]).focus();
    await keys.keyboard.press('Enter');
    await keys.keyboard.press('Space');
    assert.equal(await count(keys, CHALLENGES[0]), '2');
    await tab(keys, { tag: 'button' });
    await onButton(keys, 'Take a dot from', CHALLENGES[1]);
    await tab(keys, { tag: 'button' });
    await onButton(keys, 'Add a dot to', CHALLENGES[1]);
    await pressKey(keys, 'Space', { times: 4 });
    assert.equal(await count(keys, CHALLENGES[1]), '3', 'the fourth press is refused at the cap');
    await onButton(keys, 'Add a dot to', CHALLENGES[1]);
    await backTab(keys, { tag: 'button' }, 'back to −');
    await keys.keyboard.press('Enter');
    assert.equal(await count(keys, CHALLENGES[1]), '2');
    await tab(keys, { tag: 'button' });
    await keys.keyboard.press('Enter');
    assert.equal(await count(keys, CHALLENGES[1]), '3');
    await tabUntil(keys, '#ballot button[type=submit]');
    await submitWithKeyboard(keys);
    await recorded(keys, 'dots by keyboard');
    assert.deepEqual(await keys.locator('#ballot input.dots-input').evaluateAll((i) => i.map((x) => x.value)), ['2', '3', '0', '0']);
    assert.equal(await ballots(vote), 2, 'the dots ballot cast with the keyboard is counted');
    // The count is read once the vote is closed: the dots of both ballots, idea by idea.
    await activityPageControl(s, console_, workshop, vote.id, 'close');
    const counted = await activityResults(s, console_, workshop.id, vote.id);
    const dotsOf = Object.fromEntries(counted.items.map((id, i) => [id, counted.result.dots[i]]));
    assert.deepEqual(CHALLENGES.map((text) => dotsOf[item[text]]), [2, 4, 0, 3], JSON.stringify(counted));
  }

  // ---- Approval: tick every idea you support. -----------------------------------------------
  {
    const vote = await converging('vote', 'approval');
    const box = (page, text) => page.locator(`#ballot input[type=checkbox][name=approve][value="${item[text]}"]`);
    for (const text of [CHALLENGES[0], CHALLENGES[3]]) {
      await touch.locator('#ballot label.approve').filter({ hasText: text }).locator('.ballot-text').tap();
    }
    await Promise.all([touch.waitForURL(/#ballot$/, { waitUntil: 'load' }), touch.locator('#ballot button[type=submit]').tap()]);
    await recorded(touch, 'approval by touch');
    assert.deepEqual(await touch.locator('#ballot input[name=approve]').evaluateAll((i) => i.map((x) => x.checked)), [true, false, false, true]);
    assert.equal(await ballots(vote), 1);

    await box(keys, CHALLENGES[0]).focus();
    await pressKey(keys, 'Space', { expect: { value: item[CHALLENGES[0]], checked: true } });
    await tab(keys, { value: item[CHALLENGES[1]], checked: false });
    await tab(keys, { value: item[CHALLENGES[2]], checked: false });
    await pressKey(keys, 'Space', { expect: { value: item[CHALLENGES[2]], checked: true } });
    await backTab(keys, { value: item[CHALLENGES[1]] });
    await backTab(keys, { value: item[CHALLENGES[0]] });
    await pressKey(keys, 'Space', { expect: { value: item[CHALLENGES[0]], checked: false }, why: 'Space unticks' });
    await pressKey(keys, 'Space', { expect: { value: item[CHALLENGES[0]], checked: true }, why: 'and ticks again' });
    await tab(keys, { value: item[CHALLENGES[1]] });
    await tab(keys, { value: item[CHALLENGES[2]] });
    await tab(keys, { value: item[CHALLENGES[3]] });
    await tab(keys, { tag: 'button', type: 'submit' });
    await submitWithKeyboard(keys);
    await recorded(keys, 'approval by keyboard');
    assert.deepEqual(await keys.locator('#ballot input[name=approve]').evaluateAll((i) => i.map((x) => x.checked)), [true, false, true, false]);
    assert.equal(await ballots(vote), 2);
  }

  // ---- Score: 0 to 5 per idea, as a row of radio buttons; "no score" is allowed. -------------
  {
    const vote = await converging('vote', 'score');
    const row = (page, text) => page.locator(`#ballot fieldset:has(input[name="score-${item[text]}"])`);
    const chosen = (page) => page.locator('#ballot input[type=radio]:checked').evaluateAll((i) => i.map((x) => `${x.name.replace(/^score-/, '')}=${x.value}`));
    for (const [text, score] of [[CHALLENGES[0], '3'], [CHALLENGES[1], '5'], [CHALLENGES[2], '0']]) {
      await row(touch, text).locator('label.choice').filter({ has: touch.locator(`input[value="${score}"]`) }).locator('span').tap();
    }
    await Promise.all([touch.waitForURL(/#ballot$/, { waitUntil: 'load' }), touch.locator('#ballot button[type=submit]').tap()]);
    await recorded(touch, 'score by touch');
    assert.deepEqual(await chosen(touch), [`${item[CHALLENGES[0]]}=3`, `${item[CHALLENGES[1]]}=5`, `${item[CHALLENGES[2]]}=0`, `${item[CHALLENGES[3]]}=`]);
    assert.equal(await ballots(vote), 1);

    // The focus goes to the checked radio ("no score"); the arrows move and choose.
    const name = (text) => `score-${item[text]}`;
    await row(keys, CHALLENGES[0]).locator('input:checked').focus();
    await pressKey(keys, 'ArrowRight', { expect: { name: name(CHALLENGES[0]), value: '0', checked: true } });
    await pressKey(keys, 'ArrowRight', { times: 4, expect: { name: name(CHALLENGES[0]), value: '4', checked: true } });
    await tab(keys, { name: name(CHALLENGES[1]), value: '', checked: true }, 'Tab goes to the next idea\'s chosen radio');
    await pressKey(keys, 'ArrowLeft', { expect: { name: name(CHALLENGES[1]), value: '5', checked: true }, why: 'wrapping to the top score' });
    await tab(keys, { name: name(CHALLENGES[2]), value: '' });
    await tab(keys, { name: name(CHALLENGES[3]), value: '' });
    await pressKey(keys, 'ArrowDown', { times: 2, expect: { name: name(CHALLENGES[3]), value: '1', checked: true } });
    await backTab(keys, { name: name(CHALLENGES[2]), value: '' }, 'the unscored idea is left as it is');
    await tab(keys, { name: name(CHALLENGES[3]), value: '1' });
    await tab(keys, { tag: 'button', type: 'submit' });
    await submitWithKeyboard(keys);
    await recorded(keys, 'score by keyboard');
    assert.deepEqual(await chosen(keys), [`${item[CHALLENGES[0]]}=4`, `${item[CHALLENGES[1]]}=5`, `${item[CHALLENGES[2]]}=`, `${item[CHALLENGES[3]]}=1`]);
    assert.equal(await ballots(vote), 2);
  }

  // ---- Majority judgment: a grade for every idea, from "Reject" (0) to "Excellent" (5). ------
  let majority;
  {
    const vote = await converging('vote', 'majority_judgment');
    majority = vote;
    const row = (page, text) => page.locator(`#ballot fieldset:has(input[name="grade-${item[text]}"])`);
    const chosen = (page) => page.locator('#ballot input[type=radio]:checked').evaluateAll((i) => i.map((x) => x.value));
    const touchGrades = ['4', '2', '1', '2'];
    for (const [i, text] of CHALLENGES.entries()) {
      await row(touch, text).locator('label.choice').filter({ has: touch.locator(`input[value="${touchGrades[i]}"]`) }).locator('span').tap();
    }
    await Promise.all([touch.waitForURL(/#ballot$/, { waitUntil: 'load' }), touch.locator('#ballot button[type=submit]').tap()]);
    await recorded(touch, 'majority judgment by touch');
    assert.deepEqual(await chosen(touch), touchGrades);
    assert.equal(await ballots(vote), 1);

    // No grade is chosen yet: Tab enters a group on its first radio, Space chooses it.
    const name = (text) => `grade-${item[text]}`;
    await row(keys, CHALLENGES[0]).locator('input[type=radio]').first().focus();
    await pressKey(keys, 'Space', { expect: { name: name(CHALLENGES[0]), value: '0', checked: true } });
    await pressKey(keys, 'ArrowRight', { times: 3, expect: { name: name(CHALLENGES[0]), value: '3', checked: true } });
    await tab(keys, { name: name(CHALLENGES[1]), value: '0', checked: false }, 'into the next idea\'s grades');
    await pressKey(keys, 'Space', { expect: { name: name(CHALLENGES[1]), value: '0', checked: true } });
    await pressKey(keys, 'ArrowDown', { expect: { name: name(CHALLENGES[1]), value: '1', checked: true } });
    await tab(keys, { name: name(CHALLENGES[2]), value: '0', checked: false });
    await pressKey(keys, 'Space', { expect: { name: name(CHALLENGES[2]), value: '0', checked: true } });
    await tab(keys, { name: name(CHALLENGES[3]), value: '0', checked: false });
    await pressKey(keys, 'ArrowLeft', { expect: { name: name(CHALLENGES[3]), value: '5', checked: true }, why: 'wrapping to "Excellent"' });
    await pressKey(keys, 'ArrowLeft', { times: 3, expect: { name: name(CHALLENGES[3]), value: '2', checked: true } });
    await backTab(keys, { name: name(CHALLENGES[2]), value: '0', checked: true });
    await tab(keys, { name: name(CHALLENGES[3]), value: '2' });
    await tab(keys, { tag: 'button', type: 'submit' });
    await submitWithKeyboard(keys);
    await recorded(keys, 'majority judgment by keyboard');
    assert.deepEqual(await chosen(keys), ['3', '1', '0', '2']);
    assert.equal(await ballots(vote), 2);
  }

  // ---- A ranked method (Schulze): a rank select per idea; equal ranks tie. -------------------
  {
    const vote = await converging('vote', 'schulze');
    const select = (page, text) => page.locator(`#ballot select[name="rank-${item[text]}"]`);
    const ranks = (page) => page.locator('#ballot select.rank-select').evaluateAll((s) => s.map((x) => x.value));
    // On a touch phone the select opens the system's picker: the choice is made there.
    for (const [text, rank] of [[CHALLENGES[2], '1'], [CHALLENGES[0], '2'], [CHALLENGES[1], '3']]) {
      await select(touch, text).selectOption(rank);
    }
    await Promise.all([touch.waitForURL(/#ballot$/, { waitUntil: 'load' }), touch.locator('#ballot button[type=submit]').tap()]);
    await recorded(touch, 'ranking by touch');
    assert.deepEqual(await ranks(touch), ['2', '3', '1', '']);
    assert.equal(await ballots(vote), 1);

    // A closed select: the arrow keys step through the ranks ("unranked", 1, 2, …).
    const name = (text) => `rank-${item[text]}`;
    await select(keys, CHALLENGES[0]).focus();
    await pressKey(keys, 'ArrowDown', { times: 2, expect: { name: name(CHALLENGES[0]), value: '2' } });
    await tab(keys, { name: name(CHALLENGES[1]), value: '' });
    await pressKey(keys, 'ArrowDown', { expect: { name: name(CHALLENGES[1]), value: '1' } });
    await tab(keys, { name: name(CHALLENGES[2]), value: '' });
    await tab(keys, { name: name(CHALLENGES[3]), value: '' });
    await pressKey(keys, 'ArrowDown', { times: 3, expect: { name: name(CHALLENGES[3]), value: '3' } });
    await pressKey(keys, 'ArrowUp', { expect: { name: name(CHALLENGES[3]), value: '2' }, why: 'tied with the first idea' });
    await tab(keys, { tag: 'button', type: 'submit' });
    await submitWithKeyboard(keys);
    await recorded(keys, 'ranking by keyboard');
    assert.deepEqual(await ranks(keys), ['2', '1', '', '2'], 'the ballot comes back with the tie and the unranked idea');
    assert.equal(await ballots(vote), 2);
  }

  // ---- Pairwise (Bradley–Terry): one pair at a time, two big buttons. ------------------------
  {
    const vote = await converging('vote', 'bradley_terry');
    // The hint just before the pair says how many pairs this participant compared.
    const answered = (page) => page.locator('p.hint:has(+ #ballot)').textContent();
    const pair = (page) => page.locator('#ballot').getAttribute('data-pair');

    const firstPair = await pair(touch);
    await Promise.all([touch.waitForURL(/#ballot$/, { waitUntil: 'load' }), touch.locator('#ballot .pair-button').first().tap()]);
    assert.notEqual(await pair(touch), firstPair, 'the next pair is another one');
    assert.match(await answered(touch), /\b1\b/, 'one pair answered');
    assert.equal(await ballots(vote), 1);

    // Keyboard: the first button, Tab to the second, Enter; then on the page that follows,
    // Tab to the next pair's first button and Enter.
    const before = await pair(keys);
    await keys.locator('#ballot .pair-button').first().focus();
    const second = await tab(keys, { tag: 'button', type: 'submit' }, 'to the second idea of the pair');
    const [, right] = before.split(' ');
    assert.equal(await keys.evaluate(() => document.activeElement.form.querySelector('[name=winner]').value), right, `focus on the second idea (${second.text})`);
    await submitWithKeyboard(keys);
    assert.match(await answered(keys), /\b1\b/, 'one pair answered with the keyboard');
    const next = await pair(keys);
    assert.notEqual(next, before);
    await tabUntil(keys, '#ballot .pair-button');
    await submitWithKeyboard(keys);
    assert.match(await answered(keys), /\b2\b/, 'two pairs answered with the keyboard');
    assert.equal(await ballots(vote), 2, 'two participants compared pairs');
    // The count is read once the vote is closed.
    await activityPageControl(s, console_, workshop, vote.id, 'close');
    const result = (await activityResults(s, console_, workshop.id, vote.id)).result;
    assert.ok(Array.isArray(result.strengths) && result.strengths.length === CHALLENGES.length, `strengths per idea: ${JSON.stringify(result)}`);
  }

  // ---- Assessment: one idea at a time, 1 to 5 on each criterion. ------------------------------
  {
    const assess = await converging('assess');
    const current = (page) => page.locator('.assess-items .assess-item:visible');
    const assessed = async (page) => Number(await page.locator('.assess-progress').getAttribute('data-assessed'));
    const criteria = await current(touch).locator('fieldset legend').allTextContents();
    assert.equal(criteria.length, 3, `the default criteria: ${JSON.stringify(criteria)}`);
    assert.equal(await current(touch).count(), 1, 'one idea at a time on a phone');

    // Touch: the first idea, then the third one chosen in the item list.
    const touchScores = async (scores) => {
      const form = current(touch).locator('form');
      for (const [i, score] of scores.entries()) {
        await form.locator('fieldset').nth(i).locator('label.choice').filter({ has: touch.locator(`input[value="${score}"]`) }).locator('span').tap();
      }
      await Promise.all([touch.waitForEvent('load'), form.locator('button[type=submit]').tap()]);
    };
    assert.equal((await current(touch).locator('h2').textContent()).trim(), CHALLENGES[0]);
    await touchScores(['5', '4', '3']);
    assert.equal(await assessed(touch), 1);
    assert.equal((await current(touch).locator('h2').textContent()).trim(), CHALLENGES[1], 'on to the next idea');
    await touch.locator('.assess-nav a').nth(2).tap();
    assert.equal((await current(touch).locator('h2').textContent()).trim(), CHALLENGES[2], 'the item list leads to the third idea');
    await touchScores(['2', '2', '2']);
    assert.equal(await assessed(touch), 2);
    assert.equal(await ballots(assess), 1, 'one participant assessed');

    // Keyboard: first radio of the first criterion; Space, arrows, Tab to the next criterion.
    const kbScores = async (text, moves, expected) => {
      assert.equal((await current(keys).locator('h2').textContent()).trim(), text);
      for (const [i, [key, times]] of moves.entries()) {
        if (i > 0) await tab(keys, { type: 'radio', checked: false }, `into criterion ${i + 1}`);
        await pressKey(keys, key, { times, expect: { type: 'radio', value: expected[i], checked: true } });
      }
      await tab(keys, { tag: 'button', type: 'submit' });
      await submitWithKeyboard(keys);
    };
    await current(keys).locator('input[type=radio]').first().focus();
    await kbScores(CHALLENGES[0], [['Space', 1], ['ArrowLeft', 1], ['ArrowRight', 3]], ['1', '5', '4']);
    assert.equal(await assessed(keys), 1);
    // The page that follows shows the next idea; Tab from the top reaches its first radio.
    await tabUntil(keys, '.assess-item:target input[type=radio], .assess-item.current input[type=radio]');
    await kbScores(CHALLENGES[1], [['ArrowDown', 2], ['Space', 1], ['ArrowUp', 1]], ['3', '1', '5']);
    assert.equal(await assessed(keys), 2);
    assert.equal(await ballots(assess), 2, 'two participants assessed');
    // Back on the first idea: the scores are shown as given.
    await keys.goto(s.url(`${assess.path}#item-${item[CHALLENGES[0]]}`));
    assert.deepEqual(await current(keys).locator('input[type=radio]:checked').evaluateAll((i) => i.map((x) => x.value)), ['1', '5', '4']);
  }

  // ---- Closing the majority-judgment vote: the phone shows the result and how it was decided.
  await keys.goto(s.url(majority.path));
  await consoleControl(s, console_, workshop, majority.id, 'close');
  const results = await activityResults(s, console_, workshop.id, majority.id);
  assert.equal(results.n_ballots, 2);
  assert.deepEqual(results.winners, [item[CHALLENGES[0]]], `"${CHALLENGES[0]}" has the best majority grade: ${JSON.stringify(results.winners)}`);
  const section = keys.locator('section.results[data-results=majority_judgment]');
  // The phone on the vote loads the results by itself when the vote closes.
  await eventually('the phone on the vote shows the results by itself', async () => {
    assert.equal(await keys.locator('#activity-state').getAttribute('data-live-state'), 'closed');
    assert.equal(await section.count(), 1);
  });
  assert.equal(await section.count(), 1, 'the closed vote shows its results on the phone');
  const explanation = (await section.locator('p.explanation[data-explanation]').textContent()).trim();
  assert.ok(explanation.includes(CHALLENGES[0]) && /majority judgment/i.test(explanation), `the explanation names the winner and the method: ${JSON.stringify(explanation)}`);
  const first = (await section.locator('ol.results-ranking > li').first().locator('.result-text').allTextContents()).map((t) => t.trim());
  assert.deepEqual(first, [CHALLENGES[0]], 'the winner comes first in the ranking');
  assert.equal(await section.locator('svg.grade-bar').count(), CHALLENGES.length, 'a grade bar per idea');
  await assertNoHorizontalScroll(keys);
  assert.deepEqual(s.dialogs, [], 'no dialog opened');
}, { timeout: 90_000 });
