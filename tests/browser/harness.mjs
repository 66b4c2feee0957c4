// Shared harness for the browser tests: one converge server and one Chromium per test file,
// a fresh browser context per participant, and cleanup even when a test fails.
//
// Environment:
//   CONVERGE_BIN   the converge binary (default: <repo>/target/debug/converge)
//   CHROMIUM_BIN   the Chromium executable (default: /usr/bin/chromium, Debian's package)
//   KEEP_ARTIFACTS=1  keep the server data dir of each test file (printed) for inspection

import { spawn, execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile, access } from 'node:fs/promises';
import { constants as fsConstants } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');
export const artifactsDir = path.join(here, 'artifacts');

export const converge = process.env.CONVERGE_BIN || path.join(repoRoot, 'target', 'debug', 'converge');
export const chromiumPath = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** The facilitator account every test file creates in its fresh data dir. */
export const facilitator = Object.freeze({
  email: 'facilitator@example.org',
  name: 'Fanny Facilitator',
  password: 'correct horse battery staple',
});

const SERVER_START_TIMEOUT_MS = 30_000;
const LISTENING = /listening on (http:\/\/\S+)/;
// tracing's formatter may colour its output; never let an escape code end up in the URL.
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

export function slug(text) {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
}

async function assertExecutable(file, hint) {
  try {
    await access(file, fsConstants.X_OK);
  } catch {
    throw new Error(`${file} is missing or not executable: ${hint}`);
  }
}

/** The environment for converge: no colours, and none of the developer's CONVERGE_* settings. */
function serverEnv() {
  const env = { ...process.env, NO_COLOR: '1' };
  for (const key of Object.keys(env)) if (key.startsWith('CONVERGE_')) delete env[key];
  return env;
}

function run(file, args, { timeout = 30_000 } = {}) {
  return new Promise((resolve) => {
    execFile(file, args, { timeout, env: serverEnv() }, (error, stdout, stderr) => {
      resolve({ code: error ? (error.code ?? error.signal ?? 1) : 0, stdout, stderr });
    });
  });
}

/**
 * Creates a data dir with one facilitator account and starts `converge serve` on it. With
 * `demo`, the data dir holds instead the Wallonia demo left open before closing (`converge demo
 * --before-closing`: every activity done, at the demo's volume), and `server.demo` says how to
 * sign in to it: `{ email, password, workshop }`.
 */
export async function startServer({ demo = false } = {}) {
  await assertExecutable(
    converge,
    'build it with `cargo build -p converge-cli --bin converge` or set CONVERGE_BIN',
  );
  const dataDir = await mkdtemp(path.join(tmpdir(), 'converge-browser-'));
  const server = { dataDir, baseUrl: null, child: null, log: '' };
  try {
    if (demo) {
      const made = await run(converge, ['demo', '--before-closing', '--data', dataDir], { timeout: 60_000 });
      const field = (label) => made.stdout.match(new RegExp(`${label}:\\s+(\\S+)`))?.[1];
      const workshop = made.stdout.match(/\/facilitator\/workshops\/([0-9a-f-]{36})/)?.[1];
      if (made.code !== 0 || !field('password') || !workshop) {
        throw new Error(`\`converge demo --before-closing\` exited with ${made.code}\nstdout:\n${made.stdout}\nstderr:\n${made.stderr}`);
      }
      server.demo = { email: field('email'), password: field('password'), workshop };
    }
    const add = demo ? { code: 0 } : await run(converge, [
      'admin', 'add-facilitator',
      '--data', dataDir,
      '--email', facilitator.email,
      '--name', facilitator.name,
      '--password', facilitator.password,
    ]);
    if (add.code !== 0) {
      throw new Error(
        `\`converge admin add-facilitator\` exited with ${add.code}\n` +
          `stdout:\n${add.stdout}\nstderr:\n${add.stderr}`,
      );
    }

    const child = spawn(converge, ['serve', '--bind', '127.0.0.1:0', '--data', dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: serverEnv(),
    });
    server.child = child;
    // Last resort if the test process dies without running `after` hooks.
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    child.once('exit', () => process.removeListener('exit', killOnExit));

    server.baseUrl = await new Promise((resolve, reject) => {
      let stdoutBuf = '';
      let stderrBuf = '';
      const fail = (why) => {
        clearTimeout(timer);
        reject(new Error(`converge serve ${why}\n--- stdout ---\n${stdoutBuf}\n--- stderr ---\n${stderrBuf}`));
      };
      const timer = setTimeout(
        () => fail(`printed no line matching ${LISTENING} on stdout within ${SERVER_START_TIMEOUT_MS / 1000} s`),
        SERVER_START_TIMEOUT_MS,
      );
      child.stdout.setEncoding('utf8');
      child.stderr.setEncoding('utf8');
      child.stdout.on('data', (chunk) => {
        stdoutBuf += chunk;
        server.log += chunk;
        const m = stdoutBuf.replace(ANSI, '').match(LISTENING);
        if (m && server.baseUrl === null) {
          clearTimeout(timer);
          resolve(m[1].replace(/\/+$/, ''));
        }
      });
      child.stderr.on('data', (chunk) => {
        stderrBuf += chunk;
        server.log += chunk;
      });
      child.once('error', (e) => fail(`could not be started: ${e.message}`));
      child.once('exit', (code, signal) => fail(`exited early (code ${code}, signal ${signal})`));
    });
    return server;
  } catch (e) {
    await stopServer(server);
    throw e;
  }
}

export async function stopServer(server) {
  if (!server) return;
  const child = server.child;
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    let timer;
    const timedOut = await Promise.race([
      exited.then(() => false),
      new Promise((resolve) => { timer = setTimeout(() => resolve(true), 5_000); }),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      child.kill('SIGKILL');
      await exited;
    }
  }
  if (server.dataDir) {
    if (process.env.KEEP_ARTIFACTS === '1') {
      console.log(`# kept converge data dir ${server.dataDir}`);
    } else {
      await rm(server.dataDir, { recursive: true, force: true });
    }
  }
}

export async function launchBrowser() {
  await assertExecutable(
    chromiumPath,
    'install Debian Chromium with `apt-get install -y chromium` or set CHROMIUM_BIN',
  );
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
}

/**
 * Registers before/after hooks for one test file: a server with a fresh data dir and one
 * Chromium. Returns an object whose `server` and `browser` are set once `before` has run.
 */
export function useHarness({ server: wantServer = true, demo = false } = {}) {
  const h = { server: null, browser: null };
  before(async () => {
    if (wantServer) h.server = await startServer({ demo });
    try {
      h.browser = await launchBrowser();
    } catch (e) {
      await stopServer(h.server);
      h.server = null;
      throw e;
    }
  });
  after(async () => {
    const errors = [];
    if (h.browser) await h.browser.close().catch((e) => errors.push(e));
    await stopServer(h.server).catch((e) => errors.push(e));
    if (errors.length) throw errors[0];
  });
  return h;
}

/**
 * One test with a Session: fresh contexts made through it are closed afterwards, every page is
 * watched for dialogs and page errors, and on failure each open page is screenshot to
 * artifacts/<test>.png (then <test>-2.png, ...) and the server's output saved next to them.
 */
export function scenario(h, name, fn, { timeout = 60_000 } = {}) {
  test(name, { timeout }, async () => {
    const session = new Session(h, name);
    try {
      await fn(session);
      assert.deepEqual(session.pageErrors, [], 'no uncaught error in the pages\' own scripts');
      if (process.env.BROWSER_DIAGNOSTICS === '1' && session.diagnostics()) console.log(`# ${session.diagnostics().replace(/\n/g, '\n# ')}`);
    } catch (e) {
      await session.saveArtifacts().catch((err) => console.log(`# could not save artifacts: ${err}`));
      const notes = session.diagnostics();
      if (notes) e.message += `\n${notes}`;
      const child = h.server?.child;
      if (child && (child.exitCode !== null || child.signalCode !== null)) {
        e.message +=
          `\nthe converge server died during the test (exit code ${child.exitCode}, signal ${child.signalCode}); ` +
          `its last output:\n${h.server.log.slice(-3000)}`;
      }
      throw e;
    } finally {
      await session.close();
    }
  });
}

export class Session {
  constructor(h, name) {
    this.h = h;
    this.name = name;
    this.contexts = [];
    this.pages = [];
    /** Dialogs (alert/confirm/prompt) seen on any page: none is expected anywhere. */
    this.dialogs = [];
    this.pageErrors = [];
    this.consoleErrors = [];
  }

  get baseUrl() {
    return this.h.server.baseUrl;
  }

  url(p) {
    return new URL(p, this.baseUrl + '/').toString();
  }

  /** A fresh context: a phone by default (360x640), with JavaScript on unless told. */
  async newContext({ javaScriptEnabled = true, viewport = { width: 360, height: 640 }, ...rest } = {}) {
    const context = await this.h.browser.newContext({ viewport, javaScriptEnabled, ...rest });
    context.setDefaultTimeout(10_000);
    context.setDefaultNavigationTimeout(15_000);
    context.on('page', (page) => this.watch(page));
    this.contexts.push(context);
    return context;
  }

  /** A new page in a fresh context (see newContext). */
  async newPage(options) {
    const context = await this.newContext(options);
    return context.newPage();
  }

  watch(page) {
    if (this.pages.includes(page)) return;
    this.pages.push(page);
    // A live page goes where the room goes by itself (the focus moved, the sheets turned): a
    // test's own navigation that this overtakes is made again once the page has landed.
    const goto = page.goto.bind(page);
    page.goto = async (url, options) => {
      try {
        return await goto(url, options);
      } catch (error) {
        if (!/interrupted by another navigation|net::ERR_ABORTED/.test(String(error?.message))) throw error;
        await page.waitForLoadState('load').catch(() => {});
        return goto(url, options);
      }
    };
    page.on('dialog', (dialog) => {
      this.dialogs.push(`${dialog.type()} "${dialog.message()}" on ${page.url()}`);
      dialog.dismiss().catch(() => {});
    });
    page.on('pageerror', (err) => this.pageErrors.push(`${page.url()}: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') this.consoleErrors.push(`${page.url()}: ${msg.text()}`);
    });
  }

  diagnostics() {
    const out = [];
    if (this.dialogs.length) out.push(`dialogs:\n  ${this.dialogs.join('\n  ')}`);
    if (this.pageErrors.length) out.push(`page errors:\n  ${this.pageErrors.join('\n  ')}`);
    if (this.consoleErrors.length) out.push(`console errors:\n  ${this.consoleErrors.join('\n  ')}`);
    return out.join('\n');
  }

  async saveArtifacts() {
    await mkdir(artifactsDir, { recursive: true });
    const base = slug(this.name);
    let n = 0;
    for (const page of this.pages) {
      if (page.isClosed()) continue;
      n += 1;
      const file = path.join(artifactsDir, n === 1 ? `${base}.png` : `${base}-${n}.png`);
      await page.screenshot({ path: file, fullPage: true, timeout: 5_000 }).catch(() => {});
      console.log(`# screenshot of ${page.url()} -> ${path.relative(repoRoot, file)}`);
    }
    if (this.h.server) {
      const file = path.join(artifactsDir, `${base}-server.log`);
      await writeFile(file, this.h.server.log);
      console.log(`# server output -> ${path.relative(repoRoot, file)}`);
    }
  }

  async close() {
    for (const context of this.contexts) await context.close().catch(() => {});
    this.contexts = [];
  }
}
