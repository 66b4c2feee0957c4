// What the stage must never do, measured in the page: shared by the tests that look at the
// projection (stage.test.mjs, rehearsal.test.mjs) and at phones.

/**
 * What overflows the projection's stage, and every word the browser laid out on two lines:
 * a list of sentences, empty when the board fits (at most ten).
 */
export async function layoutProblems(screen) {
  return screen.evaluate(() => {
    const problems = [];
    const root = document.documentElement;
    if (root.scrollHeight > window.innerHeight + 1) problems.push(`the page scrolls down (${root.scrollHeight} px)`);
    if (root.scrollWidth > window.innerWidth + 1) problems.push(`the page scrolls sideways (${root.scrollWidth} px)`);
    const board = document.querySelector('[data-fit]');
    if (!board) return [...problems, 'the page has no [data-fit] board'];
    if (board.scrollHeight > board.clientHeight + 1) {
      problems.push(`the board holds ${board.scrollHeight} px in ${board.clientHeight} px`);
    }
    const boardBox = board.getBoundingClientRect();
    // Every word of every visible text: a word drawn as two boxes was broken inside itself.
    const walker = document.createTreeWalker(board, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('[hidden], svg, details:not([open]) > :not(summary)')) continue;
      if (!parent.getClientRects().length) continue;
      const text = node.textContent;
      // A line may break after a hyphen or a slash: what lies between is one word.
      for (const match of text.matchAll(/[^\s\u00a0\u202f\-\u2010\u2013\u2014/]+/g)) {
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const boxes = Array.from(range.getClientRects()).filter((box) => box.width > 0);
        const lines = new Set(boxes.map((box) => Math.round(box.top)));
        if (lines.size > 1 && !/^https?:/.test(match[0])) problems.push(`"${match[0]}" is broken across lines`);
        const last = boxes[boxes.length - 1];
        if (last && last.bottom > boardBox.bottom + 1) problems.push(`"${match[0]}" is below the board`);
      }
    }
    return problems.slice(0, 10);
  });
}

/** How far a phone's page scrolls sideways: null when it does not. */
export async function sidewaysScroll(page) {
  const measure = () => page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  // A phone that follows the room may be on its way to the next page: measure the page it lands on.
  const [width, viewport] = await measure().catch(async () => {
    await page.waitForLoadState('load');
    return measure();
  });
  return width > viewport ? `scrollWidth ${width} px on a ${viewport} px phone` : null;
}
