"""Builds and checks the SymKl test corpus.

Each document is written below as prose plus equation chains. For every step the chain carries the
LaTeX of its right-hand side, a Python function computing that side at a random point, and whether the
step is right or deliberately wrong. Running this script
  1. renders every document to NAME.md and its expectations to NAME.expect.json, and
  2. checks every step numerically: a right step must agree at every sample point, a wrong step must
     differ at a quarter of them or more (so it is wrong on a set of positive measure, such as x < mu for
     sqrt((x - mu)^2) = x - mu, and not only at a lucky point).
Run it with a Python that has scipy (Debian: python3-scipy). Exit code 1 if any check fails.

NAME.expect.json:
  {"document": "NAME.md", "topic": "...",
   "steps": [{"line": L, "column": C, "rhs": "...", "relation": "=", "expect": "right"|"wrong",
              "provable": true?, "mistake": "..."?}],
   "wrong": [L, ...]}
line/column are those of the first character of the step's right-hand side (1-based), as in the JSON
report. "wrong" steps must be refuted; "right" steps must not be; "provable" right steps are plain
algebra the kernel should prove.
"""
import json
import math
import os
import random
import sys
from math import exp, log, pi, sqrt

import warnings

from scipy.integrate import IntegrationWarning, quad

warnings.filterwarnings("ignore", category=IntegrationWarning)

HERE = os.path.dirname(os.path.abspath(__file__))


class World:
    """One random point: real symbols, positive symbols, probabilities, integers, small distributions."""

    def __init__(self, rng):
        for n in ["mu", "mu1", "mu2", "x", "y", "t", "m", "w"]:
            setattr(self, n, rng.uniform(-2.0, 2.0))
        for n in ["s", "s1", "s2", "a", "b", "c", "lam", "lam1", "lam2", "u", "v", "k", "al", "be", "pxz", "pz", "qz"]:
            setattr(self, n, rng.uniform(0.3, 2.5))
        for n in ["pa", "pb", "y01"]:
            setattr(self, n, rng.uniform(0.05, 0.95))
        self.r = rng.choice([rng.uniform(0.2, 0.9), rng.uniform(1.1, 2.0)])
        self.n = rng.randint(2, 9)
        self.D = 3
        self.muv = [rng.uniform(-2, 2) for _ in range(self.D)]
        self.sv = [rng.uniform(0.3, 2.5) for _ in range(self.D)]
        self.xv = [rng.uniform(-2, 2) for _ in range(4)]
        K = 4
        p = [rng.uniform(0.1, 1.0) for _ in range(K)]
        q = [rng.uniform(0.1, 1.0) for _ in range(K)]
        self.p = [v / sum(p) for v in p]
        self.q = [v / sum(q) for v in q]


def EN(f, mu, s):
    """E[f(z)] for z ~ N(mu, s^2), by quadrature."""
    g = lambda z: f(z) * exp(-(z - mu) ** 2 / (2 * s * s)) / sqrt(2 * pi * s * s)
    return quad(g, mu - 14 * s, mu + 14 * s, limit=400, epsabs=1e-13, epsrel=1e-12)[0]


def EX(f, lam):
    """E[f(z)] for z ~ Exponential(rate lam)."""
    return quad(lambda z: f(z) * lam * exp(-lam * z), 0, math.inf, limit=400, epsabs=1e-13, epsrel=1e-12)[0]


def sig(t):
    return 1.0 / (1.0 + exp(-t))


class Doc:
    def __init__(self, name, topic):
        self.name = name
        self.topic = topic
        self.lines = []
        self.steps = []      # dicts for the sidecar
        self.checks = []     # (prev_fn, fn, ok, relation, label)
        self.last = None     # function of the last expression of the last chain
        self.crlf = False
        self.bom = False

    # ---- prose
    def text(self, *lines):
        for l in lines:
            self.lines.extend(l.split("\n"))
        return self

    def blank(self):
        self.lines.append("")
        return self

    # ---- math
    def _record(self, line_index, rhs, ok, provable, mistake, relation, prev_fn, fn, search_from=0):
        line = self.lines[line_index]
        col = line.index(rhs, search_from) + 1
        entry = {"line": line_index + 1, "column": col, "rhs": rhs, "relation": relation, "expect": "right" if ok else "wrong"}
        if ok and provable:
            entry["provable"] = True
        if not ok:
            entry["mistake"] = mistake or ""
        self.steps.append(entry)
        self.checks.append((prev_fn, fn, ok, relation, f"{self.name}.md:{line_index + 1}:{col}"))
        return col + len(rhs) - 1

    def chain(self, style, lhs, lhs_fn, steps, rel="="):
        """steps: list of (rhs, fn, ok[, provable[, mistake]]). style: align, aligned, split, bracket, fence,
        plain, oneline, lines, inline, alignnum."""
        steps = [self._norm(s) for s in steps]
        self._emit(style, lhs, lhs_fn, steps, rel, continued=False)
        return self

    def cont(self, style, steps, rel="="):
        """Continues the previous chain in a new display that starts with '&=' (or '=')."""
        steps = [self._norm(s) for s in steps]
        self._emit(style, None, self.last, steps, rel, continued=True)
        return self

    @staticmethod
    def _norm(s):
        rhs, fn, ok = s[0], s[1], s[2]
        provable = s[3] if len(s) > 3 else False
        mistake = s[4] if len(s) > 4 else None
        return rhs, fn, ok, provable, mistake

    def _emit(self, style, lhs, lhs_fn, steps, rel, continued):
        amp = {"align": True, "aligned": True, "split": True, "bracket": True, "fence": True, "alignnum": True}.get(style, False)
        op = ("&" if amp else "") + rel
        rows = []
        for i, (rhs, *_rest) in enumerate(steps):
            if i == 0 and not continued:
                rows.append(f"{lhs} {op} {rhs}")
            else:
                rows.append(f"{op} {rhs}")
        prev = lhs_fn
        if style in ("oneline", "inline"):
            body = " ".join([lhs + f" {rel} " + steps[0][0]] + [f"{rel} {s[0]}" for s in steps[1:]]) if not continued else " ".join(f"{rel} {s[0]}" for s in steps)
            if style == "oneline":
                line = f"$$ {body} $$"
            else:
                line = self._inline_prefix + f"${body}$" + self._inline_suffix
            self.lines.append(line)
            idx = len(self.lines) - 1
            pos = line.index(lhs) + len(lhs) if lhs else 0
            for rhs, fn, ok, provable, mistake in steps:
                end = self._record(idx, rhs, ok, provable, mistake, rel, prev, fn, pos)
                pos = end
                prev = fn
            self.last = prev
            return
        env = {"align": "align*", "aligned": "aligned", "split": "split", "bracket": "aligned", "alignnum": "align"}.get(style)
        out = []
        if style in ("align", "split", "alignnum"):
            out += ["$$", "\\begin{" + env + "}"]
        elif style == "aligned":
            out += ["$$\\begin{aligned}"]
        elif style == "bracket":
            out += ["\\[", "\\begin{aligned}"]
        elif style == "fence":
            out += ["```math"]
        elif style == "plain":
            out += ["$$"]
        first_row = len(self.lines) + len(out)
        if style == "lines":
            out = [f"$${r}$$" for r in rows]
            first_row = len(self.lines)
        else:
            out += [r + (" \\\\" if i < len(rows) - 1 else "") for i, r in enumerate(rows)]
        if style in ("align", "split", "alignnum"):
            out += ["\\end{" + env + "}", "$$"]
        elif style == "aligned":
            out[-1] = out[-1] + ""
            out += ["\\end{aligned}$$"]
        elif style == "bracket":
            out += ["\\end{aligned}", "\\]"]
        elif style == "fence":
            out += ["```"]
        elif style == "plain":
            out += ["$$"]
        self.lines.extend(out)
        for i, (rhs, fn, ok, provable, mistake) in enumerate(steps):
            idx = first_row + i
            line = self.lines[idx]
            start = line.index(op, len(lhs) if (i == 0 and not continued) else 0) + len(op)
            self._record(idx, rhs, ok, provable, mistake, rel, prev, fn, start)
            prev = fn
        self.last = prev

    _inline_prefix = ""
    _inline_suffix = ""

    def inline(self, prefix, lhs, lhs_fn, steps, suffix, rel="="):
        self._inline_prefix, self._inline_suffix = prefix, suffix
        self.chain("inline", lhs, lhs_fn, steps, rel)
        return self

    def raw(self, line, lhs, lhs_fn, steps, rel="="):
        """A line written by hand (damaged text, odd layouts): its steps are found in order after lhs."""
        self.lines.append(line)
        idx = len(self.lines) - 1
        pos = line.index(lhs) + len(lhs)
        prev = lhs_fn
        for s in steps:
            rhs, fn, ok, provable, mistake = self._norm(s)
            pos = self._record(idx, rhs, ok, provable, mistake, rel, prev, fn, pos)
            prev = fn
        self.last = prev
        return self

    def gather(self, eqs, env="gather*"):
        """Independent equations, one per row: (lhs, lhs_fn, rhs, fn, ok[, provable[, mistake]])."""
        self.lines += ["$$", "\\begin{" + env + "}"]
        for i, e in enumerate(eqs):
            lhs, lhs_fn, rhs, fn, ok = e[:5]
            provable = e[5] if len(e) > 5 else False
            mistake = e[6] if len(e) > 6 else None
            self.lines.append(f"{lhs} = {rhs}" + (" \\\\" if i < len(eqs) - 1 else ""))
            idx = len(self.lines) - 1
            self._record(idx, rhs, ok, provable, mistake, "=", lhs_fn, fn, len(lhs) + 1)
        self.lines += ["\\end{" + env + "}", "$$"]
        return self

    # ---- output
    def write(self):
        nl = "\r\n" if self.crlf else "\n"
        text = nl.join(self.lines) + nl
        data = text.encode("utf-8")
        if self.bom:
            data = b"\xef\xbb\xbf" + data
        with open(os.path.join(HERE, self.name + ".md"), "wb") as f:
            f.write(data)
        expect = {
            "document": self.name + ".md",
            "topic": self.topic,
            "steps": self.steps,
            "wrong": sorted({s["line"] for s in self.steps if s["expect"] == "wrong"}),
        }
        with open(os.path.join(HERE, self.name + ".expect.json"), "w", encoding="utf-8", newline="\n") as f:
            json.dump(expect, f, indent=2, ensure_ascii=False)
            f.write("\n")


def run_checks(doc, points=40):
    failures = []
    for n, (prev, fn, ok, rel, label) in enumerate(doc.checks):
        rng = random.Random(hash((doc.name, n)) & 0xFFFFFFFF)
        rng = random.Random(f"{doc.name}/{n}")
        valid = bad = 0
        worst = 0.0
        for _ in range(points):
            w = World(rng)
            try:
                l = prev(w)
                r = fn(w)
            except (ValueError, ZeroDivisionError, OverflowError):
                continue
            if isinstance(l, complex) or isinstance(r, complex) or math.isnan(l) or math.isnan(r):
                continue
            valid += 1
            if rel == "=":
                d = abs(l - r) / (1 + abs(l) + abs(r))
                worst = max(worst, d)
                if d > 1e-6:
                    bad += 1
            elif rel in ("\\geq", "\\ge"):
                if l < r - 1e-9 * (1 + abs(l) + abs(r)):
                    bad += 1
            elif rel in ("\\leq", "\\le"):
                if l > r + 1e-9 * (1 + abs(l) + abs(r)):
                    bad += 1
            elif rel == "\\neq":
                if abs(l - r) <= 1e-9 * (1 + abs(l) + abs(r)):
                    bad += 1
        if valid < points * 0.6:
            failures.append(f"{label}: only {valid} valid points")
        elif ok and bad > 0:
            failures.append(f"{label}: right step differs at {bad}/{valid} points (worst {worst:.3g})")
        elif not ok and rel == "=" and bad < valid * 0.25:
            failures.append(f"{label}: wrong step differs at only {bad}/{valid} points")
        elif not ok and rel != "=" and bad < valid * 0.2:
            failures.append(f"{label}: wrong inequality fails at only {bad}/{valid} points")
    return failures


def main():
    import corpus_docs
    docs = corpus_docs.build()
    names = set()
    all_failures = []
    total_wrong = 0
    for d in docs:
        assert d.name not in names, d.name
        names.add(d.name)
        d.write()
        f = run_checks(d)
        all_failures += f
        wrong = sum(1 for s in d.steps if s["expect"] == "wrong")
        total_wrong += wrong
        print(f"{d.name:40s} steps {len(d.steps):3d}  wrong {wrong:2d}  {'OK' if not f else 'FAIL'}")
    for f in all_failures:
        print("FAIL", f)
    print(f"{len(docs)} documents, {sum(len(d.steps) for d in docs)} steps, {total_wrong} wrong")
    return 1 if all_failures else 0


if __name__ == "__main__":
    sys.path.insert(0, HERE)
    sys.exit(main())
