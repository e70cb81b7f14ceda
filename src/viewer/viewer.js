// viewer.js: the script of asl-dot's page (-T html), embedded by src/html.c with its SHA-256 in
// the page's CSP. Reads the SVG in #asl-view and the JSON in #asl-data (html.c, html_runs.c):
// pan, zoom, details, collapse, search, keyboard, and a run's iterations. Text from the input is
// only ever set with textContent.
(function () {
  'use strict';
  var view = document.getElementById('asl-view');
  var svg = view && view.querySelector('svg');
  var dataEl = document.getElementById('asl-data');
  if (!svg || !dataEl) return;
  var data = JSON.parse(dataEl.textContent);
  var panel = document.getElementById('asl-details');
  var search = document.getElementById('asl-search');
  var count = document.getElementById('asl-count');
  var states = [];
  var selected = null;

  // ---- view box
  function parseBox(s) {
    var v = String(s || '').trim().split(/[\s,]+/).map(Number);
    return v.length === 4 && v.every(isFinite) ? { x: v[0], y: v[1], w: v[2], h: v[3] } : null;
  }
  var home = parseBox(svg.getAttribute('viewBox'));
  if (!home) {
    var bb = svg.getBBox();
    home = { x: bb.x, y: bb.y, w: bb.width || 1, h: bb.height || 1 };
  }
  var box = { x: home.x, y: home.y, w: home.w, h: home.h };
  svg.removeAttribute('width');
  svg.removeAttribute('height');
  svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');

  function apply() {
    svg.setAttribute('viewBox', [box.x, box.y, box.w, box.h].map(function (n) {
      return Math.round(n * 100) / 100;
    }).join(' '));
    view.setAttribute('data-zoom', (home.w / box.w).toFixed(2));
  }
  // user units per screen pixel (the view box is fitted with "meet")
  function unitsPerPixel() {
    var r = svg.getBoundingClientRect();
    if (!r.width || !r.height) return 1;
    return Math.max(box.w / r.width, box.h / r.height);
  }
  // the SVG point under the client point (cx, cy)
  function toUser(cx, cy) {
    var r = svg.getBoundingClientRect();
    var u = unitsPerPixel();
    return {
      x: box.x + box.w / 2 + (cx - (r.left + r.width / 2)) * u,
      y: box.y + box.h / 2 + (cy - (r.top + r.height / 2)) * u
    };
  }
  function zoom(factor, cx, cy) {
    var scale = home.w / (box.w / factor);
    if (scale < 0.05 || scale > 40) return;
    var r = svg.getBoundingClientRect();
    if (cx === undefined) { cx = r.left + r.width / 2; cy = r.top + r.height / 2; }
    var p = toUser(cx, cy);
    box.x = p.x - (p.x - box.x) / factor;
    box.y = p.y - (p.y - box.y) / factor;
    box.w /= factor;
    box.h /= factor;
    apply();
  }
  function pan(dxPixels, dyPixels) {
    var u = unitsPerPixel();
    box.x -= dxPixels * u;
    box.y -= dyPixels * u;
    apply();
  }
  function fit() {
    box = { x: home.x, y: home.y, w: home.w, h: home.h };
    apply();
  }
  // pans so that element el is in sight, when it is not
  function reveal(el) {
    var r = el.getBoundingClientRect(), v = svg.getBoundingClientRect();
    if (r.left >= v.left && r.right <= v.right && r.top >= v.top && r.bottom <= v.bottom) return;
    pan(v.left + v.width / 2 - (r.left + r.width / 2), v.top + v.height / 2 - (r.top + r.height / 2));
  }

  document.getElementById('asl-zoom-in').addEventListener('click', function () { zoom(1.25); });
  document.getElementById('asl-zoom-out').addEventListener('click', function () { zoom(0.8); });
  document.getElementById('asl-fit').addEventListener('click', fit);
  view.addEventListener('wheel', function (e) {
    e.preventDefault();
    zoom(e.deltaY < 0 ? 1.15 : 1 / 1.15, e.clientX, e.clientY);
  }, { passive: false });

  var drag = null;
  view.addEventListener('pointerdown', function (e) {
    if (e.button !== 0) return;
    drag = { x: e.clientX, y: e.clientY, moved: false, id: e.pointerId };
  });
  view.addEventListener('pointermove', function (e) {
    if (!drag || drag.id !== e.pointerId) return;
    var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    if (!drag.moved) {
      drag.moved = true;
      view.setPointerCapture(e.pointerId);
      view.classList.add('asl-dragging');
    }
    pan(dx, dy);
    drag.x = e.clientX;
    drag.y = e.clientY;
  });
  function endDrag(e) {
    if (!drag || drag.id !== e.pointerId) return;
    if (drag.moved) {
      view.classList.remove('asl-dragging');
      // the click that ends a drag selects nothing
      view.addEventListener('click', function stop(c) { c.stopPropagation(); }, { capture: true, once: true });
      setTimeout(function () { drag = null; }, 0);
    } else {
      drag = null;
    }
  }
  view.addEventListener('pointerup', endDrag);
  view.addEventListener('pointercancel', endDrag);

  view.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var step = 40, handled = true;
    switch (e.key) {
      case '+': case '=': zoom(1.25); break;
      case '-': case '_': zoom(0.8); break;
      case '0': fit(); break;
      case 'ArrowLeft': pan(step, 0); break;
      case 'ArrowRight': pan(-step, 0); break;
      case 'ArrowUp': pan(0, step); break;
      case 'ArrowDown': pan(0, -step); break;
      default: handled = false;
    }
    if (handled) e.preventDefault();
  });

  // ---- details
  function setText(id, text) {
    var el = document.getElementById(id);
    el.textContent = text || '';
    var row = el.closest('[data-row]');
    if (row) row.hidden = !text;
  }
  // a table under a header row, without the columns no row fills; hidden without rows
  function cell(c) { return c === undefined || c === null ? '' : typeof c === 'string' ? c : JSON.stringify(c); }
  function setTable(id, head, rows) {
    var t = document.getElementById(id);
    t.replaceChildren();
    t.closest('[data-row]').hidden = rows.length === 0;
    if (!rows.length) return;
    var keep = head.map(function (h, i) {
      return i === 0 || rows.some(function (r) { return cell(r[i]) !== ''; });
    });
    [head].concat(rows).forEach(function (cells, r) {
      var tr = document.createElement('tr');
      cells.forEach(function (c, i) {
        if (!keep[i]) return;
        var td = document.createElement(r === 0 ? 'th' : 'td');
        td.textContent = cell(c);
        tr.appendChild(td);
      });
      t.appendChild(tr);
    });
  }
  function errors(x) { return Array.isArray(x.ErrorEquals) ? x.ErrorEquals.join(', ') : x.ErrorEquals; }
  function list(x) { return Array.isArray(x) ? x.filter(function (y) { return y && typeof y === 'object'; }) : []; }
  // ---- collapse: hides what is drawn inside a container's box, says how many states
  var NS = svg.namespaceURI; // SVG's, without writing a URL into the page
  var collapseBtn = document.getElementById('asl-d-collapse');
  function shapeBox(g) {
    var shape = g.querySelector(':scope > path, :scope > polygon');
    return (shape || g).getBBox();
  }
  function within(a, b) {
    return a.x >= b.x - 0.5 && a.y >= b.y - 0.5 && a.x + a.width <= b.x + b.width + 0.5 &&
      a.y + a.height <= b.y + b.height + 0.5;
  }
  function inside(st) {
    if (st.inside) return st.inside;
    var box = shapeBox(st.el);
    st.inside = [].filter.call(svg.querySelectorAll('g.node, g.edge, g.cluster'), function (g) {
      if (g === st.el) return false;
      var b = g.getBBox();
      return b.width + b.height > 0 && within(b, box);
    });
    return st.inside;
  }
  function setCollapsed(st, on) {
    var hidden = 0;
    inside(st).forEach(function (g) {
      g.classList.toggle('asl-hidden', on);
      if (g.classList.contains('asl-state')) hidden++;
    });
    st.el.classList.toggle('asl-collapsed', on);
    if (st.note) { st.note.remove(); st.note = null; }
    if (on) {
      var box = shapeBox(st.el);
      st.note = document.createElementNS(NS, 'text');
      st.note.setAttribute('x', String(box.x + box.width / 2));
      st.note.setAttribute('y', String(box.y + box.height / 2));
      st.note.setAttribute('text-anchor', 'middle');
      st.note.setAttribute('class', 'asl-collapsed-note');
      st.note.textContent = hidden === 1 ? '1 state hidden' : hidden + ' states hidden';
      st.el.appendChild(st.note);
    }
    st.collapsed = on;
    if (selected === st) collapseBtn.textContent = on ? 'Expand' : 'Collapse';
    // the state in the page's Tab sequence must stay reachable: the container takes its place
    if (on && current && !visible(current)) {
      current.el.setAttribute('tabindex', '-1');
      current = st;
      st.el.setAttribute('tabindex', '0');
    }
    if (!on) // a container inside that was collapsed stays so
      states.forEach(function (o) { if (o.collapsed && inside(st).indexOf(o.el) >= 0) setCollapsed(o, true); });
  }
  collapseBtn.addEventListener('click', function () {
    if (selected && selected.container) setCollapsed(selected, !selected.collapsed);
  });
  function visible(st) { return !st.el.classList.contains('asl-hidden'); }

  function show(s) {
    collapseBtn.hidden = !s.container;
    collapseBtn.textContent = s.collapsed ? 'Expand' : 'Collapse';
    if (selected) selected.el.classList.remove('asl-selected');
    selected = s;
    s.el.classList.add('asl-selected');
    setText('asl-d-name', s.name);
    setText('asl-d-type', s.type);
    setText('asl-d-status', s.status);
    setText('asl-d-notes', s.notes);
    showRuns(s); /* the runs counted; a Map's iterations */
    setText('asl-d-tooltip', s.tooltip);
    // the state's own definition (a text from the page's data: parsed, never evaluated)
    var def = null;
    try { def = s.def ? JSON.parse(s.def) : null; } catch (e) { def = null; }
    setText('asl-d-def', def && typeof def === 'object' ? JSON.stringify(def, null, 2) : s.def);
    def = def && typeof def === 'object' ? def : {};
    setTable('asl-d-retry', ['Errors', 'Interval', 'Attempts', 'Backoff', 'Max delay', 'Jitter'],
      list(def.Retry).map(function (r) {
        return [errors(r), r.IntervalSeconds, r.MaxAttempts, r.BackoffRate, r.MaxDelaySeconds, r.JitterStrategy];
      }));
    setTable('asl-d-catch', ['Errors', 'Next', 'Result path'],
      list(def.Catch).map(function (c) { return [errors(c), c.Next, c.ResultPath]; }));
    panel.hidden = false;
  }
  function close() {
    panel.hidden = true;
    if (selected) {
      selected.el.classList.remove('asl-selected');
      var el = selected.el;
      selected = null;
      el.focus({ preventScroll: true });
    }
  }
  document.getElementById('asl-close').addEventListener('click', close);
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && !panel.hidden) { e.preventDefault(); close(); }
  });

  // one state is in the Tab sequence at a time; Tab, Shift+Tab, Home and End move in the data's
  // order (the definition's), leaving the diagram past either end
  var current = null;
  // the next state from i in direction step that is not hidden inside a collapsed container
  function focusState(i, step) {
    while (i >= 0 && i < states.length && !visible(states[i])) i += step || 1;
    if (i >= 0 && i < states.length) states[i].el.focus();
  }
  var byData = []; // the data's index of a state -> its entry (the runs name states so)
  (data.states || []).forEach(function (s, di) {
    var el = document.getElementById(s.el);
    if (!el) return;
    var st = { el: el, name: String(s.name || ''), type: s.type || '', status: s.status || '',
      tooltip: s.tooltip || '', notes: typeof s.notes === 'string' ? s.notes : '', def: typeof s.def === 'string' ? s.def : '', index: states.length,
      container: s.container === true, collapsed: false, inside: null, note: null };
    st.key = st.name.toLowerCase();
    st.di = di;
    byData[di] = st;
    states.push(st);
    el.classList.add('asl-state');
    el.setAttribute('tabindex', st.index === 0 ? '0' : '-1');
    el.setAttribute('role', 'button');
    el.setAttribute('aria-label', st.name + (st.type ? ' (' + st.type + ')' : ''));
    el.addEventListener('click', function (e) { e.stopPropagation(); show(st); });
    el.addEventListener('keydown', function (e) {
      var to = -1, step = 1;
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); e.stopPropagation(); show(st); return; }
      if (e.key === 'Tab' && !e.altKey && !e.ctrlKey && !e.metaKey) {
        step = e.shiftKey ? -1 : 1;
        to = st.index + step;
        while (to >= 0 && to < states.length && !visible(states[to])) to += step;
      } else if (e.key === 'Home') to = 0;
      else if (e.key === 'End') { to = states.length - 1; step = -1; }
      if (to >= 0 && to < states.length) { e.preventDefault(); e.stopPropagation(); focusState(to, step); }
    });
    el.addEventListener('focus', function () {
      if (current && current !== st) current.el.setAttribute('tabindex', '-1');
      current = st;
      el.setAttribute('tabindex', '0');
      reveal(el);
    });
  });
  if (states.length) current = states[0];

  // ---- runs (--history): a Map's panel steps through its iterations as --iteration draws them:
  // a state's status is the worst of the runs counted, an edge taken when a run counted took it
  var runs = Array.isArray(data.runs) ? data.runs : [];
  var edges = (Array.isArray(data.edges) ? data.edges : []).map(function (e) {
    return { el: document.getElementById(e.el), n: e.n | 0 };
  });
  var ORDER = ['not-run', 'succeeded', 'caught', 'in-progress', 'cancelled', 'failed'];
  var FALLBACK = { // styles/light.json, for a status the picture does not show already
    'succeeded': ['#2e8540', '#dcf3e0', '\u2713'], 'failed': ['#c53030', '#fcdede', '\u2717'],
    'caught': ['#d97706', '#fdecd2', '\u21aa'], 'in-progress': ['#2563eb', '#dde8fd', '\u25b6'],
    'cancelled': ['#6b4f3a', '#eee9e4', '\u2298'], 'not-run': ['#c4c9d0', '#fafafa', '\u25cc'] };
  var FALLBACK_DARK = { // styles/dark.json, for a picture on a dark background
    'succeeded': ['#4cc46a', '#173a22', '\u2713'], 'failed': ['#f06060', '#4a1b1e', '\u2717'],
    'caught': ['#f59e0b', '#3d2a10', '\u21aa'], 'in-progress': ['#60a5fa', '#17294a', '\u25b6'],
    'cancelled': ['#b89a82', '#2e2824', '\u2298'], 'not-run': ['#4b5563', '#1a1d23', '\u25cc'] };
  (function () { // the diagram's own background tells which
    var bg = svg.querySelector('g.graph > polygon'), m = bg && /^#([0-9a-f]{6})$/i.exec(bg.getAttribute('fill') || '');
    if (!m) return;
    var v = parseInt(m[1], 16), lum = 0.299 * (v >> 16) + 0.587 * (v >> 8 & 255) + 0.114 * (v & 255);
    if (lum < 128) FALLBACK = FALLBACK_DARK;
  })();
  var looks = {}; // "node succeeded" -> {stroke, fill, width, glyph}, learnt from the SVG
  var iter = null; // {map: the Map's state, k: the index} while one iteration is shown
  var drawn = null; // the iteration the picture was drawn for (--iteration), or null
  function asDrawn() { return drawn === null ? iter === null : iter !== null && iter.map === drawn.map && iter.k === drawn.k; }
  var iterRow = document.getElementById('asl-d-iter');
  var iterLabel = document.getElementById('asl-iter-label');
  var iterNote = document.getElementById('asl-iter-note');
  function shapes(g) { return [].slice.call(g.querySelectorAll('path, polygon, ellipse')); }
  function nameText(g) { return g.querySelector('text'); }
  function glyphOf(text) {
    var m = /^(\S{1,2}) /.exec(text || '');
    return m && !/[\w<>"'&]/.test(m[1]) ? m[1] : null;
  }
  function kindOf(st) { return st.container ? 'cluster' : 'node'; }
  function learn(st) {
    var key = kindOf(st) + ' ' + st.status, sh = shapes(st.el)[0], t = nameText(st.el);
    if (!st.status || looks[key] || !sh) return;
    looks[key] = { stroke: sh.getAttribute('stroke'), fill: sh.getAttribute('fill'),
      width: sh.getAttribute('stroke-width'), glyph: t ? glyphOf(t.textContent) : null };
  }
  function look(st, status) {
    var l = looks[kindOf(st) + ' ' + status], f = FALLBACK[status] || FALLBACK['not-run'];
    return l || { stroke: f[0], fill: st.container ? null : f[1], width: status === 'failed' ? '3' : '2', glyph: f[2] };
  }
  // what a state looked like as drawn, to put back
  function keep(st) {
    if (st.orig) return;
    var t = nameText(st.el);
    st.orig = { text: t ? t.textContent : null,
      shapes: shapes(st.el).map(function (s) { return [s.getAttribute('stroke'), s.getAttribute('fill'), s.getAttribute('stroke-width')]; }),
      figures: [].filter.call(st.el.querySelectorAll('text'), function (x) {
        return st.notes.split('\n').indexOf(x.textContent) >= 0;
      }) };
  }
  // is run r counted when sel (an iteration, or null for all) is shown?
  function counted(r, sel) {
    if (!sel) return true;
    return !(r.it || []).some(function (p) { return p[0] === sel.map.di && p[1] !== sel.k; });
  }
  function restyle(st, status) {
    keep(st);
    var t = nameText(st.el), o = st.orig;
    [].slice.call(st.el.classList).forEach(function (c) { if (/^status-/.test(c)) st.el.classList.remove(c); });
    st.el.classList.add('status-' + status);
    if (status === st.status) {
      shapes(st.el).forEach(function (s, i) {
        var v = o.shapes[i] || [];
        ['stroke', 'fill', 'stroke-width'].forEach(function (a, j) { if (v[j] !== null && v[j] !== undefined) s.setAttribute(a, v[j]); });
      });
      if (t) t.textContent = o.text;
    } else {
      var l = look(st, status);
      shapes(st.el).forEach(function (s) {
        var fill = s.getAttribute('fill');
        if (l.stroke) s.setAttribute('stroke', l.stroke);
        if (l.fill && fill !== 'none' && fill !== 'transparent') s.setAttribute('fill', l.fill);
        if (l.width) s.setAttribute('stroke-width', l.width);
      });
      var g = glyphOf(o.text);
      if (t && g && l.glyph) t.textContent = l.glyph + o.text.slice(g.length);
    }
    // the figures drawn hold while the same runs are counted
    var stale = !asDrawn() && st.runs.some(function (r) { return counted(r, iter) !== counted(r, drawn); });
    o.figures.forEach(function (x) { x.classList.toggle('asl-hidden', stale); });
  }
  // an edge's look taken or not, learnt from edges of its kind drawn so (else dimmed)
  var edgeLooks = {};
  function edgeKey(el, taken) {
    var k = [].filter.call(el.classList, function (c) { return /^(next|choice|default|catch|start|end)$/.test(c); });
    return k.join(' ') + (taken ? ' taken' : ' untaken');
  }
  function edgeParts(el) { return [].slice.call(el.querySelectorAll('path, polygon')); }
  function edgeLearn(e) {
    if (!e.el) return;
    e.orig = edgeParts(e.el).map(function (p) { return [p.getAttribute('stroke'), p.getAttribute('fill'), p.getAttribute('stroke-width'), p.getAttribute('stroke-dasharray')]; });
    e.wasTaken = e.el.classList.contains('taken');
    var key = edgeKey(e.el, e.wasTaken), parts = e.orig;
    if (!edgeLooks[key] && parts.length) edgeLooks[key] = { path: parts[0], head: parts[parts.length - 1] };
  }
  function setAttrs(p, v) {
    ['stroke', 'fill', 'stroke-width', 'stroke-dasharray'].forEach(function (a, j) {
      if (v[j] === null || v[j] === undefined) p.removeAttribute(a); else p.setAttribute(a, v[j]);
    });
  }
  function edgeLook(e, taken) {
    e.el.classList.toggle('taken', taken);
    e.el.classList.toggle('untaken', !taken);
    var l = taken === e.wasTaken ? null : edgeLooks[edgeKey(e.el, taken)];
    edgeParts(e.el).forEach(function (p, i) {
      setAttrs(p, taken === e.wasTaken ? e.orig[i] : l ? (p.tagName === 'path' ? l.path : l.head) : e.orig[i]);
    });
    e.el.classList.toggle('asl-dim', !taken && e.wasTaken && !l);
  }
  // a count label for an edge drawn without one, mid-path
  function countLabel(e) {
    var path = e.el.querySelector('path'), like = svg.querySelector('g.edge text'), x;
    if (!path) return null;
    var m = path.getPointAtLength(path.getTotalLength() / 2);
    x = document.createElementNS(NS, 'text');
    x.setAttribute('x', String(m.x + 6));
    x.setAttribute('y', String(m.y));
    ['font-family', 'font-size', 'fill'].forEach(function (a) { if (like && like.getAttribute(a)) x.setAttribute(a, like.getAttribute(a)); });
    if (!like) x.setAttribute('font-size', '9');
    x.dataset.aslText = '';
    (path.parentNode || e.el).appendChild(x);
    return x;
  }
  function showIteration(map, k) {
    iter = map && k >= 0 ? { map: map, k: k } : null;
    var n = edges.map(function () { return 0; });
    states.forEach(function (st) { st.counted = []; });
    runs.forEach(function (r) {
      var st = byData[r.s];
      if (!st || !counted(r, iter)) return;
      st.counted.push(r);
      if (r.in !== undefined && n[r.in] !== undefined) n[r.in]++;
      if (r.end !== undefined && n[r.end] !== undefined) n[r.end]++;
    });
    states.forEach(function (st) {
      if (!st.status) return;
      var worst = 0;
      st.counted.forEach(function (r) { worst = Math.max(worst, ORDER.indexOf(r.st)); });
      st.shown = st.counted.length ? ORDER[worst] : 'not-run';
      restyle(st, st.shown);
    });
    edges.forEach(function (e, i) {
      if (!e.el) return;
      var now = n[i];
      edgeLook(e, now > 0);
      // the label's last line ends with the count when it is over 1 (overlay.c)
      var texts = e.el.querySelectorAll('text'), x = texts[texts.length - 1];
      if (!x && now > 1) x = countLabel(e);
      if (!x) return;
      if (x.dataset.aslText === undefined) x.dataset.aslText = x.textContent;
      var t = x.dataset.aslText, suffix = '\u00d7' + e.n;
      var base = e.n > 1 && t.slice(-suffix.length) === suffix ? t.slice(0, -suffix.length).replace(/ $/, '') : t;
      x.textContent = now > 1 ? (base ? base + ' ' : '') + '\u00d7' + now : base;
    });
    view.classList.toggle('asl-iter', iter !== null);
    iterNote.hidden = iter === null;
    if (iter) document.getElementById('asl-iter-text').textContent = 'Showing iteration ' + iter.k + ' of ' + iter.map.name;
    if (selected) show(selected);
  }
  function iterations(st) { // how many iterations the runs show for Map st
    var n = 0;
    runs.forEach(function (r) { (r.it || []).forEach(function (p) { if (p[0] === st.di) n = Math.max(n, p[1] + 1); }); });
    return n;
  }
  // a time of day in UTC, with the date when it is not the day the history starts
  var day0 = null;
  runs.some(function (r) { if (r.t0 >= 0) day0 = new Date(r.t0).toISOString().slice(0, 10); return day0 !== null; });
  function when(ms) {
    if (typeof ms !== 'number' || ms < 0) return '';
    var iso = new Date(ms).toISOString();
    return (iso.slice(0, 10) === day0 ? '' : iso.slice(0, 10) + ' ') + iso.slice(11, 23);
  }
  function took(a, b) {
    if (!(a >= 0 && b >= 0)) return '';
    var ms = Math.max(0, b - a);
    return ms < 1000 ? ms + ' ms' : ms < 60000 ? (ms / 1000).toFixed(1) + ' s' : Math.floor(ms / 60000) + ' min ' + Math.round(ms % 60000 / 1000) + ' s';
  }
  var RUNS_SHOWN = 200;
  function showRuns(st) {
    var list = st.counted || [], rows = [], tries = [];
    list.slice(0, RUNS_SHOWN).forEach(function (r, i) {
      var it = (r.it || []).map(function (p) { return (byData[p[0]] ? byData[p[0]].name : '?') + ' #' + p[1]; }).join(', ');
      rows.push([String(i + 1), r.st, it, when(r.t0), when(r.t1), took(r.t0, r.t1), r.n > 1 ? String(r.n) : '',
        [r.err, r.cause].filter(Boolean).join(': '), r.input, r.output]);
      (r.a || []).forEach(function (a, j) {
        tries.push([(i + 1) + '.' + (j + 1), a[2] ? 'failed' : a[1] >= 0 ? 'succeeded' : '', when(a[0]), when(a[1]), took(a[0], a[1]),
          [a[3], a[4]].filter(Boolean).join(': ')]);
      });
    });
    if (list.length > RUNS_SHOWN) rows.push(['\u2026', (list.length - RUNS_SHOWN) + ' more runs']);
    setTable('asl-d-runs', ['#', 'Status', 'Iteration', 'Started', 'Ended', 'Took', 'Attempts', 'Error', 'Input', 'Output'], rows);
    document.getElementById('asl-d-runs').closest('[data-row]').querySelector('dt').textContent =
      day0 ? 'Runs (times in UTC, ' + day0 + ')' : 'Runs';
    setTable('asl-d-attempts', ['Run.attempt', 'Outcome', 'Started', 'Ended', 'Took', 'Error'],
      tries.some(function (t) { return t[0].slice(-2) !== '.1' || t[5]; }) ? tries : []);
    var n = st.type === 'Map' && stepping ? iterations(st) : 0;
    iterRow.hidden = n === 0;
    if (n) iterLabel.textContent = iter && iter.map === st ? 'iteration ' + iter.k + ' of ' + n : 'all ' + n + ' iterations';
    if (st.shown) setText('asl-d-status', st.shown);
    if (!asDrawn()) setText('asl-d-notes', '');
  }
  function step(d) {
    if (!selected || selected.type !== 'Map') return;
    var n = iterations(selected), k = iter && iter.map === selected ? iter.k + d : d > 0 ? 0 : n - 1;
    showIteration(k >= 0 && k < n ? selected : null, k >= 0 && k < n ? k : -1);
  }
  document.getElementById('asl-iter-prev').addEventListener('click', function () { step(-1); });
  document.getElementById('asl-iter-next').addEventListener('click', function () { step(1); });
  document.getElementById('asl-iter-all').addEventListener('click', function () { showIteration(null, -1); });
  document.getElementById('asl-iter-clear').addEventListener('click', function () { showIteration(null, -1); });
  // stepping needs every run: a page that lists only the first ones keeps its picture
  var stepping = runs.length > 0 && !data.runs_dropped;
  if (stepping) {
    states.forEach(function (st) { st.runs = []; learn(st); });
    runs.forEach(function (r) { if (byData[r.s]) byData[r.s].runs.push(r); });
    edges.forEach(edgeLearn);
    if (Array.isArray(data.iteration) && byData[data.iteration[0]]) {
      drawn = { map: byData[data.iteration[0]], k: data.iteration[1] };
      showIteration(drawn.map, drawn.k);
    } else {
      showIteration(null, -1);
    }
  } else {
    runs.forEach(function (r) { var st = byData[r.s]; if (st) (st.counted = st.counted || []).push(r); });
  }

  // ---- search
  function find() {
    var q = search.value.trim().toLowerCase();
    var n = 0, first = null;
    states.forEach(function (s) {
      var hit = q !== '' && s.key.indexOf(q) >= 0 && visible(s); /* not inside a collapsed box */
      s.el.classList.toggle('asl-match', hit);
      if (hit) { n++; if (!first) first = s; }
    });
    count.textContent = q === '' ? '' : n === 0 ? 'no state matches' : n === 1 ? '1 state' : n + ' states';
    return first;
  }
  search.addEventListener('input', find);
  search.addEventListener('keydown', function (e) {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    var first = find();
    if (first) first.el.focus();
  });

  apply();
  document.documentElement.setAttribute('data-asl-ready', String(states.length));
})();
