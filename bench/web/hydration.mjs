// Where a page's main-thread time goes until it is hydrated (issue 33): the page loads
// in Chromium at Lighthouse's mobile CPU slowdown (4×) while a trace records V8's work,
// and this prints, for the tasks over 50 ms (the ones Total Blocking Time counts), how
// long each took and how much of it was V8 compiling WebAssembly functions on their
// first call (lazy compilation, on the main thread) and JavaScript functions likewise.
//   node bench/web/hydration.mjs URL [COOKIE name=value] [RUNS]
// With QY_EAGER_WASM=1 Chromium compiles every WebAssembly function up front, off the
// main thread (--no-wasm-lazy-compilation): what the page would cost if a page could ask
// for that. It cannot: V8's compilation-hints section is behind an experimental flag.
// Prints a line per run. Tracing V8's compiler adds to what it measures, and the numbers
// depend on the machine: compare runs of one sitting, not with Lighthouse's TBT.
import puppeteer from 'puppeteer-core';

const [url, cookie, runs = '3'] = process.argv.slice(2);
if (!url) {
  console.error('usage: node bench/web/hydration.mjs URL [name=value] [RUNS]');
  process.exit(2);
}
const CATEGORIES = ['toplevel', 'devtools.timeline', 'v8', 'v8.wasm', 'disabled-by-default-v8.compile',
  'disabled-by-default-v8.wasm.detailed'];
const LONG_TASK_US = 50_000;
const TASKS = new Set(['RunTask', 'ThreadControllerImpl::RunTask', 'BlinkScheduler_PerformMicrotaskCheckpoint']);

async function once() {
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu',
      ...(process.env.QY_EAGER_WASM ? ['--js-flags=--no-wasm-lazy-compilation'] : [])],
  });
  try {
    const page = await browser.newPage();
    if (cookie) {
      const [name, value] = cookie.split('=');
      await page.setCookie({ name, value, url });
    }
    const cdp = await page.createCDPSession();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const events = [];
    cdp.on('Tracing.dataCollected', e => events.push(...e.value));
    const complete = new Promise(resolve => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.start', { categories: CATEGORIES.join(','), transferMode: 'ReportEvents' });
    await page.goto(url);
    // The app marks the body once hydrated (frontend/src/lib.rs); a second more catches
    // the pieces a page loads right after.
    await page.waitForSelector('body[data-hydrated]', { timeout: 60_000 });
    await new Promise(resolve => setTimeout(resolve, 1000));
    await cdp.send('Tracing.end');
    await complete;
    return summary(events);
  } finally {
    await browser.close();
  }
}

function summary(events) {
  // The page's renderer main thread: of the renderers' main threads (the blank page
  // before it may have had another process), the one that parsed the page.
  const parsed = events.find(e => e.name === 'ParseHTML' && e.args?.beginData?.url?.startsWith(url));
  if (!parsed) throw new Error(`no trace of ${url} being parsed`);
  const timed = events.filter(e => e.pid === parsed.pid && e.tid === parsed.tid && e.ph === 'X' && e.dur !== undefined);
  // A task is recorded under one of these names, sometimes one inside another (the
  // microtasks after a fetch, where hydration runs, are a checkpoint of their own): the
  // outermost ones, in one pass over them by start (the longer first at a tie).
  const named = timed.filter(e => TASKS.has(e.name)).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const outermost = [];
  for (const t of named) {
    const last = outermost[outermost.length - 1];
    if (!last || t.ts >= last.ts + last.dur) outermost.push(t);
  }
  const tasks = outermost.filter(t => t.dur > LONG_TASK_US);
  const within = (task, name) => timed
    .filter(e => e.name === name && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur);
  let total = 0, wasm = 0, functions = 0, js = 0, blocking = 0;
  for (const task of tasks) {
    total += task.dur;
    blocking += task.dur - LONG_TASK_US;
    const compiled = within(task, 'wasm.CompileLazy');
    functions += compiled.length;
    wasm += compiled.reduce((sum, e) => sum + e.dur, 0);
    js += within(task, 'V8.CompileCode').reduce((sum, e) => sum + e.dur, 0);
  }
  const ms = us => Math.round(us / 1000);
  return `${tasks.length} tasks over 50 ms: ${ms(total)} ms (blocking ${ms(blocking)} ms); ` +
    `of it WebAssembly compiled on first call ${ms(wasm)} ms (${functions} functions), ` +
    `JavaScript ${ms(js)} ms`;
}

for (let i = 0; i < Number(runs); i++) console.log(await once());
