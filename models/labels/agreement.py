#!/usr/bin/env python3
"""Inter-reader agreement of a double-coding file (two lines per id, two coders).

Usage: python3 models/labels/agreement.py models/labels/abp_double.jsonl
Prints Cohen's kappa for relevance, per-theme agreement F1 (reader 1 as reference,
over all double-coded articles), micro F1 for focus cities and focus states.
"""
import json
import sys
from collections import defaultdict

THEMES = ["arrests-raids", "detention", "deportation", "sanctuary-cooperation",
          "border", "courts-legal", "policy-politics", "community-impact"]


def f1(a_sets, b_sets):
    tp = sum(len(a & b) for a, b in zip(a_sets, b_sets))
    na = sum(len(a) for a in a_sets)
    nb = sum(len(b) for b in b_sets)
    return (2 * tp / (na + nb)) if na + nb else float("nan"), tp, na, nb


def main(path):
    by_id = defaultdict(list)
    for line in open(path, encoding="utf-8"):
        if line.strip():
            d = json.loads(line)
            by_id[d["id"]].append(d)
    pairs = [v[:2] for v in by_id.values() if len(v) >= 2]
    n = len(pairs)
    a = [p[0]["relevant"] for p in pairs]
    b = [p[1]["relevant"] for p in pairs]
    po = sum(x == y for x, y in zip(a, b)) / n
    pa, pb = sum(a) / n, sum(b) / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    kappa = (po - pe) / (1 - pe) if pe < 1 else 1.0
    print(f"double-coded articles: {n}")
    print(f"relevance: raw agreement {po:.3f}, Cohen's kappa {kappa:.3f}  (reader 1: {sum(a)} relevant, reader 2: {sum(b)})")
    macro = []
    for t in THEMES:
        score, tp, na, nb = f1([{t} & set(p[0]["themes"]) for p in pairs], [{t} & set(p[1]["themes"]) for p in pairs])
        macro.append(score)
        print(f"theme {t:22s} agreement F1 {score:.3f}  (reader 1: {na}, reader 2: {nb}, both: {tp})")
    micro, tp, na, nb = f1([set(p[0]["themes"]) for p in pairs], [set(p[1]["themes"]) for p in pairs])
    print(f"themes micro F1 {micro:.3f}, macro F1 {sum(macro) / len(macro):.3f}")
    for field in ("cities", "states"):
        score, tp, na, nb = f1([set(p[0][field]) for p in pairs], [set(p[1][field]) for p in pairs])
        print(f"{field:6s} agreement F1 {score:.3f}  (reader 1: {na}, reader 2: {nb}, both: {tp})")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "models/labels/abp_double.jsonl")
