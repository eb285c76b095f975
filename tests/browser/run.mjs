// Browser tests of articled: the web page it serves at GET /, and its CORS
// behaviour as a real browser sees it. Debian's Chromium, driven by
// playwright-core (no browser download). Plain Node: `node run.mjs`.
//
//   ARTICLED_BIN   the server binary (default: ../../articled from here)
//   CHROMIUM       the browser (default: /usr/bin/chromium)
//   SCREENSHOTS    where screenshots go (default: ../../build/screenshots)
//
// Prints `PASS name (ms)` or `FAIL name: reason` per test, then a summary;
// exits non-zero on any failure. Every wait is bounded.

import {spawn} from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const BIN = path.resolve(process.env.ARTICLED_BIN || path.join(root, 'articled'));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SHOTS = path.resolve(process.env.SCREENSHOTS || path.join(root, 'build', 'screenshots'));
const TEST_MS = 20000;     // each test, overall
const START_MS = 10000;    // the server printing its address
const STOP_MS = 5000;      // the server exiting after SIGTERM

class Failure extends Error {}
function check(cond, msg) { if (!cond) throw new Failure(msg); }
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function withTimeout(promise, ms, what) {
  let timer;
  const t = new Promise((_, reject) => { timer = setTimeout(() => reject(new Failure(`${what} took longer than ${ms} ms`)), ms); });
  return Promise.race([promise, t]).finally(() => clearTimeout(timer));
}

// ---- the articled server ---------------------------------------------------
function startArticled() {
  return new Promise((resolve, reject) => {
    const proc = spawn(BIN, ['--host', '127.0.0.1', '--port', '0', '--log-format', 'off'],
      {stdio: ['ignore', 'ignore', 'pipe']});
    let err = '';
    let done = false;
    const finish = (f, v) => { if (!done) { done = true; clearTimeout(timer); f(v); } };
    const timer = setTimeout(() => {
      finish(reject, new Failure(`articled printed no address within ${START_MS} ms; stderr: ${err.trim() || '(nothing)'}`));
    }, START_MS);
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (chunk) => {
      err = (err + chunk).slice(-4000);    // keep draining, keep only the tail
      const m = /listening on (http:\/\/127\.0\.0\.1:(\d+))\//.exec(err);
      if (m) finish(resolve, {proc, base: m[1], port: Number(m[2]), stderr: () => err});
    });
    proc.on('error', (e) => finish(reject, new Failure(`cannot start ${BIN}: ${e.message}`)));
    proc.on('exit', (code, sig) => finish(reject, new Failure(`articled exited (${sig || code}) before listening: ${err.trim()}`)));
    // The caller stops it by PID; until then it is reachable through this.
    startArticled.last = proc;
  });
}

async function stopProcess(proc) {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return proc && (proc.exitCode ?? proc.signalCode);
  const exited = new Promise((r) => proc.once('exit', (code, sig) => r(sig || code)));
  try { process.kill(proc.pid, 'SIGTERM'); } catch { /* already gone */ }
  const how = await Promise.race([exited, sleep(STOP_MS).then(() => null)]);
  if (how !== null) return how;
  try { process.kill(proc.pid, 'SIGKILL'); } catch { /* already gone */ }
  await Promise.race([exited, sleep(1000)]);
  return 'SIGKILL (did not stop on SIGTERM)';
}

async function api(base, p) {
  const r = await fetch(base + p, {signal: AbortSignal.timeout(5000)});
  check(r.ok, `GET ${p}: ${r.status}`);
  return r.json();
}

function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });
}
function closeServer(server) {
  if (!server || !server.listening) return Promise.resolve();
  server.closeAllConnections?.();
  return Promise.race([new Promise((r) => server.close(() => r())), sleep(2000)]);
}

// A page in a new desktop-sized context (closed by cleanup), and the
// errors its scripts raise or log.
async function desktopPage(browser, cleanup) {
  const ctx = await browser.newContext({viewport: {width: 1280, height: 900}});
  cleanup.push(() => ctx.close());
  const page = await ctx.newPage();
  page.setDefaultTimeout(8000);
  const errors = [];
  page.on('pageerror', (e) => errors.push('page error: ' + e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push('console: ' + m.text() + ' ' + (m.location().url || '')); });
  return {ctx, page, errors};
}

// ---- test: the page ---------------------------------------------------------
async function testPage(browser, srv, cleanup) {
  const base = srv.base;
  const article = await api(base, '/article');
  const sections = (await api(base, '/sections?limit=1000')).items;
  const quotes = (await api(base, '/quotes?limit=1000')).items;
  const reactions = (await api(base, '/reactions?limit=1000')).items;
  const speakers = (await api(base, '/speakers?limit=1000')).items;
  const search = await api(base, '/search?q=peninsula&limit=1000');

  const {ctx, page, errors} = await desktopPage(browser, cleanup);

  const resp = await page.goto(base + '/', {waitUntil: 'load'});
  check(resp && resp.status() === 200, `GET / answered ${resp && resp.status()}`);
  check((resp.headers()['content-type'] || '').startsWith('text/html'), `GET / is ${resp.headers()['content-type']}, not HTML`);
  await page.waitForSelector('#article h1');
  await page.waitForSelector('#figures li');

  // Keyboard first, from a fresh page: Tab reaches the skip link, then the search field.
  let tabs = 0, focused = null;
  const seen = [];
  for (; tabs < 8; ) {
    await page.keyboard.press('Tab');
    tabs++;
    focused = await page.evaluate(() => { const e = document.activeElement; return e ? (e.id || e.className || e.tagName) : null; });
    seen.push(focused);
    if (focused === 'q') break;
  }
  check(focused === 'q', `Tab never reached the search field (focus went ${seen.join(' -> ')})`);
  check(seen[0] === 'skip', `the first Tab should land on the skip link, not ${seen[0]}`);

  // Title and headings.
  const h1s = await page.$$eval('h1', (els) => els.map((e) => e.textContent.trim()));
  check(h1s.length === 1, `expected exactly one h1, found ${h1s.length}: ${JSON.stringify(h1s)}`);
  check(h1s[0] === article.title, `h1 is ${JSON.stringify(h1s[0])}, expected ${JSON.stringify(article.title)}`);
  check(article.title === 'On a peaceful wave', `the served title is ${JSON.stringify(article.title)}`);
  const h2s = await page.$$eval('#article h2', (els) => els.map((e) => e.textContent.trim()));
  for (const s of sections) {
    if (s.heading) check(h2s.includes(s.heading), `section heading ${JSON.stringify(s.heading)} is not an h2 of the article (h2s: ${JSON.stringify(h2s)})`);
  }
  // The lede is shown once.
  const ledeCount = await page.$$eval('#article p', (els, lede) => els.filter((e) => e.textContent === lede).length, article.lede);
  check(ledeCount === 1, `the lede appears ${ledeCount} times`);

  // Every quote is marked in place with exactly the text its code point offsets give.
  const byId = {};
  for (const s of sections) byId[s.id] = s;
  const marked = await page.$$eval('[data-quote]', (els) => {
    const out = {};
    for (const e of els) out[e.dataset.quote] = (out[e.dataset.quote] || '') + e.textContent;
    return out;
  });
  for (const q of quotes) {
    const want = Array.from(byId[q.section].paragraphs[q.paragraph]).slice(q.start, q.end).join('');
    check(marked[q.id] === want, `quote ${q.id} is marked as ${JSON.stringify(marked[q.id])}, expected ${JSON.stringify(want)}`);
  }
  const putin = await page.evaluate(() => {
    const q = [...document.querySelectorAll('q.direct')].find((e) => e.textContent.includes('There are no secrets here'));
    if (!q) return null;
    const wrap = q.closest('.quote');
    const who = wrap && wrap.querySelector('.speaker');
    return {speaker: who ? who.textContent : null, bg: getComputedStyle(q).backgroundColor};
  });
  check(putin, 'no highlighted direct quote contains "There are no secrets here"');
  check(putin.speaker && putin.speaker.includes('Vladimir Putin'), `the quote's speaker label is ${JSON.stringify(putin.speaker)}`);
  check(putin.bg && putin.bg !== 'rgba(0, 0, 0, 0)' && putin.bg !== 'transparent', 'the direct quote is not highlighted');

  // Reactions grouped by country.
  const groups = await page.$$eval('#reactions [data-country]', (els) => els.map((e) => ({cc: e.dataset.country, heading: e.querySelector('h3').textContent, text: e.textContent})));
  const group = (cc) => groups.find((g) => g.cc === cc);
  check(group('JP') && group('JP').text.includes('Asahi Shimbun'), `no JP group with "Asahi Shimbun" (groups: ${groups.map((g) => g.cc).join(', ')})`);
  check(group('US') && group('US').text.includes('Bloomberg'), 'no US group with "Bloomberg"');
  check(group('JP').heading.includes('JP'), `the JP group's heading ${JSON.stringify(group('JP').heading)} does not show the code`);
  const countries = new Set(reactions.map((r) => r.country));
  check(groups.length === countries.size, `${groups.length} country groups for ${countries.size} countries`);

  // A figure link jumps to its paragraph and highlights it.
  const fig = await page.$('#figures li a');
  check(fig, 'the figures panel has no links');
  const href = await fig.getAttribute('href');
  await fig.click();
  const jumped = await page.evaluate((id) => {
    const p = document.getElementById(id);
    return p ? {target: p.classList.contains('target'), focused: document.activeElement === p} : null;
  }, href.slice(1));
  check(jumped && jumped.target && jumped.focused, `the figure link ${href} did not highlight and focus its paragraph (${JSON.stringify(jumped)})`);

  // What the figures say, and the filter that asks /figures for them.
  const told = await page.evaluate(() => {
    const li = [...document.querySelectorAll('#figures li')].find((e) => e.querySelector('a')?.textContent === '56%');
    return li ? {about: li.querySelector('.about')?.textContent, change: li.querySelector('.chg')?.dataset.change} : null;
  });
  check(told && told.about && told.about.includes('Measure: trade turnover between the countries') && told.about.includes('When: last year'),
    `the 56% figure does not say its measure and period: ${JSON.stringify(told)}`);
  check(told.change === 'decrease', `the 56% figure's change shows ${JSON.stringify(told.change)}`);
  const allFigures = await page.$$eval('#figures li', (els) => els.length);
  await page.fill('#fig-measure', 'turnover');
  await page.press('#fig-measure', 'Enter');
  await page.waitForFunction(() => /with measure/.test(document.getElementById('fig-status').textContent));
  const byMeasure = await page.$$eval('#figures li a', (els) => els.map((e) => e.textContent));
  check(JSON.stringify(byMeasure) === '["56%","34 million dollars"]', `measure=turnover shows ${JSON.stringify(byMeasure)}`);
  await page.selectOption('#fig-change', 'decrease');
  await page.waitForFunction(() => /decrease/.test(document.getElementById('fig-status').textContent));
  const byChange = await page.$$eval('#figures li a', (els) => els.map((e) => e.textContent));
  check(JSON.stringify(byChange) === '["56%"]', `measure=turnover&change=decrease shows ${JSON.stringify(byChange)}`);
  await page.fill('#fig-measure', '');
  await page.selectOption('#fig-change', '');
  await page.waitForFunction((n) => document.querySelectorAll('#figures li').length === n, allFigures);

  // The speakers, with their titles, and the quotes of one of them.
  const shown = await page.$$eval('#speakers [data-speaker]', (els) => els.map((e) => ({
    id: e.dataset.speaker, name: e.querySelector('.who')?.textContent, kind: e.querySelector('.kind')?.textContent,
    titles: [...e.querySelectorAll('.titles li')].map((t) => t.textContent), cc: e.querySelector('.cc')?.textContent || null})));
  check(shown.length === speakers.length && speakers.length === 8, `the page lists ${shown.length} speakers, /speakers ${speakers.length}`);
  speakers.forEach((s, i) => {
    const got = shown[i];
    check(got.id === s.id && got.name === s.name && got.kind === s.kind, `speaker ${i + 1} is ${JSON.stringify(got)}, /speakers says ${s.id} ${s.name} (${s.kind})`);
    check(JSON.stringify(got.titles) === JSON.stringify(s.titles), `${s.name}'s titles show as ${JSON.stringify(got.titles)}, not ${JSON.stringify(s.titles)}`);
    check(got.cc === s.country, `${s.name}'s country shows as ${JSON.stringify(got.cc)}`);
  });
  check(shown[0].name === 'Vladimir Putin' && shown[0].titles[0] === 'Russian President', `the first speaker is ${JSON.stringify(shown[0])}`);
  check(!shown.some((s) => /trump/i.test(s.name)), 'someone only mentioned (Trump) is listed as a speaker');
  const putinSpeaker = speakers[0];
  const putinButton = page.locator('#speakers [data-speaker="vladimir-putin"] button');
  await putinButton.click();
  await page.waitForFunction((n) => document.querySelectorAll('#sq-list li').length === n, putinSpeaker.quote_ids.length);
  const picked = await page.evaluate(() => ({
    list: [...document.querySelectorAll('#sq-list li')].map((e) => e.dataset.quoteItem),
    marked: [...new Set([...document.querySelectorAll('#article [data-quote].picked')].map((e) => e.dataset.quote))],
    pressed: document.querySelector('#speakers [data-speaker="vladimir-putin"] button').getAttribute('aria-pressed'),
    others: document.querySelectorAll('#speakers button[aria-pressed=true]').length,
    status: document.getElementById('sq-status').textContent,
    heading: document.getElementById('sq-h').textContent}));
  check(JSON.stringify(picked.list) === JSON.stringify(putinSpeaker.quote_ids), `the quotes of Putin listed are ${JSON.stringify(picked.list)}, /speakers says ${JSON.stringify(putinSpeaker.quote_ids)}`);
  check(JSON.stringify(picked.marked.sort()) === JSON.stringify([...putinSpeaker.quote_ids].sort()), `the article marks ${JSON.stringify(picked.marked)} as Putin's`);
  check(picked.pressed === 'true' && picked.others === 1, `the speaker's button is not the one pressed (${JSON.stringify(picked)})`);
  check(/\b6 quotes of Vladimir Putin\b/.test(picked.status) && picked.heading === 'Quotes of Vladimir Putin', `the quotes of Putin are announced as ${JSON.stringify(picked)}`);
  // Another speaker replaces the first; pressing it again shows all again.
  await page.locator('#speakers [data-speaker="kim-jong-un"] button').click();
  await page.waitForFunction(() => [...document.querySelectorAll('#sq-list li')].map((e) => e.dataset.quoteItem).join() === 'q4');
  await page.locator('#speakers [data-speaker="kim-jong-un"] button').click();
  await page.waitForFunction(() => document.getElementById('speaker-quotes').hidden);
  const stillPicked = await page.evaluate(() => document.querySelectorAll("#article .picked, #speakers button[aria-pressed=true]").length);
  check(stillPicked === 0, `after unpicking, ${stillPicked} quotes or buttons stay marked`);

  // Search (typed and submitted with the keyboard), then clear.
  await page.focus('#q');
  await page.keyboard.type('peninsula');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /match/.test(document.getElementById('status').textContent));
  const status = await page.textContent('#status');
  check(new RegExp(`\\b${search.total} paragraphs match\\b`).test(status), `the search status says ${JSON.stringify(status)}, expected ${search.total} paragraphs`);
  const hits = await page.$$eval('mark.hit', (els) => els.map((e) => e.textContent));
  const wantHits = search.items.reduce((n, it) => n + it.matches.length, 0);
  check(hits.length >= 1, 'the search highlighted nothing');
  check(hits.length === wantHits, `${hits.length} highlights for ${wantHits} matches`);
  check(hits.every((t) => t.toLowerCase() === 'peninsula'), `highlighted ${JSON.stringify(hits)}`);
  check(hits.includes('Peninsula') || hits.includes('peninsula'), 'no "Peninsula" highlighted');
  await page.click('#clear');
  const after = await page.$$eval('mark.hit', (els) => els.length);
  check(after === 0, `${after} highlights left after clearing`);
  check(errors.length === 0, errors.join('; '));

  // Screenshots: desktop, then a phone.
  fs.mkdirSync(SHOTS, {recursive: true});
  const shot = path.join(SHOTS, 'page.png');
  await page.screenshot({path: shot, fullPage: true});
  console.log(`  screenshot: ${shot}`);

  const phone = await browser.newContext({viewport: {width: 390, height: 844}, deviceScaleFactor: 2, isMobile: true, hasTouch: true});
  cleanup.push(() => phone.close());
  const pp = await phone.newPage();
  pp.setDefaultTimeout(8000);
  await pp.goto(base + '/', {waitUntil: 'load'});
  await pp.waitForSelector('#reactions [data-country]');
  const layout = await pp.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    mainBottom: document.querySelector('main').getBoundingClientRect().bottom,
    asideTop: document.querySelector('aside').getBoundingClientRect().top,
  }));
  check(layout.scrollWidth <= 390, `the phone page scrolls sideways (${layout.scrollWidth}px wide)`);
  check(layout.asideTop >= layout.mainBottom - 1, 'on a phone the panels do not stack below the article');
  const phoneShot = path.join(SHOTS, 'page-phone.png');
  await pp.screenshot({path: phoneShot, fullPage: true});
  console.log(`  screenshot: ${phoneShot}`);

  // An unreachable API gives a clear message, not a blank page: every request
  // but the page itself fails as a refused connection would.
  const dead = await ctx.newPage();
  dead.setDefaultTimeout(8000);
  await dead.route((u) => u.pathname !== '/', (route) => route.abort('connectionrefused'));
  await dead.goto(`${base}/`, {waitUntil: 'load'});
  const alert = await dead.waitForSelector('[role=alert]');
  const msg = await alert.textContent();
  check(/could not be loaded/i.test(msg), `the error message is ${JSON.stringify(msg)}`);
}

// ---- test: paste an article ------------------------------------------------
// The page's "Paste an article" view posts the text to /parse and shows the
// answer as it shows a loaded article; "Back" returns to the loaded one. What
// it shows is compared with the document the API gives for the same text.
const PASTED = fs.readFileSync(path.join(root, 'tests', 'articles', '121_okhotsk-pier.txt'), 'utf8');

async function parseDoc(base, text) {
  const r = await fetch(base + '/parse?name=pasted.txt', {method: 'POST', body: text, signal: AbortSignal.timeout(5000),
    headers: {'Content-Type': 'text/plain; charset=utf-8'}});
  check(r.ok, `POST /parse: ${r.status}`);
  return r.json();
}

// Pastes text into the page's view and waits for the article it shows.
async function pasteArticle(page, text) {
  await page.click('#paste-open');
  await page.waitForSelector('#paste-text', {state: 'visible'});
  check(await page.evaluate(() => document.activeElement && document.activeElement.id) === 'paste-text',
    'opening the paste view does not focus its text box');
  await page.fill('#paste-text', text);
  await page.click('#paste button[type=submit]');
}

async function shown(page) {
  return page.evaluate(() => ({
    h1: document.querySelector('#article h1')?.textContent,
    paragraphs: document.querySelectorAll('#article .body p').length,
    quotes: new Set(Array.from(document.querySelectorAll('#article [data-quote]'), (e) => e.dataset.quote)).size,
    figures: document.querySelectorAll('#figures li').length,
    speakers: document.querySelectorAll('#speakers [data-speaker]').length,
    reactions: document.querySelectorAll('#reactions li').length,
    banner: !document.getElementById('pasted').hidden,
    formOpen: !document.getElementById('paste-view').hidden,
  }));
}

async function testPaste(browser, srv, cleanup) {
  const base = srv.base;
  const loadedTitle = (await api(base, '/article')).title;
  const doc = await parseDoc(base, PASTED);
  const {page, errors} = await desktopPage(browser, cleanup);
  await page.goto(base + '/', {waitUntil: 'load'});
  await page.waitForSelector('#article h1');

  await pasteArticle(page, PASTED);
  await page.waitForFunction((t) => document.querySelector('#article h1')?.textContent === t, doc.article.title);
  const got = await shown(page);
  const paras = doc.sections.reduce((n, s) => n + s.paragraphs.length, 0);
  check(got.banner && !got.formOpen, `after parsing, the banner shows and the form closes (${JSON.stringify(got)})`);
  check(got.paragraphs === paras, `the pasted article shows ${got.paragraphs} paragraphs, the parse has ${paras}`);
  check(got.quotes === doc.quotes.length, `the pasted article marks ${got.quotes} quotes, the parse has ${doc.quotes.length}`);
  check(got.figures === doc.figures.length, `the figures panel lists ${got.figures}, the parse has ${doc.figures.length}`);
  check(got.speakers === doc.speakers.length, `the speakers panel lists ${got.speakers}, the parse has ${doc.speakers.length}`);
  // A speaker's quotes, from the pasted article itself.
  const who = doc.speakers.find((s) => s.quote_ids.length > 0);
  await page.click(`#speakers [data-speaker="${who.id}"] button`);
  await page.waitForFunction((n) => document.querySelectorAll('#sq-list [data-quote-item]').length === n, who.quote_ids.length);
  check(got.reactions === doc.reactions.length, `the reactions panel lists ${got.reactions}, the parse has ${doc.reactions.length}`);
  const shot = path.join(SHOTS, 'page-pasted.png');
  await page.screenshot({path: shot, fullPage: true});
  console.log(`  paste: ${got.paragraphs} paragraphs, ${got.quotes} quotes, ${got.figures} figures; screenshot: ${shot}`);

  // Back to the loaded article.
  await page.click('#paste-back');
  await page.waitForFunction((t) => document.querySelector('#article h1')?.textContent === t, loadedTitle);
  check(!(await shown(page)).banner, 'the banner stays after going back');

  // A text that is no article: the server's reason, in the view, and the article stays.
  await pasteArticle(page, 'Only a title\n');
  await page.waitForFunction(() => /could not be parsed/.test(document.getElementById('paste-status').textContent));
  const status = await page.textContent('#paste-status');
  check(/422/.test(status) && /no body paragraphs/.test(status), `the paste view says ${JSON.stringify(status)}`);
  check((await shown(page)).h1 === loadedTitle, 'a failed parse replaced the loaded article');
  // The browser logs the 422 it was asked to cause; nothing else may appear.
  const unexpected = errors.filter((e) => !/status of 422 .*\/parse\?/.test(e));
  check(unexpected.length === 0, unexpected.join('; '));
}

// ---- test: CORS ---------------------------------------------------------------
async function testCors(browser, srv, cleanup) {
  const apiBase = srv.base;
  const probe = `<!doctype html><html lang="en"><meta charset="utf-8"><title>cors probe</title>
<script>
window.result = (async () => {
  const api = ${JSON.stringify(apiBase)};
  const out = {};
  try {
    const r1 = await fetch(api + '/sections');
    out.status1 = r1.status;
    out.etag = r1.headers.get('ETag');
    const body = await r1.json();
    out.hasItems = Array.isArray(body.items);
    out.items = out.hasItems ? body.items.length : null;
    // If-None-Match is not a CORS-safelisted header: the browser preflights.
    const r2 = await fetch(api + '/sections', {headers: {'If-None-Match': out.etag || '"none"'}});
    out.status2 = r2.status;
    out.etag2 = r2.headers.get('ETag');
    // No header of ours: Chromium revalidates its cached copy itself and hands over a 200.
    const r3 = await fetch(api + '/sections');
    out.status3 = r3.status;
    out.etag3 = r3.headers.get('ETag');
    out.items3 = (await r3.json()).items.length;
  } catch (e) { out.error = String(e); }
  return out;
})();
</script><p>CORS probe</p></html>`;

  // The other origin also serves articled's own page, pointed at the API with ?api=.
  const pageRes = await fetch(apiBase + '/', {headers: {Accept: 'text/html'}, signal: AbortSignal.timeout(5000)});
  const appHtml = await pageRes.text();
  const other = http.createServer((req, res) => {
    const p = req.url.split('?')[0];
    const body = p === '/' ? probe : p === '/app' ? appHtml : null;
    if (body === null) { res.writeHead(404, {'Content-Type': 'text/plain'}); res.end('not found'); return; }
    res.writeHead(200, {'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store'});
    res.end(body);
  });
  cleanup.push(() => closeServer(other));
  const otherPort = await listen(other);
  check(otherPort !== srv.port, 'the probe server got the API port');

  const ctx = await browser.newContext();
  cleanup.push(() => ctx.close());
  const page = await ctx.newPage();
  page.setDefaultTimeout(8000);
  // Watch the network through the DevTools protocol, which also reports preflights.
  const cdp = await ctx.newCDPSession(page);
  const methods = [];
  cdp.on('Network.requestWillBeSent', (e) => { if (e.request.url.startsWith(apiBase)) methods.push(e.request.method + (e.type ? ':' + e.type : '')); });
  await cdp.send('Network.enable');

  await page.goto(`http://127.0.0.1:${otherPort}/`, {waitUntil: 'load'});
  const out = await page.evaluate(() => window.result);
  check(!out.error, `the cross-origin fetch failed: ${out.error} (${JSON.stringify(out)})`);
  check(out.status1 === 200, `first fetch: ${out.status1}`);
  check(typeof out.etag === 'string' && /^"[^"]+"$/.test(out.etag), `the ETag is not readable by script (got ${JSON.stringify(out.etag)}): Access-Control-Expose-Headers missing?`);
  check(out.hasItems && out.items > 0, `the JSON has no items (${JSON.stringify(out)})`);
  // A request carrying its own If-None-Match bypasses the HTTP cache (Fetch
  // standard), so the server's 304 reaches the script as it is.
  check(out.status2 === 304, `the conditional request got ${out.status2}, expected 304`);
  check(out.etag2 === null || out.etag2 === out.etag, `the 304 carries ETag ${out.etag2}, not ${out.etag}`);
  check(out.status3 === 200 && out.etag3 === out.etag && out.items3 === out.items, `the revalidated fetch: ${JSON.stringify(out)}`);
  check(methods.includes('OPTIONS:Preflight') || methods.some((m) => m.startsWith('OPTIONS')),
    `no CORS preflight was seen (requests: ${methods.join(', ')})`);
  console.log(`  cors: etag ${out.etag}; conditional ${out.status2}; revalidated ${out.status3}; requests ${methods.join(' ')}`);

  // articled's page, served from the other origin, reads the API through ?api=.
  const app = await ctx.newPage();
  app.setDefaultTimeout(8000);
  const errors = [];
  app.on('pageerror', (e) => errors.push(e.message));
  await app.goto(`http://127.0.0.1:${otherPort}/app?api=${encodeURIComponent(apiBase)}`, {waitUntil: 'load'});
  const h1 = await (await app.waitForSelector('#article h1')).textContent();
  check(!(await app.$('[role=alert]')), 'the page served from another origin shows an error');
  check(h1 === 'On a peaceful wave', `the page from another origin shows h1 ${JSON.stringify(h1)}`);
  // And posts a pasted article to it, across origins.
  const doc = await parseDoc(apiBase, PASTED);
  await pasteArticle(app, PASTED);
  await app.waitForFunction((t) => document.querySelector('#article h1')?.textContent === t, doc.article.title);
  check((await shown(app)).quotes === doc.quotes.length, 'the pasted article from another origin lacks quotes');
  check(errors.length === 0, errors.join('; '));
}

// ---- test: offsets and escaping, on made-up API answers ----------------------
// The example article has no character outside the BMP, so the page's code
// point arithmetic is checked here on answers the test makes up (routed by
// Playwright): emoji, « », a mathematical letter and a ZWJ sequence before the
// spans, and markup in every string, which must stay text.
function cpSpan(text, sub, from = 0) {
  const at = text.indexOf(sub, from);
  if (at < 0) throw new Error(`${sub} not in ${text}`);
  const start = Array.from(text.slice(0, at)).length;
  return {start, end: start + Array.from(sub).length};
}

async function testOffsets(browser, srv, cleanup) {
  const evil = '<img src=x onerror="window.__pwned=1">';
  const lede = 'A lede with 🎉 and ' + evil + ' in it.';
  const para = '😀😀 «𝔘nity is 👩‍👩‍👧 strength», said Marie 𝔇upont. The peninsula 🏝 grew by 42% near the Peninsula.';
  const q = {id: 'q1', kind: 'direct', speaker: 'Marie Dupont ' + evil, speaker_as_written: 'Marie 𝔇upont', cue: 'said',
    text: '𝔘nity is 👩‍👩‍👧 strength', section: 'emoji', paragraph: 0, ...cpSpan(para, '𝔘nity is 👩‍👩‍👧 strength')};
  const f = {id: 'f1', kind: 'percent', text: '42%', value: 42, unit: '%', section: 'emoji', paragraph: 0, ...cpSpan(para, '42%')};
  const hits = [cpSpan(para, 'peninsula'), cpSpan(para, 'Peninsula')].map((m) => ({...m, term: 'peninsula'}));
  const sections = [
    {id: 'intro', index: 0, heading: null, paragraphs: [lede]},
    {id: 'emoji', index: 1, heading: 'Emoji 😀 ' + evil, paragraphs: [para]},
  ];
  const list = (items) => ({total: items.length, offset: 0, limit: 1000, items});
  const answers = {
    '/article': {id: 'x', title: 'Title <b>not bold</b> 🎉', subtitle: 'Sub ' + evil, lede, photo: null,
      source: {publisher: 'Test ' + evil, language: 'fr', translation: 'machine'}, related: [evil],
      sections: sections.map((s) => ({id: s.id, index: s.index, heading: s.heading, paragraphs: s.paragraphs.length})),
      counts: {sections: 2, paragraphs: 2, quotes: 1, figures: 1, reactions: 1}},
    '/sections': list(sections),
    '/quotes': list([q]),
    '/figures': list([f]),
    '/speakers': list([{id: 'marie-dupont', name: 'Marie Dupont ' + evil, kind: 'person', titles: ['Mayor of ' + evil], country: null,
      quotes: {direct: 1, indirect: 0}, quote_ids: ['q1']}]),
    '/reactions': list([{id: 'r1', outlet: 'Le Monde ' + evil, country: 'FR', text: 'it said ' + evil, section: 'emoji', paragraph: 0, start: 0, end: 2}]),
    '/search': {query: ['peninsula'], total: 1, offset: 0, limit: 1000, items: [{section: 'emoji', paragraph: 0, text: para, matches: hits}]},
  };

  const ctx = await browser.newContext({viewport: {width: 1000, height: 800}});
  cleanup.push(() => ctx.close());
  const page = await ctx.newPage();
  page.setDefaultTimeout(8000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route((u) => u.pathname !== '/', (route) => {
    const body = answers[new URL(route.request().url()).pathname];
    if (!body) return route.fulfill({status: 404, contentType: 'application/problem+json', body: '{"title":"Not Found","status":404}'});
    return route.fulfill({status: 200, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body)});
  });
  await page.goto(srv.base + '/', {waitUntil: 'load'});
  await page.waitForSelector('#reactions [data-country]');

  const got = await page.evaluate(() => ({
    h1: document.querySelector('h1').textContent,
    h1Kids: document.querySelector('h1').children.length,
    quote: document.querySelector('q.direct')?.textContent,
    speaker: document.querySelector('.quote .speaker')?.textContent,
    fig: document.querySelector('#article [data-fig="f1"]')?.textContent,
    who: document.querySelector('#speakers .who')?.textContent,
    title: document.querySelector('#speakers .titles li')?.textContent,
    injected: document.querySelectorAll('img, b, #article script, aside script').length,
    pwned: window.__pwned === 1,
  }));
  check(got.h1 === answers['/article'].title && got.h1Kids === 0, `the title was not shown as text: ${JSON.stringify(got.h1)}`);
  check(got.quote === q.text, `the quote is marked as ${JSON.stringify(got.quote)}, expected ${JSON.stringify(q.text)}`);
  check(got.speaker && got.speaker.includes(q.speaker), `the speaker label is ${JSON.stringify(got.speaker)}`);
  check(got.fig === '42%', `the figure is marked as ${JSON.stringify(got.fig)}`);
  check(got.who === answers['/speakers'].items[0].name && got.title === answers['/speakers'].items[0].titles[0],
    `the speaker is shown as ${JSON.stringify([got.who, got.title])}`);
  check(got.injected === 0 && !got.pwned, 'markup from the API was turned into elements');

  await page.fill('#q', 'peninsula');
  await page.press('#q', 'Enter');
  await page.waitForSelector('mark.hit');
  const marks = await page.$$eval('mark.hit', (els) => els.map((e) => e.textContent));
  check(JSON.stringify(marks) === '["peninsula","Peninsula"]', `search highlights ${JSON.stringify(marks)}`);
  const status = await page.textContent('#status');
  check(/\b1 paragraph matches\b/.test(status), `the search status says ${JSON.stringify(status)}`);
  check(errors.length === 0, errors.join('; '));
}

// ---- the runner ------------------------------------------------------------
const tests = [['page', testPage], ['paste', testPaste], ['cors', testCors], ['offsets', testOffsets]];

async function main() {
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`browser: ${CHROMIUM} is missing: install Debian's Chromium with 'apt-get install -y chromium'`);
    return 1;
  }
  if (!fs.existsSync(BIN)) {
    console.error(`browser: ${BIN} is missing: build it with 'make'`);
    return 1;
  }
  let passed = 0, failed = 0;
  let srv = null, browser = null;
  try {
    const {chromium} = await import('playwright-core');
    srv = await startArticled();
    browser = await withTimeout(chromium.launch({
      executablePath: CHROMIUM, headless: true, timeout: 15000,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    }), 20000, 'starting Chromium');
    for (const [name, fn] of tests) {
      const t0 = Date.now();
      const cleanup = [];
      try {
        await withTimeout(fn(browser, srv, cleanup), TEST_MS, `test ${name}`);
        console.log(`PASS ${name} (${Date.now() - t0} ms)`);
        passed++;
      } catch (e) {
        console.log(`FAIL ${name}: ${e instanceof Failure ? e.message : (e && e.stack) || e}`);
        failed++;
      } finally {
        for (const f of cleanup.reverse()) await withTimeout(Promise.resolve().then(f), 5000, 'cleanup').catch(() => {});
      }
      if (srv.proc.exitCode !== null || srv.proc.signalCode !== null) {
        console.log(`FAIL articled: it died during ${name}: ${srv.stderr().trim()}`);
        failed++;
        break;
      }
    }
  } catch (e) {
    console.log(`FAIL setup: ${e instanceof Failure ? e.message : (e && e.stack) || e}`);
    failed++;
  } finally {
    if (browser) await withTimeout(browser.close(), 10000, 'closing Chromium').catch(() => {});
    const proc = srv ? srv.proc : startArticled.last;
    const how = await stopProcess(proc);
    if (srv && how !== 0 && how !== null && how !== undefined) {
      console.log(`FAIL articled: after SIGTERM it ended with ${how}, not exit status 0`);
      failed++;
    }
  }
  console.log(`browser: ${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, async () => {
    await stopProcess(startArticled.last);
    process.exit(130);
  });
}
process.exitCode = await main();
