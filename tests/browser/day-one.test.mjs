// Day 1 of the flagship template, run in a browser: a facilitator on a laptop, the projection
// screen left open, and three participants on phones, through photo language, SWOT, the
// challenges and their reformulation (the sources of the sorting), sorting (on a phone with the
// keyboard only, and on the facilitator's board by drag and drop) and one brainwriting round.
import assert from 'node:assert/strict';
import { useHarness, scenario } from './harness.mjs';
import {
  signIn, createWorkshopFromTemplate, agendaOf, openAndFocus, openScreen, join, postNote, waitForNote,
  waitForFollowedFocus, eventually, sortBoard, sortWithKeyboard, dragNoteTo, formTables, activityPageControl,
  assertNoHorizontalScroll,
} from './flows.mjs';

const h = useHarness();

const SCREEN = '#screen-live';

/** Asserts the projection screen is the page first loaded: the live regions swap, nothing reloads. */
async function assertNotReloaded(screen, when) {
  assert.equal(await screen.evaluate(() => window.__marker), 'day-one', `the projection screen was not reloaded (${when})`);
}

/** Waits until the projection shows the focused activity, and only it (by its h2 title). */
async function assertScreenFollows(screen, activity) {
  await eventually(`the projection screen follows the focus to ${JSON.stringify(activity.title)}`, async () => {
    const titles = await screen.locator(`${SCREEN} .stage-activity > .stage-head h2`).allTextContents();
    assert.deepEqual(titles.map((t) => t.trim()), [activity.title]);
  });
}

scenario(h, 'a facilitator and three phones run day one of the flagship template with the projection screen live', async (s) => {
  // The facilitator, on a laptop, in French; the workshop from the flagship template.
  const console_ = await s.newPage({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });
  await signIn(s, console_);
  const workshop = await createWorkshopFromTemplate(s, console_, 'Hackathon Démocratie — jour 1', 'smarter-democracy-hackathon');
  const agenda = await agendaOf(s, console_, workshop.id);
  const dayOne = ['photo_language', 'swot', 'challenges', 'reformulate', 'categorize', 'brainwriting'];
  assert.deepEqual(agenda.slice(0, 6).map((a) => a.kind), dayOne, 'the template\'s Day 1 agenda, in order');
  const [vision, swot, challenges, reformulate, categorize, brainwriting] = agenda.slice(0, 6).map((a) => a.id);
  const activityOf = (id) => agenda.find((a) => a.id === id);

  // The projection screen, opened once and never reloaded.
  const screen = await openScreen(s, console_, workshop.id);
  await screen.evaluate(() => { window.__marker = 'day-one'; });

  // Three participants on phones, from three services, one of them in English.
  const people = [
    { name: 'Alice Martin', service: 'SPW Mobilité', locale: 'fr-FR' },
    { name: 'Bruno Lambert', service: 'SPW Environnement', locale: 'en-US' },
    { name: 'Chloé Dubois', service: 'SPW Économie', locale: 'fr-FR' },
  ];
  const phones = [];
  for (const person of people) {
    const phone = await s.newPage({ viewport: { width: 360, height: 640 }, locale: person.locale });
    const joined = await join(s, phone, { joinCode: workshop.joinCode, name: person.name, service: person.service });
    assert.equal(joined, workshop.id, `${person.name} lands on /w/{id} of the workshop joined`);
    phones.push(phone);
  }
  const all = (fn) => Promise.all(phones.map((phone, i) => fn(phone, i)));

  // ---- (1) Photo language: the phones follow the focus by themselves. -------------------------
  await openAndFocus(s, console_, workshop, vision);
  await all((phone) => waitForFollowedFocus(phone, workshop.id, vision));
  await assertScreenFollows(screen, activityOf(vision));
  await all((phone) => assertNoHorizontalScroll(phone));
  const cards = await phones[0].locator('#note-form input.card-radio').evaluateAll((inputs) => inputs.map((i) => i.value));
  assert.ok(cards.length >= 2, `the card picker offers at least two cards, got ${JSON.stringify(cards)}`);
  // Alice and Chloé click the image (the radio's label); Bruno picks with the keyboard.
  await phones[0].locator('#note-form label.card-choice').filter({ has: phones[0].locator(`input[value="${cards[0]}"]`) }).click();
  await phones[1].locator(`#note-form input.card-radio[value="${cards[1]}"]`).focus();
  await phones[1].keyboard.press('Space');
  await phones[2].locator('#note-form label.card-choice').filter({ has: phones[2].locator(`input[value="${cards[0]}"]`) }).click();
  const picks = [cards[0], cards[1], cards[0]];
  for (const [i, phone] of phones.entries()) {
    assert.equal(await phone.locator('#note-form input.card-radio:checked').getAttribute('value'), picks[i], `${people[i].name} picked card ${picks[i]}`);
  }
  const why = people.map((p) => `${p.name.split(' ')[0]}: citizens co-write the policies they live with`);
  await all((phone, i) => postNote(s, phone, why[i]));
  await eventually('the projection shows the gallery grouped by card', async () => {
    for (const [i, card] of picks.entries()) {
      const texts = await screen.locator(`${SCREEN} section.gallery-card[data-card="${card}"] li.note .note-text`).allTextContents();
      assert.ok(texts.some((t) => t.includes(why[i])), `card ${card} shows ${JSON.stringify(why[i])}; it shows ${JSON.stringify(texts)}`);
    }
    assert.equal(await screen.locator(`${SCREEN} section.gallery-card[data-card="${cards[0]}"] li.note`).count(), 2, 'two notes under the card picked twice');
  });
  await assertNotReloaded(screen, 'photo language');

  // ---- (2) SWOT: one note per phone, each in its own quadrant. --------------------------------
  await openAndFocus(s, console_, workshop, swot);
  await all((phone) => waitForFollowedFocus(phone, workshop.id, swot));
  await assertScreenFollows(screen, activityOf(swot));
  const quadrants = ['strength', 'weakness', 'opportunity'];
  const swotNotes = ['Motivated civil servants in every service', 'No shared participation toolbox', 'The 2029 regional plan asks for citizen input'];
  await all(async (phone, i) => {
    await phone.locator('#note-form select[name=kind]').selectOption(quadrants[i]);
    await postNote(s, phone, swotNotes[i]);
  });
  await eventually('the projection shows each SWOT note in its quadrant', async () => {
    for (const [i, quadrant] of quadrants.entries()) {
      const texts = await screen.locator(`${SCREEN} .swot-quadrant.quadrant-${quadrant} li.note .note-text`).allTextContents();
      assert.deepEqual(texts.map((t) => t.trim()), [swotNotes[i]], `quadrant ${quadrant}`);
    }
    assert.equal(await screen.locator(`${SCREEN} .swot-quadrant.quadrant-threat li.note`).count(), 0, 'no note among the threats');
  });
  await assertNotReloaded(screen, 'SWOT');

  // ---- (3a) Challenges and their reformulation: the sources of the sorting. -------------------
  await openAndFocus(s, console_, workshop, challenges);
  await all((phone) => waitForFollowedFocus(phone, workshop.id, challenges));
  await assertScreenFollows(screen, activityOf(challenges));
  const challengeTexts = ['Services work in silos', 'Citizens are consulted too late'];
  await Promise.all([postNote(s, phones[0], challengeTexts[0]), postNote(s, phones[1], challengeTexts[1])]);
  await waitForNote(screen, challengeTexts[0]);
  await waitForNote(screen, challengeTexts[1]);

  await openAndFocus(s, console_, workshop, reformulate);
  await all((phone) => waitForFollowedFocus(phone, workshop.id, reformulate));
  await assertScreenFollows(screen, activityOf(reformulate));
  const questions = ['How might we involve citizens from the first draft?', 'How might we share one agenda across services?'];
  await all(async (phone, i) => {
    if (i > 1) return;
    // Each reformulates the other's challenge.
    await phone.locator('#note-form label.challenge-choice').filter({ hasText: challengeTexts[1 - i] }).locator('input[name=link]').check();
    await postNote(s, phone, questions[i]);
  });
  await eventually('the projection shows each question under the challenge it reformulates', async () => {
    for (const [i, question] of questions.entries()) {
      const group = screen.locator(`${SCREEN} .reformulation-group`).filter({ has: screen.locator('.source-challenge-text', { hasText: challengeTexts[1 - i] }) });
      const texts = await group.locator('li.note .note-text').allTextContents();
      assert.deepEqual(texts.map((t) => t.trim()), [question], `under ${JSON.stringify(challengeTexts[1 - i])}`);
    }
  });

  // ---- (3b) Sorting: keyboard only on a phone, drag and drop on the facilitator's board. ------
  await openAndFocus(s, console_, workshop, categorize);
  await all((phone) => waitForFollowedFocus(phone, workshop.id, categorize));
  await assertScreenFollows(screen, activityOf(categorize));
  const categories = (await phones[2].locator('select[name=category]').first().locator('option').evaluateAll((o) => o.map((x) => x.value))).filter(Boolean);
  assert.ok(categories.length >= 2, `the "move to" select offers the template's categories; got ${JSON.stringify(categories)}`);
  const [first, second] = categories;
  await eventually('the projection shows both questions unsorted', async () => {
    const board = await sortBoard(screen, SCREEN);
    assert.deepEqual(board['']?.notes.sort(), [...questions].sort(), JSON.stringify(board));
    assert.equal(board[''].count, 2);
  });

  // Chloé sorts the first question with the keyboard alone.
  await sortWithKeyboard(phones[2], questions[0], first);
  const afterKeyboard = await sortBoard(phones[2]);
  assert.deepEqual(afterKeyboard[first]?.notes, [questions[0]], `after the keyboard sort, the phone's board shows the note in category ${first}: ${JSON.stringify(afterKeyboard)}`);
  await eventually('the projection counts the note sorted on the phone', async () => {
    const board = await sortBoard(screen, SCREEN);
    assert.equal(board[first].count, 1, JSON.stringify(board));
    assert.match(board[first].shown, /\b1\b/, `the column's visible total: ${JSON.stringify(board)}`);
    assert.deepEqual(board[first].notes, [questions[0]]);
    assert.equal(board[''].count, 1, JSON.stringify(board));
    assert.match(board[''].shown, /\b1\b/, `the unsorted column's visible total: ${JSON.stringify(board)}`);
  });

  // The facilitator drags the second question onto another category on the wide-screen board.
  await console_.goto(s.url(`/facilitator/workshops/${workshop.id}/activities/${categorize}`));
  await dragNoteTo(console_, questions[1], second);
  await eventually('the projection counts the note the facilitator dragged', async () => {
    const board = await sortBoard(screen, SCREEN);
    assert.equal(board[second].count, 1, JSON.stringify(board));
    assert.match(board[second].shown, /\b1\b/, `the column's visible total: ${JSON.stringify(board)}`);
    assert.deepEqual(board[second].notes, [questions[1]]);
    assert.equal(board[''].count, 0, JSON.stringify(board));
    assert.match(board[''].shown, /\b0\b/, `the unsorted column's visible total: ${JSON.stringify(board)}`);
  });
  await eventually("Bruno's phone board follows live", async () => {
    const board = await sortBoard(phones[1]);
    assert.deepEqual([board[first]?.count, board[second]?.count, board['']?.count], [1, 1, 0], JSON.stringify(board));
  });
  await eventually('the facilitator\'s board shows what the server recorded', async () => {
    const board = await sortBoard(console_);
    assert.deepEqual([board[first]?.count, board[second]?.count, board['']?.count], [1, 1, 0], JSON.stringify(board));
  });
  await assertNotReloaded(screen, 'sorting');

  // ---- (4) Brainwriting: one table of three, one idea in round 1, one more in round 2. -------
  await formTables(s, console_, workshop, 3);
  await openAndFocus(s, console_, workshop, brainwriting);
  await all((phone) => waitForFollowedFocus(phone, workshop.id, brainwriting));
  await assertScreenFollows(screen, activityOf(brainwriting));
  await activityPageControl(s, console_, workshop, brainwriting, 'brainwriting-start');
  // The sheets appear on the phones by themselves.
  await all((phone, i) => eventually(`${people[i].name}'s phone shows a blank sheet for round 1`, async () => {
    assert.equal(await phone.locator('[data-bw-form-round="0"] #note-form textarea[name=text]').count(), 1);
  }));
  const ideas = people.map((p) => `${p.name.split(' ')[0]}'s idea: a participation officer in every service`);
  await all((phone, i) => postNote(s, phone, ideas[i]));

  await activityPageControl(s, console_, workshop, brainwriting, 'next-round');
  // Each phone moves to round 2 by itself, holding another member's sheet with that member's idea.
  const builds = people.map((p) => `${p.name.split(' ')[0]} builds on it: with a yearly report to the parliament`);
  const holders = await all(async (phone, i) => {
    await eventually(`${people[i].name}'s phone moves to round 2`, async () => {
      assert.equal(await phone.locator('[data-bw-form-round="1"] #note-form').count(), 1);
    });
    const heading = (await phone.locator('#brainwriting-live h2').textContent()).trim();
    const starters = people.map((p) => p.name).filter((name) => heading.includes(name));
    assert.equal(starters.length, 1, `the round 2 heading names one member's sheet: ${JSON.stringify(heading)}`);
    const starter = people.findIndex((p) => p.name === starters[0]);
    assert.notEqual(starter, i, `${people[i].name} holds another member's sheet in round 2, not their own (${heading})`);
    const onSheet = await phone.locator('#note-form .bw-builds-on-choices .note-text').allTextContents();
    assert.deepEqual(onSheet.map((t) => t.trim()), [ideas[starter]], `${people[i].name} sees ${people[starter].name}'s idea on the sheet`);
    await phone.locator('#note-form .bw-builds-on-choices input[type=checkbox][name=link]').check();
    await postNote(s, phone, builds[i]);
    return starter;
  });
  assert.deepEqual([...holders].sort(), [0, 1, 2], `each sheet is held by one member in round 2: ${JSON.stringify(holders)}`);

  await eventually('the projection shows every sheet with its two ideas, the second building on the first', async () => {
    assert.equal(await screen.locator(`${SCREEN} .bw-projection article.bw-sheet`).count(), 3, 'three sheets at the one table');
    for (const [holder, starter] of holders.entries()) {
      const sheet = screen.locator(`${SCREEN} .bw-projection article.bw-sheet`).filter({ hasText: ideas[starter] });
      const texts = await sheet.locator('ol.bw-ideas > li .note-text').allTextContents();
      assert.deepEqual(texts.map((t) => t.trim()), [ideas[starter], builds[holder]], `${people[starter].name}'s sheet`);
      assert.equal(await sheet.locator('ol.bw-ideas > li').nth(1).locator('.bw-builds-on').count(), 1, 'the second idea says it builds on the first');
    }
  });
  await assertNotReloaded(screen, 'brainwriting');
  assert.deepEqual(s.dialogs, [], 'no dialog opened');
});
