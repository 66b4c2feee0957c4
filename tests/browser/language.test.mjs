import assert from 'node:assert/strict';
import { useHarness, scenario } from './harness.mjs';

const h = useHarness();

const lang = (page) => page.evaluate(() => document.documentElement.getAttribute('lang'));
const bodyText = (page) => page.locator('body').innerText();

scenario(h, 'the language follows the browser and can be switched', async (s) => {
  const english = await s.newPage({ locale: 'en-US' });
  await english.goto(s.url('/'));
  assert.equal(await lang(english), 'en', 'an en-US browser gets <html lang="en"> on /');

  const french = await s.newPage({ locale: 'fr-FR' });
  await french.goto(s.url('/'));
  assert.equal(await lang(french), 'fr', 'a fr-FR browser gets <html lang="fr"> on /');
  assert.notEqual(await bodyText(french), await bodyText(english), 'the French page is not the English text');

  // The visible switch on the French page.
  const toEnglish = french.locator('a[hreflang=en]').first();
  assert.ok(await toEnglish.isVisible(), 'a French page shows a visible a[hreflang=en] language switch');
  await Promise.all([french.waitForEvent('load'), toEnglish.click()]);
  assert.equal(await lang(french), 'en', 'following a[hreflang=en] shows the page in English');

  // It sticks although the browser still asks for French.
  await french.goto(s.url('/'));
  assert.equal(await lang(french), 'en', 'the choice of English sticks on the next page load');
  await french.goto(s.url('/join'));
  assert.equal(await lang(french), 'en', 'the choice of English sticks on other pages (/join)');
});
