#!/usr/bin/python3
"""docs/accuracy.md: SymKl (`symkl kl`, the careful scalar methods behind Kl.Divergence) and torch.distributions
against the 80-digit references of tests/data/kl-references.tsv, per pair and point class.

Run from the repository root after `dotnet build tools/SymKl.Cli -c Release`, with Debian's python3-mpmath and
python3-torch:  /usr/bin/python3 tools/references/accuracy_report.py
"""
import json, math, os, subprocess, sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), '..', '..'))
SYMKL = os.path.join(ROOT, 'tools', 'SymKl.Cli', 'bin', 'Release', 'net10.0', 'symkl.dll')
ROUNDING = 1e-14     # differences below this are the rounding of the special functions, not of the form
NEAR_FLOOR = 1e-15   # as in tests/SymKl.Runtime.Tests/Kl/ReferenceTableTests.cs
CLASSES = ['ordinary', 'near', 'extreme', 'far', 'infinite', 'overflow']

try:
    import torch
    from torch import distributions as D
    torch.set_default_dtype(torch.float64)
except ImportError:
    torch = None

def rows():
    for line in open(os.path.join(ROOT, 'tests', 'data', 'kl-references.tsv')):
        if line.startswith('#'): continue
        m, args, p, q, cls, ref = line.rstrip('\n').split('\t')
        yield m, p, q, cls, (math.inf if ref == 'Infinity' else float(ref))

def symkl_all(data):
    """Every pair through one `symkl kl --pairs -` (one JSON line each)."""
    lines = ''.join(f'{p}\t{q}\n' for _, p, q, _, _ in data)
    r = subprocess.run(['dotnet', SYMKL, 'kl', '--pairs', '-', '--format', 'json'], input=lines, capture_output=True, text=True)
    if r.returncode != 0: raise SystemExit('symkl kl failed: ' + r.stderr)
    values = []
    for line in r.stdout.splitlines():
        v = json.loads(line)['value']
        values.append(math.inf if v == 'Infinity' else float(v))
    if len(values) != len(data): raise SystemExit(f'{len(values)} values for {len(data)} pairs')
    return values

def torch_value(p, q):
    if torch is None: return None
    def make(text):
        name, rest = text.split('(', 1)
        args = [float(a) for a in rest.rstrip(')').split(',')]
        return getattr(D, name)(*[torch.tensor(a) for a in args], validate_args=False)
    try:
        return float(D.kl_divergence(make(p), make(q)))
    except NotImplementedError:
        return None

def error(cls, ref, v):
    if ref == 0: return abs(v)
    return abs(v - ref) / (max(ref, NEAR_FLOOR) if cls == 'near' else ref)

class Stats:
    def __init__(self): self.n = 0; self.max = 0.0; self.nan = 0; self.neg = 0; self.inf = 0
    def add(self, cls, ref, v):
        self.n += 1
        if math.isnan(v): self.nan += 1; return
        if v < 0: self.neg += 1
        if math.isinf(ref) or math.isinf(v):
            if math.isinf(ref) != math.isinf(v): self.inf += 1
            return
        self.max = max(self.max, error(cls, ref, v))
    def cell(self):
        if self.n == 0: return ''
        bad = ', '.join(f'{c} {k}' for c, k in ((self.nan, 'NaN'), (self.neg, 'neg'), (self.inf, 'wrong ∞')) if c)
        return f'{self.max:.1e}' + (f' ({bad})' if bad else '')

def main():
    data = list(rows())
    ours = symkl_all(data)
    theirs = [torch_value(r[1], r[2]) for r in data]
    pairs = {}
    for (m, p, q, cls, ref), v, t in zip(data, ours, theirs):
        s = pairs.setdefault(m, {c: (Stats(), Stats()) for c in CLASSES})
        s[cls][0].add(cls, ref, v)
        if t is not None: s[cls][1].add(cls, ref, t)
    out = ['# Accuracy of the KL divergences', '',
           'Every scalar pair against 80-digit references (mpmath) at the points of `tests/data/kl-references.tsv`,',
           'written by `tools/references/kl_references.py` (which also checks each closed form by numerical integration).',
           'Cells give the largest relative error of the class, then the count of NaN, negative and wrong-infinity',
           'results when there are any; "SymKl" is `Kl.Divergence` (the careful generated methods; the span methods give',
           'the same values, which the tests check), "torch" is `torch.distributions.kl_divergence` in float64 on the same',
           'points (blank where torch has no formula for the pair). Regenerate with',
           '`/usr/bin/python3 tools/references/accuracy_report.py` after building tools/SymKl.Cli.', '',
           'Point classes: *ordinary* (moderate parameters), *near* (q within a relative 1e-3 … 1e-12 of p, for the pairs',
           'where q can equal p), *extreme* (one parameter at a time at 1e-8 or 1e8 for scales and rates, 1e-3 or 1e3 for',
           'shapes, 1e-12 or 1 − 1e-12 for probabilities, ±1e8 for locations, 1000 trials), *far* (every location',
           'shifted by 1e8), *infinite* (disjoint supports, missing moments: +∞ expected), *overflow* (finite but',
           'beyond the double range: +∞ expected).', '',
           'Criterion (asserted by `ReferenceTableTests`): relative error at most 1e-12 at ordinary and near points and',
           '1e-9 at the others; 0 NaN, 0 negative values, 0 wrong infinities. At near points the error is divided by',
           f'max(KL, {NEAR_FLOOR:g}) rather than KL: a divergence of 1e-24 between laws 1e-12 apart is judged by an absolute',
           'error of 1e-27, far below the rounding of its terms (of size 1), instead of by a relative error that the',
           'parameters\' own rounding (half an ulp each) already exceeds.', '',
           'The Fast twins (`MFast`: the verified result computed as written) are not in this table. They have their own,',
           'looser bounds, asserted by `FastTwinTableTests` on the same points: no NaN (where the written form is 0·∞ or',
           '∞ − ∞ they return the careful value, and they give 0·log 0 = 0 where p₁ = 1), +∞ exactly where the divergence',
           'is infinite or beyond the double range, and |value − KL| ≤ B·max(1, KL) with B = 1e-12 at ordinary points,',
           '1e-10 near p = q (terms of size 1 round to ±1e-16 there, so a tiny divergence may come out slightly negative)',
           'and 1e-8 at the extremes and far from 0.', '',
           'Pairs written by hand in the runtime (the continuous Bernoulli and its cross pairs, Cauchy, Bernoulli ‖',
           'Poisson) are checked the same way, and the pairs that are +∞ for every parameter (rows named after both',
           'families, such as NormalExponential) and binomials with different numbers of trials (BinomialTrials) appear',
           'as infinite points.', '']
    counts = {c: sum(1 for r in data if r[3] == c) for c in CLASSES}
    out.append(f'{len(data)} points: ' + ', '.join(f'{counts[c]} {c}' for c in CLASSES) + '.')
    out.append('')
    out.append('| pair | points | ' + ' | '.join(f'{c}: SymKl | torch' for c in CLASSES) + ' |')
    out.append('|---|---:|' + '---|---|' * len(CLASSES))
    for m in sorted(pairs):
        s = pairs[m]
        n = sum(s[c][0].n for c in CLASSES)
        out.append(f'| {m} | {n} | ' + ' | '.join(f'{s[c][0].cell()} | {s[c][1].cell()}' for c in CLASSES) + ' |')
    def bad(st): return st.nan + st.neg + st.inf
    def behind(a, b): return a.max > b.max or bad(a) > bad(b)
    compared = [(m, c, s[c][0], s[c][1]) for m, s in sorted(pairs.items()) for c in CLASSES if s[c][1].n]
    worse = [f'{m} ({c}: {a.max:.1e} against {b.max:.1e})' for m, c, a, b in compared if behind(a, b) and (a.max > ROUNDING or bad(a))]
    ties = sum(1 for m, c, a, b in compared if behind(a, b) and a.max <= ROUNDING and not bad(a))
    out += ['', f'Of the {len(compared)} classes where torch has the pair, SymKl\'s largest error is above torch\'s and above {ROUNDING:g} in '
            f'{len(worse)}: ' + ('; '.join(worse) + '.' if worse else 'none.'),
            f'In {ties} more it is above torch\'s but below {ROUNDING:g}: a few units in the last place of lgamma, digamma and log.']
    if torch is None: out += ['', 'torch was not installed when this file was written: its columns are empty.']
    open(os.path.join(ROOT, 'docs', 'accuracy.md'), 'w').write('\n'.join(out) + '\n')
    print('wrote docs/accuracy.md')

if __name__ == '__main__':
    main()
