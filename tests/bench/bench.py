#!/usr/bin/env python3
"""asl-dot benchmark: asl-dot against the Graphviz floor and stock `dot`, side by side, in one run.

    tests/bench/bench.py --build BUILD_DIR [--corpus DIR] [--runs 5] [--sizes 250,500,1000,2000]
                         [--sections 1,2,3,4,5]
                         [--out tests/bench/RESULTS.md]

BUILD_DIR holds asl-dot and tests/bench/gv_floor (cmake --build BUILD_DIR). The machine's speed
drifts, so every comparison interleaves the two sides run by run and reports ratios of medians.

1. Per real definition (CORPUS/definitions/valid): `asl-dot -T svg FILE` end to end versus
   `dot -Tsvg` on the DOT that `asl-dot -T dot FILE` emits (the same graph, same attributes).
2. The whole corpus in one asl-dot process (batch mode, `-o DIR/`) versus the in-process Graphviz
   floor (gv_floor: one process, one Graphviz context, every DOT text already in memory; timed per
   file from the DOT text to the freed graph: agmemread, gvLayout, gvRenderData, frees, agclose),
   versus the layout and render calls alone (the same run's gvLayout..gvFreeLayout time), and
   versus one `dot` process per file. `-j 2` is shown beside it.
3. Generated machines (../shared/tools/gen_asl.py -n N --seed 1): `asl-dot -T svg` (automatic
   layout) versus stock `dot -Tsvg` on asl-dot's own full-quality DOT (`--layout full`), with peak
   memory (max RSS) of each.
4. The template layer (CORPUS/templates): for each template, finding and loading its machines
   (`asl-dot list FILE` minus `asl-dot list` of a one-state bare definition: the process and the
   list itself) against rendering every machine it holds (`asl-dot -T svg --machine ID FILE`,
   summed); and `asl-dot list` of a generated CDK template with 50 machines (DefinitionString as
   Fn::Join with Fn::GetAtt pieces, 20 states each).
5. Pull requests and CI: `asl-dot diff -T svg BEFORE AFTER` of every real pair (CORPUS/diffs)
   against `asl-dot -T svg AFTER` alone (sums of medians); `-T mermaid` of the whole corpus in one
   batch (into a new folder, and replacing the files of an earlier run); and `--check -o DIR/` over the corpus four times (about 1000 files, after a batch render
   wrote DIR) against that batch render.
6. With --baseline BUILD_DIR (an earlier commit built the same way): this build's batch render of
   the corpus (`-T svg -o DIR/`) and of a generated 1000-state machine against the baseline's,
   interleaved, to see what layout work since then costs, and the corpus pictures of both:
   edge crossings and edge length summed (picture_metrics.py).
7. Scale up to AWS's 1 MB definition limit and past it (--scale-sizes, default 1000,4300,8000;
   gen_asl.py --seed 1): `asl-dot -k --collapse=none -T svg` (every state drawn: -k because the
   generator's 8000-state machine has unreachable states), median time, peak RSS, how many state
   groups the SVG holds against the states defined, growth exponents, and the picture's edge
   crossings and edge length (picture_metrics.py); with --baseline, the baseline's beside it.
Python 3 standard library only.
"""
import argparse
import glob
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


def run(cmd, stdout=subprocess.DEVNULL):
    """Runs cmd; returns (seconds, max RSS in MiB). Raises on failure."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE)
    _, status, ru = os.wait4(p.pid, 0)
    dt = time.perf_counter() - t0
    err = p.stderr.read().decode(errors='replace')
    p.stderr.close()
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        raise RuntimeError('%s: exit %d %s' % (' '.join(cmd), p.returncode, err[:300]))
    return dt, ru.ru_maxrss / 1024.0


def median_pair(cmd_a, cmd_b, runs):
    """Interleaves runs of a and b; returns medians (time_a, time_b, rss_a, rss_b)."""
    ta, tb, ma, mb = [], [], [], []
    for _ in range(runs):
        t, m = run(cmd_a)
        ta.append(t)
        ma.append(m)
        t, m = run(cmd_b)
        tb.append(t)
        mb.append(m)
    return statistics.median(ta), statistics.median(tb), max(ma), max(mb)


def fmt_s(s):
    return '%.1f ms' % (s * 1000) if s < 1 else '%.2f s' % s


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--build', required=True)
    ap.add_argument('--corpus', default=os.path.join(REPO, '..', 'shared', 'corpus'))
    ap.add_argument('--runs', type=int, default=5)
    ap.add_argument('--sizes', default='250,500,1000,2000')
    ap.add_argument('--gen', default=os.path.join(REPO, '..', 'shared', 'tools', 'gen_asl.py'))
    ap.add_argument('--out', default=None)
    ap.add_argument('--skip-corpus', action='store_true')
    ap.add_argument('--sections', default='1,2,3,4,5,7', help='which sections to run, e.g. 5')
    ap.add_argument('--scale-sizes', default='1000,4300,8000')
    ap.add_argument('--baseline', default=None,
                    help='an earlier build directory to compare with (section 6)')
    a = ap.parse_args()
    secs = set(a.sections.split(','))
    exe = os.path.join(a.build, 'asl-dot')
    floor = os.path.join(a.build, 'tests', 'bench', 'gv_floor')
    dot = shutil.which('dot')
    for p in (exe, floor, dot):
        if not p or not os.path.exists(p):
            sys.exit('bench: missing %s (build first; install graphviz)' % p)
    tmp = tempfile.mkdtemp(prefix='asldot-bench-')
    lines = []
    summary = {}
    giants = []

    def out(s=''):
        print(s, flush=True)
        lines.append(s)

    out('# asl-dot benchmark')
    out()
    out('Command: `%s`' % ' '.join(['tests/bench/bench.py'] + sys.argv[1:]))
    out('Machine: %d cores, %s; %s; medians of %d interleaved runs.'
        % (os.cpu_count(), subprocess.run(['uname', '-m'], capture_output=True, text=True).stdout.strip(),
           subprocess.run([dot, '-V'], capture_output=True, text=True).stderr.strip(), a.runs))
    out()

    files = sorted(f for f in glob.glob(os.path.join(a.corpus, 'definitions', 'valid', '*'))
                   if not f.endswith('.tsv'))
    if files and not a.skip_corpus and secs & {'1', '2'}:
        # 1. per file, end to end
        dots = []
        sum_a = sum_d = 0.0
        worst = (0, None)
        for i, f in enumerate(files):
            d = os.path.join(tmp, '%03d.dot' % i)
            with open(d, 'wb') as fh:
                fh.write(subprocess.run([exe, '-T', 'dot', f], capture_output=True, check=True).stdout)
            dots.append(d)
            ta, td, _, _ = median_pair([exe, '-T', 'svg', f], [dot, '-Tsvg', d], a.runs)
            sum_a += ta
            sum_d += td
            if ta / td > worst[0]:
                worst = (ta / td, os.path.basename(f), ta, td)
        out('## 1. Real definitions, one process per file (%d files)' % len(files))
        out()
        out('| measure | asl-dot -T svg | dot -Tsvg on its DOT | ratio |')
        out('|---|---|---|---|')
        out('| sum of medians | %s | %s | %.3f |' % (fmt_s(sum_a), fmt_s(sum_d), sum_a / sum_d))
        summary['own'] = sum_a / sum_d
        out('| worst file: %s | %s | %s | %.3f |' % (worst[1], fmt_s(worst[2]), fmt_s(worst[3]), worst[0]))
        out()

        # 2. batch versus the in-process floor and versus a dot per file
        outdir = os.path.join(tmp, 'batch')
        os.makedirs(outdir, exist_ok=True)
        tb, tb2, tgv, tlr, tfp, tdots = [], [], [], [], [], []
        for _ in range(a.runs):
            for j, acc in (('1', tb), ('2', tb2)):
                shutil.rmtree(outdir)
                os.makedirs(outdir)
                acc.append(run([exe, '-T', 'svg', '-j', j, '-o', outdir + '/'] + files)[0])
            t0 = time.perf_counter()
            r = subprocess.run([floor] + dots, capture_output=True, text=True, check=True)
            tfp.append(time.perf_counter() - t0)
            total = r.stdout.strip().splitlines()[-1].split()
            tgv.append(float(total[1]))
            tlr.append(float(total[2]))
            t0 = time.perf_counter()
            for d in dots:
                subprocess.run([dot, '-Tsvg', d], stdout=subprocess.DEVNULL, check=True)
            tdots.append(time.perf_counter() - t0)
        mb, mb2 = statistics.median(tb), statistics.median(tb2)
        mgv, mlr = statistics.median(tgv), statistics.median(tlr)
        mfp, md = statistics.median(tfp), statistics.median(tdots)
        summary['batch'] = mb / mgv
        summary['batch_lr'] = mb / mlr
        summary['batch_j2_lr'] = mb2 / mlr
        out('## 2. Whole corpus, one asl-dot process (batch mode)')
        out()
        out('| measure | time | asl-dot batch (-j 1) relative |')
        out('|---|---|---|')
        out('| asl-dot -T svg -o DIR/ (all %d files, one process, whole run) | %s | 1.00 |'
            % (len(files), fmt_s(mb)))
        out('| in-process Graphviz floor: DOT text -> graph -> layout -> SVG -> freed, per file, one '
            'context (gv_floor) | %s | %.2f× the floor |' % (fmt_s(mgv), mb / mgv))
        out('| the layout and render calls alone (gvLayout .. gvFreeLayout, same run) | %s | %.2f× |'
            % (fmt_s(mlr), mb / mlr))
        out('| gv_floor whole process (start-up, reading the DOT files, all of the above) | %s | %.2f× |'
            % (fmt_s(mfp), mb / mfp))
        out('| asl-dot -j 2 -T svg -o DIR/ (two worker processes) | %s | %.2f× the layout and render '
            'calls |' % (fmt_s(mb2), mb2 / mlr))
        out('| one `dot -Tsvg` process per file | %s | %.2f× faster |' % (fmt_s(md), md / mb))
        out()

    # 3. generated giants
    sizes = [int(s) for s in a.sizes.split(',') if s] if '3' in secs else []
    if sizes and not os.path.exists(a.gen):
        out('(generated machines skipped: %s not found; pass --gen)' % a.gen)
        sizes = []
    if sizes:
        out('## 3. Generated machines (gen_asl.py -n N --seed 1)')
        out()
        out('asl-dot in its automatic layout mode (src/layout.h: above 200 diagram nodes, edges that '
            'would span more than 8 ranks end at a reference node beside their tail; above 1000, the '
            'x-coordinate network simplex is held to about 1000 iterations); stock dot on the '
            'full-quality DOT of `asl-dot -T dot --layout full`.')
        out()
        out('| states | asl-dot -T svg | peak RSS | stock dot -Tsvg on full-quality DOT | peak RSS | ratio |')
        out('|---|---|---|---|---|---|')
        for n in sizes:
            src = os.path.join(tmp, 'gen%d.json' % n)
            with open(src, 'w') as fh:
                subprocess.run([sys.executable, a.gen, '-n', str(n), '--seed', '1'], stdout=fh, check=True)
            d = os.path.join(tmp, 'gen%d.dot' % n)
            with open(d, 'wb') as fh:
                fh.write(subprocess.run([exe, '-T', 'dot', '--layout', 'full', src], capture_output=True,
                                        check=True).stdout)
            runs = a.runs if n <= 1000 else max(3, a.runs // 2 + 1)
            ta, td, ma, md_ = median_pair([exe, '-T', 'svg', src], [dot, '-Tsvg', d], runs)
            out('| %d | %s | %.0f MiB | %s | %.0f MiB | %.3f |' % (n, fmt_s(ta), ma, fmt_s(td), md_, ta / td))
            giants.append((n, ta, td, ma))
        out()
        if len(giants) > 1:
            out('Growth (exponent k in time ~ states^k between consecutive sizes):')
            out()
            out('| sizes | asl-dot | stock dot |')
            out('|---|---|---|')
            for (n1, a1, d1, _), (n2, a2, d2, _) in zip(giants, giants[1:]):
                f = math.log(n2 / n1)
                out('| %d -> %d | %.2f | %.2f |' % (n1, n2, math.log(a2 / a1) / f, math.log(d2 / d1) / f))
            (n1, a1, d1, _), (n2, a2, d2, _) = giants[0], giants[-1]
            f = math.log(n2 / n1)
            summary['growth'] = (n1, n2, math.log(a2 / a1) / f, math.log(d2 / d1) / f)
            out('| **%d -> %d** | **%.2f** | **%.2f** |' % summary['growth'])
            out()
    # 4. the template layer
    tdir = os.path.join(a.corpus, 'templates')
    exps = sorted(glob.glob(os.path.join(tdir, '*.expect.json')))
    if exps and '4' in secs:
        import json
        tiny = os.path.join(tmp, 'tiny.json')
        with open(tiny, 'w') as fh:
            fh.write('{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}')
        ext_sum = ren_sum = 0.0
        nfiles = nmach = 0
        for e in exps:
            exp = json.load(open(e))
            tpl = os.path.join(tdir, exp.get('file', ''))
            ids = [m['id'] for m in exp['machines'] if m.get('resolvable', True)]
            if not os.path.isfile(tpl) or not ids:
                continue
            tl, tt, _, _ = median_pair([exe, 'list', tpl], [exe, 'list', tiny], a.runs)
            ext_sum += max(tl - tt, 0.0)
            for i in ids:
                ren_sum += statistics.median(run([exe, '-T', 'svg', '--machine', i, tpl])[0]
                                             for _ in range(a.runs))
            nfiles += 1
            nmach += len(ids)
        # a CDK stack of 50 machines
        gen_defs = []
        for k in range(50):
            r = subprocess.run([sys.executable, a.gen, '--states', '20', '--seed', str(k + 1)],
                               capture_output=True, text=True, check=True)
            gen_defs.append(r.stdout)
        res = {}
        for k, d in enumerate(gen_defs):
            pieces = d.split('"Resource": "')
            join = [pieces[0]]
            for p in pieces[1:]:
                join += ['"Resource": "', {'Fn::GetAtt': ['Fn%d' % k, 'Arn']}, p[p.index('"'):]]
            res['Machine%02dA1B2C3D4' % k] = {'Type': 'AWS::StepFunctions::StateMachine',
                                             'Properties': {'DefinitionString': {'Fn::Join': ['', join]}}}
        res['CDKMetadata'] = {'Type': 'AWS::CDK::Metadata'}
        cdk = os.path.join(tmp, 'Stack.template.json')
        with open(cdk, 'w') as fh:
            json.dump({'Resources': res}, fh, indent=1)
        tcdk = statistics.median(run([exe, 'list', cdk])[0] for _ in range(a.runs))
        out('## 4. The template layer (%d real templates, %d machines)' % (nfiles, nmach))
        out()
        out('| measure | time | ratio |')
        out('|---|---|---|')
        out('| finding and loading every machine (list minus list of a bare one-state file) | %s | |'
            % fmt_s(ext_sum))
        out('| rendering every machine (-T svg --machine, one process each) | %s | |' % fmt_s(ren_sum))
        out('| extraction over rendering | | **%.3f** |' % (ext_sum / ren_sum))
        out('| `asl-dot list` of a CDK template with 50 machines (20 states each, Fn::Join) | %s | |'
            % fmt_s(tcdk))
        out()
        summary['templates'] = (ext_sum / ren_sum, tcdk)

    # 5. pull requests and CI
    befores = sorted(glob.glob(os.path.join(a.corpus, 'diffs', '*.before.*')))
    pairs = []
    for b in befores:
        stem = b[:b.rindex('.before.')]
        after = sorted(glob.glob(stem + '.after.*'))
        if after:
            pairs.append((b, after[0]))
    if pairs and files and not a.skip_corpus and '5' in secs:
        diff_sum = new_sum = 0.0
        for b, f in pairs:
            td, tn, _, _ = median_pair([exe, 'diff', '-q', '-k', '-T', 'svg', b, f],
                                       [exe, '-q', '-k', '-T', 'svg', f], a.runs)
            diff_sum += td
            new_sum += tn
        # into a new folder each run: replacing a file by rename makes ext4 flush it first
        # (auto_da_alloc), a cost of the file system, not of the charts; shown on its own below
        tmers = []
        for k in range(a.runs):
            mdir = os.path.join(tmp, 'mermaid%d' % k)
            tmers.append(run([exe, '-q', '-k', '-T', 'mermaid', '-o', mdir + '/'] + files)[0])
        tmer = statistics.median(tmers)
        trep = statistics.median(run([exe, '-q', '-k', '-T', 'mermaid', '-o', mdir + '/'] + files)[0]
                                 for _ in range(a.runs))
        many = os.path.join(tmp, 'many')
        os.makedirs(many)
        for k in range(4):
            for f in files:
                os.symlink(f, os.path.join(many, '%d-%s' % (k, os.path.basename(f))))
        inputs = sorted(glob.glob(os.path.join(many, '*')))
        odir = os.path.join(tmp, 'checked')
        os.makedirs(odir)
        trender, tcheck = [], []
        for _ in range(a.runs):
            trender.append(run([exe, '-q', '-k', '-T', 'svg', '-o', odir + '/'] + inputs)[0])
            tcheck.append(run([exe, '-q', '-k', '--check', '-T', 'svg', '-o', odir + '/'] + inputs)[0])
        tr, tc = statistics.median(trender), statistics.median(tcheck)
        out('## 5. Pull requests and CI (%d real pairs; %d definitions)' % (len(pairs), len(files)))
        out()
        out('| measure | time | ratio |')
        out('|---|---|---|')
        out('| `diff -T svg BEFORE AFTER`, every pair (sum of medians) | %s | |' % fmt_s(diff_sum))
        out('| `-T svg AFTER` alone, the same files | %s | |' % fmt_s(new_sum))
        out('| diff over rendering NEW alone | | **%.3f** |' % (diff_sum / new_sum))
        out('| `-T mermaid -o DIR/`, the whole corpus in one batch, into a new folder | %s | |'
            % fmt_s(tmer))
        out('| the same, replacing the files of an earlier run | %s | |' % fmt_s(trep))
        out('| batch render of the corpus four times (%d files) | %s | |' % (len(inputs), fmt_s(tr)))
        out('| `--check` of the same files against that output | %s | **%.3f** |' % (fmt_s(tc), tc / tr))
        out()
        summary['ci'] = (diff_sum / new_sum, tmer, tc / tr, len(inputs))

    if a.baseline and files and not a.skip_corpus and '6' in secs:
        base = os.path.join(a.baseline, 'asl-dot')
        gen1000 = os.path.join(tmp, 'gen1000.json')
        with open(gen1000, 'wb') as fh:
            fh.write(subprocess.run([sys.executable, a.gen, '-n', '1000', '--seed', '1'],
                                    capture_output=True, check=True).stdout)
        rows = []
        for what, args in (('the corpus, one batch (%d files)' % len(files), files),
                           ('gen_asl.py -n 1000 --seed 1', [gen1000])):
            tb, tn = [], []
            for k in range(a.runs):
                for side, exe_, acc in (('b', base, tb), ('n', exe, tn)):
                    odir = os.path.join(tmp, 'base-%s-%d-%d' % (side, len(rows), k))
                    acc.append(run([exe_, '-q', '-k', '-T', 'svg', '-o', odir + '/'] + args)[0])
            rows.append((what, statistics.median(tb), statistics.median(tn)))
        # the corpus pictures of the last run, both builds: crossings and edge length
        sys.path.insert(0, HERE)
        import picture_metrics
        pics = {}
        for side in ('b', 'n'):
            odir = os.path.join(tmp, 'base-%s-0-%d' % (side, a.runs - 1))
            c = ln = nf = 0
            for f in sorted(glob.glob(os.path.join(odir, '*.svg'))):
                with open(f, 'rb') as fh:
                    m = picture_metrics.measure(fh.read())
                c += m['crossings']
                ln += m['edge_length']
                nf += 1
            pics[side] = (nf, c, ln)
        out('## 6. This build against the baseline (%s)' % a.baseline)
        out()
        out('| input | baseline | this build | ratio |')
        out('|---|---|---|---|')
        for what, tb, tn in rows:
            out('| %s | %s | %s | **%.3f** |' % (what, fmt_s(tb), fmt_s(tn), tn / tb))
        out()
        out('The corpus pictures (tests/bench/picture_metrics.py, summed over %d files):'
            % pics['n'][0])
        out()
        out('| | baseline | this build |')
        out('|---|---|---|')
        out('| edge crossings | %d | %d |' % (pics['b'][1], pics['n'][1]))
        out('| edge length (points) | %d | %d |' % (pics['b'][2], pics['n'][2]))
        out()
        summary['baseline'] = rows[0][2] / rows[0][1]
        summary['pictures'] = (pics['b'], pics['n'])

    scale = scale_section(a, exe, tmp, out) if '7' in secs else []

    # targets of issue 5, as measured in this run
    checks = []
    if summary.get('baseline') is not None:
        checks.append(('layout work since the baseline, corpus batch render', '<= 1.10',
                       '%.3f' % summary['baseline'], summary['baseline'] <= 1.10))
    if summary.get('pictures') is not None:
        (_, cb, lb), (_, cn, ln) = summary['pictures']
        checks.append(('corpus edge crossings against the baseline', '<= %d' % cb, '%d' % cn,
                       cn <= cb))
        checks.append(('corpus edge length against the baseline', '<= %d' % lb, '%d' % ln,
                       ln <= lb))
    if summary.get('own') is not None:
        checks.append(('asl-dot own work over the Graphviz floor, corpus (sum)', '<= 1.05',
                       '%.3f' % summary['own'], summary['own'] <= 1.05))
    if summary.get('batch') is not None:
        checks.append(('batch (-j 1) over the in-process Graphviz floor (DOT -> graph -> layout -> '
                       'SVG -> freed)', '<= 1.2', '%.2f' % summary['batch'], summary['batch'] <= 1.2))
        checks.append(('batch (-j 1) over the layout and render calls alone', '<= 1.2',
                       '%.2f' % summary['batch_lr'], summary['batch_lr'] <= 1.2))
        checks.append(('batch (-j 2) over the layout and render calls alone', '<= 1.2',
                       '%.2f' % summary['batch_j2_lr'], summary['batch_j2_lr'] <= 1.2))
    for n, ta, td, ma in giants:
        limit = {1000: 0.33, 2000: 0.25}.get(n)
        if limit is not None:
            checks.append(('%d states vs stock dot' % n, '<= %.2f' % limit, '%.3f' % (ta / td),
                           ta / td <= limit))
        checks.append(('%d states peak RSS' % n, '<= 200 MiB', '%.0f MiB' % ma, ma <= 200))
    if summary.get('growth') is not None:
        n1, n2, ka, kd = summary['growth']
        checks.append(('growth %d -> %d states: exponent no worse than stock dot\'s' % (n1, n2),
                       '<= %.2f' % kd, '%.2f' % ka, ka <= kd))
    if summary.get('templates') is not None:
        ratio, tcdk = summary['templates']
        checks.append(('template extraction over the render of the same machines', '<= 0.05',
                       '%.3f' % ratio, ratio <= 0.05))
        checks.append(('list a 50-machine CDK template', '<= 0.1 s', fmt_s(tcdk), tcdk <= 0.1))
    if summary.get('ci') is not None:
        rdiff, tmer, rcheck, ncheck = summary['ci']
        checks.append(('a diff over rendering NEW alone (real pairs)', '<= 1.2', '%.3f' % rdiff,
                       rdiff <= 1.2))
        checks.append(('-T mermaid of the whole corpus in one batch', '<= 0.1 s', fmt_s(tmer),
                       tmer <= 0.1))
        checks.append(('--check over %d definitions over their batch render' % ncheck, '<= 1.2',
                       '%.3f' % rcheck, rcheck <= 1.2))
    by_n = {row['n']: row for row in scale}
    for row in scale:
        checks.append(('%d states: every state drawn' % row['n'], '%d groups' % row['states'],
                       '%d' % row['drawn'], row['drawn'] == row['states']))
    if 1000 in by_n and 4300 in by_n:
        k = math.log(by_n[4300]['t'] / by_n[1000]['t']) / math.log(4.3)
        checks.append(('growth 1000 -> 4300 states (the AWS limit), every state drawn', '<= 1.30',
                       '%.2f' % k, k <= 1.30))
        checks.append(('4300 states peak RSS', '<= 300 MiB', '%.0f MiB' % by_n[4300]['rss'],
                       by_n[4300]['rss'] <= 300))
    if 4300 in by_n and 8000 in by_n:
        r = by_n[8000]['t'] / by_n[4300]['t']
        checks.append(('8000 states over 4300 states', '<= 3.00', '%.2f' % r, r <= 3.0))
    if checks:
        out('## Targets (issues 5, 9, 10, 11 and 14)')
        out()
        out('| target | limit | measured | met |')
        out('|---|---|---|---|')
        for name, limit, got, ok in checks:
            out('| %s | %s | %s | %s |' % (name, limit, got, 'yes' if ok else '**no**'))
        out()
    shutil.rmtree(tmp, ignore_errors=True)
    if a.out:
        with open(a.out, 'w') as fh:
            fh.write('\n'.join(lines) + '\n')


def count_states(node):
    n = 0
    for st in (node.get('States') or {}).values():
        n += 1
        for b in st.get('Branches') or []:
            n += count_states(b)
        for k in ('Iterator', 'ItemProcessor'):
            if isinstance(st.get(k), dict):
                n += count_states(st[k])
    return n


def scale_section(a, exe, tmp, out):
    """Section 7: up to and past AWS's 1 MB limit, every state drawn. Returns one dict per size."""
    import json
    sys.path.insert(0, HERE)
    import picture_metrics
    sizes = [int(s) for s in a.scale_sizes.split(',') if s]
    if not sizes:
        return []
    if not os.path.exists(a.gen):
        out('(section 7 skipped: %s not found; pass --gen)' % a.gen)
        return []
    base = os.path.join(a.baseline, 'asl-dot') if a.baseline else None
    rows = []
    for n in sizes:
        src = os.path.join(tmp, 'scale%d.json' % n)
        with open(src, 'w') as fh:
            subprocess.run([sys.executable, a.gen, '-n', str(n), '--seed', '1'], stdout=fh, check=True)
        with open(src) as fh:
            doc = json.load(fh)
        minified = len(json.dumps(doc, separators=(',', ':'), ensure_ascii=False).encode())
        row = {'n': n, 'states': count_states(doc), 'bytes': minified}
        sides = [('t', exe)] + ([('bt', base)] if base else [])
        times = {k: [] for k, _ in sides}
        rss = {k: 0.0 for k, _ in sides}
        runs = a.runs if n <= 1000 else max(3, a.runs // 2 + 1)
        for k in range(runs):
            for key, exe_ in sides:
                svg = os.path.join(tmp, 'scale%d-%s.svg' % (n, key))
                t, m = run([exe_, '-q', '-k', '--collapse=none', '-T', 'svg', '-o', svg, src])
                times[key].append(t)
                rss[key] = max(rss[key], m)
        for key, _ in sides:
            row[key] = statistics.median(times[key])
            row[key.replace('t', 'rss')] = rss[key]
            with open(os.path.join(tmp, 'scale%d-%s.svg' % (n, key)), 'rb') as fh:
                data = fh.read()
            row[key.replace('t', 'pic')] = picture_metrics.measure(data)
            if key == 't':
                row['drawn'] = data.count(b'class="node state') + data.count(b'class="cluster state')
        rows.append(row)
    out('## 7. Up to the AWS limit and past it (gen_asl.py --seed 1, every state drawn)')
    out()
    out('`asl-dot -k --collapse=none -T svg`; the definition size is its minified JSON; crossings '
        'and edge length (points) from tests/bench/picture_metrics.py.')
    out()
    head = '| states | minified | asl-dot -T svg | peak RSS | drawn | crossings | edge length |'
    rule = '|---|---|---|---|---|---|---|'
    if base:
        head += ' baseline | baseline RSS | baseline crossings | baseline edge length |'
        rule += '---|---|---|---|'
    out(head)
    out(rule)
    for r in rows:
        line = '| %d | %.2f MB | %s | %.0f MiB | %d / %d | %d | %d |' % (
            r['n'], r['bytes'] / 1e6, fmt_s(r['t']), r['rss'], r['drawn'], r['states'],
            r['pic']['crossings'], r['pic']['edge_length'])
        if base:
            line += ' %s | %.0f MiB | %d | %d |' % (fmt_s(r['bt']), r['brss'], r['bpic']['crossings'],
                                                 r['bpic']['edge_length'])
        out(line)
    out()
    if len(rows) > 1:
        out('| sizes | growth exponent (time ~ states^k) |' + (' baseline |' if base else ''))
        out('|---|---|' + ('---|' if base else ''))
        for r1, r2 in zip(rows, rows[1:]):
            f = math.log(r2['n'] / r1['n'])
            line = '| %d -> %d | %.2f |' % (r1['n'], r2['n'], math.log(r2['t'] / r1['t']) / f)
            if base:
                line += ' %.2f |' % (math.log(r2['bt'] / r1['bt']) / f)
            out(line)
        out()
    return rows


if __name__ == '__main__':
    main()
