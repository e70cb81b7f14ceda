// iteration-check.mjs PAGE.html MAP COUNT REFS [OPENED]: the page asl-dot wrote with -T html --history
// steps through the iterations of Map state MAP as --iteration draws them. REFS holds K.svg,
// asl-dot's SVG of the same run with --iteration MAP=K, for K = 0 .. COUNT-1, and all.svg without
// --iteration. The page is opened from file:// in headless Chromium; for each K the Map's panel
// is stepped to K (its "next" button, from "all"), and then every state of the page must carry
// the status class the SVG of K gives its group (same id), and every edge the same taken or
// untaken class and label; "All" must give back all.svg's. It also checks that the header says
// which iteration is shown, that the runs table of a state lists only that iteration's runs, and
// that no console error, page error or request happens. With OPENED, the page was made with
// --iteration MAP=OPENED and must open showing that iteration (OPENED.svg), then "All" all.svg. Prints "ok ..." or "error ..." lines;
// exits 1 on any error, 77 when Chromium cannot start.
import { launchChromium } from './launch.mjs';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [pageFile, mapName, countArg, refs, opened] = process.argv.slice(2);
const count = Number(countArg);

// id -> {status, taken, labels} of every group of an SVG asl-dot wrote
function groups(svg) {
  const out = {};
  const re = /<g id="([^"]*)" class="([^"]*)">([\s\S]*?)<\/g>\n(?=<!--|<\/g>|<g id="(?!a_))/g;
  for (const m of svg.matchAll(re)) {
    const id = m[1].replace(/&#45;/g, '-');
    const cls = m[2].replace(/&#45;/g, '-').split(/\s+/);
    const labels = [...m[3].matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((t) => t[1]);
    out[id] = { status: cls.find((c) => c.startsWith('status-')) || '',
      taken: cls.includes('taken') ? 'taken' : cls.includes('untaken') ? 'untaken' : '', labels };
  }
  return out;
}

function compare(page, want, what, problems) {
  return page.evaluate(() => {
    const data = JSON.parse(document.getElementById('asl-data').textContent);
    const st = data.states.map((s) => {
      const el = document.getElementById(s.el);
      return [s.el, [...el.classList].find((c) => c.startsWith('status-')) || ''];
    });
    const ed = (data.edges || []).map((e) => {
      const el = document.getElementById(e.el);
      if (!el) return [e.el, null, []];
      return [e.el, el.classList.contains('taken') ? 'taken' : el.classList.contains('untaken') ? 'untaken' : '',
        [...el.querySelectorAll('text')].map((t) => t.textContent).filter((t) => t !== '')]; // an emptied label draws nothing
    });
    return { st, ed };
  }).then(({ st, ed }) => {
    for (const [id, status] of st) {
      if (!want[id]) problems.push(`${what}: the SVG has no group ${id}`);
      else if (want[id].status !== status) problems.push(`${what}: ${id} is ${status} in the page, ${want[id].status} in the SVG`);
    }
    for (const [id, taken, labels] of ed) {
      if (taken === null || !want[id]) continue; // not drawn (a layout that drops it)
      if (want[id].taken !== taken) problems.push(`${what}: edge ${id} is ${taken} in the page, ${want[id].taken} in the SVG`);
      const wl = want[id].labels.map((l) => l.replace(/&#45;/g, '-').replace(/&amp;/g, '&'));
      if (JSON.stringify(wl) !== JSON.stringify(labels)) problems.push(`${what}: edge ${id} reads ${JSON.stringify(labels)}, the SVG ${JSON.stringify(wl)}`);
    }
  });
}

const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
const url = pathToFileURL(resolve(pageFile)).href;
const problems = [];
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
page.on('request', (r) => { if (r.url() !== url) problems.push(`request: ${r.url()}`); });
try {
  await page.goto(url);
  await page.waitForSelector('html[data-asl-ready]', { timeout: 30000 });
  const mapEl = await page.evaluate((name) => {
    const s = JSON.parse(document.getElementById('asl-data').textContent).states.find((x) => x.name === name);
    return s ? s.el : null;
  }, mapName);
  if (!mapEl) throw new Error(`no state ${mapName} in the page`);
  await compare(page, groups(readFileSync(join(refs, opened === undefined ? 'all.svg' : `${opened}.svg`), 'utf8')), 'as opened', problems);
  await page.locator(`[id="${mapEl}"]`).locator('path, polygon').first().dispatchEvent('click');
  if (opened !== undefined) {
    const note = await page.locator('#asl-iter-text').textContent();
    if (note !== `Showing iteration ${opened} of ${mapName}`) problems.push(`opened with the header ${JSON.stringify(note)}`);
    await page.locator('#asl-iter-all').click();
    await compare(page, groups(readFileSync(join(refs, 'all.svg'), 'utf8')), 'All, from the iteration it opened on', problems);
  }
  if (await page.locator('#asl-d-iter').isHidden()) throw new Error('the Map\'s panel has no iteration row');
  const label0 = await page.locator('#asl-iter-label').textContent();
  if (label0 !== `all ${count} iterations`) problems.push(`the iteration row reads ${JSON.stringify(label0)}`);
  for (let k = 0; k < count; k++) {
    await page.locator('#asl-iter-next').click();
    const label = await page.locator('#asl-iter-label').textContent();
    if (label !== `iteration ${k} of ${count}`) problems.push(`after ${k + 1} steps the row reads ${JSON.stringify(label)}`);
    const note = await page.locator('#asl-iter-text').textContent();
    if (note !== `Showing iteration ${k} of ${mapName}`) problems.push(`the header reads ${JSON.stringify(note)}`);
    await compare(page, groups(readFileSync(join(refs, `${k}.svg`), 'utf8')), `iteration ${k}`, problems);
    // every state's panel lists only this iteration's runs of the Map
    const els = await page.evaluate(() => JSON.parse(document.getElementById('asl-data').textContent).states.map((s) => s.el));
    let bad = 0;
    for (const el of els) {
      await page.locator(`[id="${el}"]`).locator('path, polygon, ellipse').first().dispatchEvent('click');
      bad += await page.evaluate(([map, k]) => {
        const rows = [...document.querySelectorAll('#asl-d-runs tr')];
        if (!rows.length) return 0;
        const col = [...rows[0].children].findIndex((c) => c.textContent === 'Iteration');
        if (col < 0) return 0;
        return rows.slice(1).filter((tr) => {
          const cell = tr.children[col] ? tr.children[col].textContent : '';
          return cell.split(', ').some((p) => p.startsWith(map + ' #') && p !== `${map} #${k}`);
        }).length;
      }, [mapName, k]);
    }
    await page.locator(`[id="${mapEl}"]`).locator('path, polygon').first().dispatchEvent('click');
    if (bad) problems.push(`iteration ${k}: the panel lists runs of other iterations`);
  }
  await page.locator('#asl-iter-all').click();
  if (!(await page.locator('#asl-iter-note').isHidden())) problems.push('"All" left the header saying an iteration is shown');
  await compare(page, groups(readFileSync(join(refs, 'all.svg'), 'utf8')), 'after All', problems);
} catch (e) {
  problems.push(`check failed: ${String(e.message).split('\n')[0]}`);
}
await browser.close();
if (problems.length) {
  console.log(`error ${pageFile} ${problems.slice(0, 8).join('; ')}`);
  process.exit(1);
}
console.log(`ok ${pageFile} ${count} iterations of ${mapName} as --iteration draws them`);
