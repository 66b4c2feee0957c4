// axe-core checks shared by the accessibility tests: serious or critical violations of WCAG 2.1
// A/AA, collected once per rule and element across the pages a test visits.
import AxeBuilder from '@axe-core/playwright';

const BLOCKING = new Set(['serious', 'critical']);

/**
 * Every serious or critical violation on the page as it is now, one line each. With
 * `openFolds`, every folded control (details) is opened first so that what it holds is checked
 * too.
 */
export async function violations(page, { openFolds = false } = {}) {
  if (openFolds) {
    await page.evaluate(() => document.querySelectorAll('details').forEach((details) => { details.open = true; }));
  }
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .options({ resultTypes: ['violations'] })
    .analyze();
  return results.violations
    .filter((violation) => BLOCKING.has(violation.impact))
    .flatMap((violation) =>
      violation.nodes.slice(0, 3).map((node) => `${violation.id} (${violation.impact}): ${node.target.join(' ')} — ${node.failureSummary?.split('\n')[1]?.trim() ?? violation.help}`),
    );
}

/**
 * Checks the page and collects what is wrong under the label `where`; a violation already seen
 * on another page (the same rule on the same element) is reported once.
 */
export async function check(found, page, where, options) {
  for (const line of await violations(page, options)) {
    if (found.some((seen) => seen.endsWith(`: ${line}`))) continue;
    found.push(`${where} ${new URL(page.url()).pathname}: ${line}`);
  }
}
