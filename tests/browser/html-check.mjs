// html-check.mjs [--screenshots DIR] PAGE.html=DEFINITION.json...: opens every page asl-dot wrote
// with -T html from file:// in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core) and checks the viewer as a person would use it. For each page it asserts:
//   no console error, no page error, no request other than the file itself (the page's CSP and
//   the viewer need none), no script from the input ran (hostile names set window.__pwned or
//   document.title if any does), the viewer script ran (data-asl-ready), every state of the
//   definition (nested ones included) has an element in the SVG whose <title> is its name, a zoom
//   button changes the SVG's viewBox and Fit restores it, the mouse wheel zooms, a drag pans,
//   clicking a state shows its name in the details panel with its own definition, and a state
//   with Retry or Catch shows them as tables (one row each), notes (retries, a run's figures,
//   what a diff changed) are shown, a container's panel collapses it
//   (exactly the states inside hidden) and expands it, Escape closes it, the search box marks
//   a state by name, and Tab goes from state to state in the data's order and Enter opens one.
// Prints "ok PAGE STATES" or "error PAGE MESSAGE" per page; exits 1 when any page fails, 77 when
// Chromium cannot start. With --screenshots DIR, saves DIR/NAME.png of each page (panel open).
import { launchChromium } from './launch.mjs';
import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
let shots = null;
if (args[0] === '--screenshots') { shots = args[1]; args.splice(0, 2); }

// every state name of a definition, nested Parallel branches and Map processors included
function stateNames(def, out = []) {
  for (const [name, s] of Object.entries(def.States || {})) {
    out.push(name);
    for (const b of s.Branches || []) stateNames(b, out);
    if (s.ItemProcessor) stateNames(s.ItemProcessor, out);
    if (s.Iterator) stateNames(s.Iterator, out);
  }
  return out;
}

const browser = await launchChromium();

// every state object of a definition by name, nested ones included
function stateDefs(def, out = {}) {
  for (const [name, s] of Object.entries(def.States || {})) {
    out[name] = s;
    for (const b of s.Branches || []) stateDefs(b, out);
    if (s.ItemProcessor) stateDefs(s.ItemProcessor, out);
    if (s.Iterator) stateDefs(s.Iterator, out);
  }
  return out;
}

// Clicks the state el and reads the details panel: its name, the definition shown (parsed) and
// the rows of the Retry and Catch tables (header included).
async function openDetails(page, el) {
  await page.locator(`[id="${el}"]`).locator('path, polygon, ellipse').first().dispatchEvent('click');
  return page.evaluate(() => {
    let def = null;
    try { def = JSON.parse(document.getElementById('asl-d-def').textContent); } catch (e) { def = null; }
    const rows = (id) => [...document.getElementById(id).querySelectorAll('tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    return { hidden: document.getElementById('asl-details').hidden, name: document.getElementById('asl-d-name').textContent,
      def, retry: rows('asl-d-retry'), catch: rows('asl-d-catch'),
      retryShown: !document.getElementById('asl-d-retry').closest('[data-row]').hidden };
  });
}

async function check(page, file, names, defs) {
  const url = pathToFileURL(resolve(file)).href;
  const problems = [];
  page.removeAllListeners();
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => { if (r.url() !== url) problems.push(`request: ${r.url()}`); });
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss(); });
  await page.goto(url);
  const ready = await page.evaluate(() => document.documentElement.getAttribute('data-asl-ready'));
  if (ready === null) return ['the viewer script did not run'].concat(problems);

  // every state is drawn, titled with its name and known to the viewer
  const drawn = await page.evaluate(() => {
    const data = JSON.parse(document.getElementById('asl-data').textContent);
    return data.states.map((s) => {
      const el = document.getElementById(s.el);
      const t = el && el.querySelector(':scope > title');
      return { name: s.name, title: t ? t.textContent : null, state: !!(el && el.classList.contains('asl-state')) };
    });
  });
  for (const n of names) {
    const d = drawn.find((x) => x.name === n);
    if (!d) problems.push(`state ${JSON.stringify(n)} is not in the page`);
    else if (d.title !== n) problems.push(`state ${JSON.stringify(n)} is titled ${JSON.stringify(d.title)}`);
    else if (!d.state) problems.push(`state ${JSON.stringify(n)} is not clickable`);
  }

  // zoom: the buttons change the viewBox, Fit restores it; the wheel zooms too
  const vb = () => page.evaluate(() => document.querySelector('#asl-view svg').getAttribute('viewBox'));
  const vb0 = await vb();
  await page.click('#asl-zoom-in');
  const vb1 = await vb();
  if (vb1 === vb0) problems.push('zoom in did not change the viewBox');
  const w = (s) => Number(s.split(' ')[2]);
  if (!(w(vb1) < w(vb0))) problems.push(`zoom in did not narrow the view (${vb0} -> ${vb1})`);
  await page.click('#asl-fit');
  if ((await vb()) !== vb0) problems.push('Fit did not restore the view');
  const box = await page.locator('#asl-view').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -200);
  const vb2 = await vb();
  if (!(w(vb2) < w(vb0))) problems.push('the wheel did not zoom in');
  // drag pans: the view box moves, its size does not
  await page.mouse.move(box.x + 20, box.y + 20);
  await page.mouse.down();
  await page.mouse.move(box.x + 80, box.y + 60, { steps: 4 });
  await page.mouse.up();
  const vb3 = await vb();
  if (vb3 === vb2 || w(vb3) !== w(vb2)) problems.push(`a drag did not pan (${vb2} -> ${vb3})`);
  await page.click('#asl-fit');

  // click a state: the panel opens with its name; Escape closes it
  if (names.length && drawn.length) {
    const [target, expected] = await page.evaluate(() => {
      const data = JSON.parse(document.getElementById('asl-data').textContent);
      // a non-container state, so the click lands on it and not on a state inside it
      const s = data.states.find((x) => !x.container) || data.states[0];
      return [s.el, s.name];
    });
    const el = page.locator(`[id="${target}"]`);
    await el.locator('path, polygon, ellipse').first().click({ force: true });
    const shown = await page.evaluate(() => ({
      hidden: document.getElementById('asl-details').hidden,
      name: document.getElementById('asl-d-name').textContent,
    }));
    if (shown.hidden) problems.push('clicking a state did not open the details panel');
    else if (shown.name !== expected) problems.push(`the panel shows ${JSON.stringify(shown.name)}, not ${JSON.stringify(expected)}`);
    // the panel shows the state's own definition, and its Retry and Catch as tables
    const withTables = await page.evaluate(() => JSON.parse(document.getElementById('asl-data').textContent).states
      .filter((x) => !x.container && x.def && /"(Retry|Catch)"/.test(x.def)).map((x) => [x.el, x.name]));
    for (const [el, name] of [[target, expected]].concat(withTables.slice(0, 2))) {
      const d = await openDetails(page, el), want = defs[name];
      if (!want) continue;
      if (!d.def || d.def.Type !== want.Type) problems.push(`the panel of ${JSON.stringify(name)} does not show its definition`);
      const retry = (want.Retry || []).length, caught = (want.Catch || []).length;
      if (d.retry.length !== (retry ? retry + 1 : 0)) problems.push(`${JSON.stringify(name)}: ${d.retry.length} Retry rows for ${retry} retriers`);
      if (d.catch.length !== (caught ? caught + 1 : 0)) problems.push(`${JSON.stringify(name)}: ${d.catch.length} Catch rows for ${caught} catchers`);
      if (retry && (!d.retryShown || d.retry[1][0] !== [].concat(want.Retry[0].ErrorEquals).join(', ')))
        problems.push(`${JSON.stringify(name)}: the Retry table does not list ${JSON.stringify(want.Retry[0].ErrorEquals)}`);
      if (caught && d.catch[1][1] !== want.Catch[0].Next) problems.push(`${JSON.stringify(name)}: the Catch table does not name ${want.Catch[0].Next}`);
    }
    // a container's panel collapses it: every state drawn inside is hidden, the box says how
    // many; expanding shows them again
    const box = await page.evaluate(() => {
      const c = JSON.parse(document.getElementById('asl-data').textContent).states.find((x) => x.container);
      return c ? [c.el, c.name] : null;
    });
    if (box && defs[box[1]]) {
      const within = [];
      for (const b of defs[box[1]].Branches || []) stateNames(b, within);
      for (const k of ['ItemProcessor', 'Iterator']) if (defs[box[1]][k]) stateNames(defs[box[1]][k], within);
      await openDetails(page, box[0]);
      const hiddenOf = () => page.evaluate(([el, names]) => {
        const data = JSON.parse(document.getElementById('asl-data').textContent);
        const hidden = (n) => { const s = data.states.find((x) => x.name === n); return s ? document.getElementById(s.el).classList.contains('asl-hidden') : null; };
        const note = document.querySelector(`[id="${el}"] .asl-collapsed-note`);
        return { inner: names.map(hidden), self: document.getElementById(el).classList.contains('asl-hidden'),
          note: note ? note.textContent : null, button: document.getElementById('asl-d-collapse').textContent };
      }, [box[0], within]);
      await page.click('#asl-d-collapse');
      const after = await hiddenOf();
      const reachable = await page.evaluate(() => !!document.querySelector('.asl-state[tabindex="0"]:not(.asl-hidden)'));
      if (!reachable) problems.push(`after collapsing ${JSON.stringify(box[1])} no visible state is in the Tab sequence`);
      if (after.self || after.inner.some((h) => h !== true)) problems.push(`collapsing ${JSON.stringify(box[1])} did not hide exactly what is inside it`);
      else if (after.note !== `${within.length} state${within.length === 1 ? '' : 's'} hidden` || after.button !== 'Expand') problems.push(`collapsed ${JSON.stringify(box[1])} says ${JSON.stringify(after.note)}`);
      await page.click('#asl-d-collapse');
      const back = await hiddenOf();
      if (back.inner.some((h) => h !== false) || back.note !== null) problems.push(`expanding ${JSON.stringify(box[1])} did not show its states again`);
    }
    // a state with notes (retries, a run's figures, what a diff changed) shows them in the panel
    const noted = await page.evaluate(() => JSON.parse(document.getElementById('asl-data').textContent).states
      .find((x) => !x.container && x.notes));
    if (noted) {
      await openDetails(page, noted.el);
      const shownNotes = await page.evaluate(() => document.getElementById('asl-d-notes').textContent);
      if (shownNotes !== noted.notes) problems.push(`the panel of ${JSON.stringify(noted.name)} does not show its notes`);
    }
    if (withTables.length) await openDetails(page, withTables[0][0]);
    if (shots) await page.screenshot({ path: join(shots, basename(file) + '.png') });
    await page.keyboard.press('Escape');
    if (!(await page.evaluate(() => document.getElementById('asl-details').hidden))) problems.push('Escape did not close the panel');

    // search marks the state by its name
    await page.fill('#asl-search', names[0]);
    const marked = await page.evaluate((n) => [...document.querySelectorAll('.asl-match')].map((e) => e.querySelector(':scope > title').textContent).includes(n), names[0]);
    if (!marked) problems.push(`searching ${JSON.stringify(names[0])} did not mark it`);
    await page.fill('#asl-search', '');

    // keyboard: Tab from the diagram reaches a state, Home the first, Tab the second (the data's
    // order), Enter opens the focused one, Escape closes the panel and focus stays on the state
    const order = await page.evaluate(() => JSON.parse(document.getElementById('asl-data').textContent).states.map((s) => s.el));
    const active = () => page.evaluate(() => document.activeElement && document.activeElement.id);
    await page.focus('#asl-view');
    await page.keyboard.press('Tab'); // to the state focused last (the one clicked above)
    if (!order.includes(await active())) problems.push(`Tab from the diagram reached ${await active()}, not a state`);
    await page.keyboard.press('Home');
    if ((await active()) !== order[0]) problems.push(`Home reached ${await active()}, not the first state ${order[0]}`);
    const want = order.length > 1 ? order[1] : order[0];
    if (order.length > 1) {
      await page.keyboard.press('Tab');
      if ((await active()) !== order[1]) problems.push(`Tab from the first state reached ${await active()}, not ${order[1]}`);
    }
    await page.keyboard.press('Enter');
    const opened = await page.evaluate(() => ({
      hidden: document.getElementById('asl-details').hidden,
      name: document.getElementById('asl-d-name').textContent,
    }));
    const wantName = await page.evaluate((id) => JSON.parse(document.getElementById('asl-data').textContent).states.find((s) => s.el === id).name, want);
    if (opened.hidden) problems.push('Enter on a focused state did not open the panel');
    else if (opened.name !== wantName) problems.push(`Enter opened ${JSON.stringify(opened.name)}, not ${JSON.stringify(wantName)}`);
    await page.keyboard.press('Escape');
    if ((await active()) !== want) problems.push('Escape did not leave the focus on the state');
  }
  await page.waitForTimeout(50); // let any injected handler fire
  const pwned = await page.evaluate(() => window.__pwned === true || document.title === 'pwned' ||
    document.querySelectorAll('script').length !== 2 || document.querySelectorAll('[onload],[onerror],[onclick],[onmouseover],iframe,object,embed').length > 0);
  if (pwned) problems.push('script or markup from the input is in the page');
  return problems;
}

const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
let failed = 0;
for (const arg of args) {
  const eq = arg.lastIndexOf('=');
  const file = arg.slice(0, eq), def = arg.slice(eq + 1);
  let names = [], defs = {};
  try {
    const parsed = JSON.parse(readFileSync(def, 'utf8'));
    names = stateNames(parsed);
    defs = stateDefs(parsed);
  } catch (e) { names = []; }
  let problems;
  try {
    problems = await check(page, file, names, defs);
  } catch (e) {
    problems = [`check failed: ${String(e.message).split('\n')[0]}`];
  }
  if (problems.length) {
    failed++;
    console.log(`error ${file} ${problems.slice(0, 5).join('; ')}`);
  } else {
    console.log(`ok ${file} ${names.length}`);
  }
}
await browser.close();
process.exit(failed ? 1 : 0);
