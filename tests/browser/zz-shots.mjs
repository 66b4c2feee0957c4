import { chromium } from 'playwright-core';
const BASE = 'http://127.0.0.1:18744';
const WS = process.env.WS;
const PASSWORD = process.env.PW;
const out = '/tmp/h4shots';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'fr-FR' });
const page = await ctx.newPage();
await page.goto(BASE + '/signin');
await page.fill('input[name=email]', 'demo@converge.local');
await page.fill('input[name=password]', PASSWORD);
await Promise.all([page.waitForURL(/\/facilitator\/?$/), page.click('form button[type=submit]')]);
await page.goto(`${BASE}/facilitator/workshops/${WS}`);
const csrf = await page.inputValue('input[name=_csrf]');
const acts = await page.$$eval('a[href*="/activities/"]', (links) => [...new Set(links.map((l) => l.getAttribute('href').split('/activities/')[1].split(/[/?#]/)[0]))]);
const post = (path, form) => page.request.post(BASE + `/facilitator/workshops/${WS}` + path, { form: { _csrf: csrf, ...form }, maxRedirects: 0 });
const screen = await ctx.newPage();
const mode = process.argv[2] || 'all';
const sizes = [[1280, 720], [1920, 1080], [390, 844]];
async function shoot(name) {
  for (const [w, h] of sizes) {
    await screen.setViewportSize({ width: w, height: h });
    await screen.goto(`${BASE}/facilitator/workshops/${WS}/screen`);
    await screen.waitForTimeout(600);
    const info = await screen.evaluate(() => ({ sh: document.documentElement.scrollHeight, sw: document.documentElement.scrollWidth, pages: document.querySelector('[data-fit-pages]')?.textContent }));
    console.log(name, w, h, JSON.stringify(info));
    await screen.screenshot({ path: `${out}/${name}-${w}x${h}.png` });
  }
}
if (mode === 'all' || mode === 'acts') {
  for (const [i, a] of acts.entries()) {
    await post('/focus', { activity_id: a });
    await shoot(`act${i}`);
  }
}
if (mode === 'all' || mode === 'zoom') {
  await post('/focus', { activity_id: acts[1] });
  await post('/projection/zoom', { activity_id: acts[1], part: 'quadrant:threat' });
  await shoot('zoom-swot-threat');
  for (const a of acts) {
    await post('/focus', { activity_id: a });
    await page.goto(`${BASE}/facilitator/workshops/${WS}/activities/${a}`);
    const opts = await page.$$eval('#zoom-part option', (o) => o.map((x) => x.value)).catch(() => []);
    const cat = opts.find((v) => v.startsWith('category:'));
    const quad = opts.find((v) => v === 'quadrant:quick_win');
    const table = opts.find((v) => v.startsWith('table:'));
    for (const part of [cat, quad, table].filter(Boolean)) {
      await post('/focus', { activity_id: a });
      const r = await post('/projection/zoom', { activity_id: a, part });
      console.log('zoom', a, part, r.status());
      await shoot(`zoom-${part.replace(':', '-')}-${acts.indexOf(a)}`);
    }
  }
  await post('/focus', {});
  await shoot('waiting');
}
if (mode === 'all' || mode === 'export') {
  for (const [i, a] of acts.entries()) {
    const r = await page.request.get(`${BASE}/facilitator/workshops/${WS}/activities/${a}/board.svg`);
    const body = await r.text();
    const fs = await import('node:fs');
    fs.writeFileSync(`${out}/board-${i}.svg`, body);
    const p2 = await ctx.newPage();
    await p2.setViewportSize({ width: 1600, height: 900 });
    await p2.setContent(`<body style="margin:0"><img src="data:image/svg+xml;base64,${Buffer.from(body).toString('base64')}"></body>`);
    await p2.waitForTimeout(300);
    await p2.screenshot({ path: `${out}/board-${i}.png`, fullPage: true, timeout: 10000 });
    await p2.close();
    console.log('board', i, r.status(), body.length);
  }
}
if (mode === 'console') {
  await page.goto(`${BASE}/facilitator/workshops/${WS}/activities/${acts[1]}`);
  await page.screenshot({ path: `${out}/console-activity.png` });
  await page.goto(`${BASE}/facilitator/workshops/${WS}`);
  await page.screenshot({ path: `${out}/console.png` });
}
await browser.close();
