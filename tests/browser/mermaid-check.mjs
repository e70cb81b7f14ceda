// mermaid-check.mjs FILE.mmd...: renders every file with the real Mermaid library in headless
// Chromium (Debian's /usr/bin/chromium, driven by playwright-core) and prints one line per file:
// "ok FILE NODES" or "error FILE MESSAGE". Exits 1 when any file fails to render, when a page
// logs a console error, makes a network request, or runs script that came from a chart (the page
// sets window.__pwned if any does: hostile names try to). Exits 77 when Chromium cannot start.
// With SCREENSHOT_DIR set, each chart is also saved there as NAME.png, to be looked at.
import { launchChromium } from './launch.mjs';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const modules = process.env.ASLDOT_NODE_MODULES || join(here, 'node_modules');
const mermaidJs = readFileSync(join(modules, 'mermaid/dist/mermaid.min.js'), 'utf8');
const files = process.argv.slice(2);

const browser = await launchChromium();
const page = await browser.newPage();
const problems = [];
page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
page.on('request', (r) => { if (!r.url().startsWith('about:') && !r.url().startsWith('data:')) problems.push(`network request: ${r.url()}`); });
await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body><div id="out"></div></body></html>');
await page.addScriptTag({ content: mermaidJs });
await page.evaluate(() => {
  window.__pwned = false;
  // securityLevel strict is what GitHub uses: no click handlers, HTML in labels sanitised
  window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', flowchart: { htmlLabels: true } });
});

let failed = 0;
for (const [i, f] of files.entries()) {
  const text = readFileSync(f, 'utf8');
  const r = await page.evaluate(async ([t, id]) => {
    try {
      const { svg } = await window.mermaid.render(id, t);
      const out = document.getElementById('out');
      out.innerHTML = svg; // what a Markdown viewer does with the chart
      const nodes = out.querySelectorAll('g.node').length;
      const scripts = out.querySelectorAll('script').length;
      return { ok: true, nodes, scripts };
    } catch (e) {
      return { ok: false, message: String(e && e.message || e).split('\n').slice(0, 3).join(' ') };
    }
  }, [text, `chart${i}`]);
  if (!r.ok) {
    failed++;
    console.log(`error ${f} ${r.message}`);
  } else if (r.scripts > 0) {
    failed++;
    console.log(`error ${f} the chart holds a <script> element`);
  } else {
    console.log(`ok ${f} ${r.nodes}`);
    if (process.env.SCREENSHOT_DIR) {
      const name = f.split('/').pop().replace(/\.[^.]*$/, '');
      await page.locator('#out svg').screenshot({ path: join(process.env.SCREENSHOT_DIR, `${name}.png`) });
    }
  }
}
await page.waitForTimeout(200); // let any injected handler fire
if (await page.evaluate(() => window.__pwned)) problems.push('script from a chart ran (window.__pwned set)');
await browser.close();
for (const p of problems) console.log(`error page ${p}`);
process.exit(failed || problems.length ? 1 : 0);
