#!/usr/bin/env python3
"""Reproducible selection of corpus articles for hand labelling (issue 8).

Round 1 is stratified by enforcement-keyword use and by the corpus `topic` field.
Keyword use is counted with the corpus builder's own patterns (see
shared/corpus/build_corpus.py); counting only decides which articles are *read*,
never what their label is.

Round 2 ("local") adds articles not chosen in round 1 that name a US city of
100,000+ people (gazetteer) in the title or first 600 characters and use an
enforcement keyword: ABP is national-heavy, and focus-city training needs local
stories. All with 2+ keyword occurrences, plus a random 100 with one.

Round 3 ("uncertainty") reads the first model's relevance scores for every article
not yet labelled (`beatwatch classify --input` output) and takes the N whose
calibrated probability is closest to 0.5: the articles the model is least sure about.

Round 4 ("smaller places") adds, of the articles still unread, every one that names a US
city of 25,000+ in the title or first 600 characters and has 2+ keyword occurrences, and a
topic-stratified N of the remaining medium (3-7 occurrences) stratum.

Usage:
  python3 models/labels/select_articles.py CORPUS.jsonl OUT_IDS.tsv [--seed N]
  python3 models/labels/select_articles.py CORPUS.jsonl OUT_IDS.tsv --round 2 \
      --exclude models/labels/round1_selection.tsv --gazetteer GAZETTEER.tsv
  python3 models/labels/select_articles.py CORPUS.jsonl OUT_IDS.tsv --round 3 \\
      --scores SCORES.jsonl --n 200 --seed 20261130
  python3 models/labels/select_articles.py CORPUS.jsonl OUT_IDS.tsv --round 4 --n 100 \\
      --exclude r1.tsv,r2.tsv,r3.tsv --gazetteer GAZETTEER.tsv --seed 20261201
Output: one row per selected id: id, stratum, topic, keyword_occurrences, double_coded.
"""
import argparse
import json
import random
import re

_I = re.IGNORECASE
PATTERNS = [
    re.compile(r"\bICE\b"),
    re.compile(r"\bImmigration\s+and\s+Customs\s+Enforcement\b", _I),
    re.compile(r"\bdeport", _I),
    re.compile(r"\bdetention\s+cent(?:er|re)s?\b", _I),
    re.compile(r"\bdetainees?\b", _I),
    re.compile(r"\bsanctuar(?:y|ies)\b", _I),
    re.compile(r"\bBorder\s+Patrol", _I),
    re.compile(r"\bCBP\b"),
    re.compile(r"\basylum", _I),
    re.compile(r"\bundocumented\b", _I),
    re.compile(r"\billegal\s+immigra", _I),
    re.compile(r"\bmigrants?\b", _I),
    re.compile(r"\b287\s*\(\s*g\s*\)", _I),
    re.compile(r"\bdetainers?\b", _I),
    re.compile(r"\braid(?:s|ed|ing)?\b", _I),
]
NEAR_TOPICS = {"immigration", "homeland_security", "mexico"}

# (stratum, how many to draw); "heavy" is taken whole.
PLAN = [("heavy", None), ("medium", 380), ("light", 230), ("topic_only", 100), ("other", 150)]
HEAVY_MIN = 8  # keyword occurrences in title+text
MEDIUM_MIN = 3


def stratum(occ, topic):
    if occ >= HEAVY_MIN:
        return "heavy"
    if occ >= MEDIUM_MIN:
        return "medium"
    if occ >= 1:
        return "light"
    return "topic_only" if topic in NEAR_TOPICS else "other"


def topic_stratified(rows, n, rng):
    """Systematic sample over rows sorted by (topic, random key): proportional per topic."""
    keyed = sorted(rows, key=lambda r: (r["topic"], rng.random()))
    if n >= len(keyed):
        return keyed
    step = len(keyed) / n
    start = rng.random() * step
    return [keyed[int(start + i * step)] for i in range(n)]


# Big-city names that are mostly other words or people in news text.
AMBIGUOUS_CITY_NAMES = {"Columbia", "Independence", "Lafayette", "Victoria", "Surprise", "Lincoln",
                        "Jackson", "Washington", "Fargo", "Irving", "Lancaster", "Pearland"}


def round2(args, rng, rows):
    import csv
    with open(args.exclude, encoding="utf-8") as f:
        taken = {r["id"] for r in csv.DictReader(f, delimiter="\t")}
    with open(args.gazetteer, encoding="utf-8") as f:
        names = {r["name"] for r in csv.DictReader(f, delimiter="\t") if int(r["population"]) >= 100000}
    names -= AMBIGUOUS_CITY_NAMES
    city = re.compile(r"\b(" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")\b")
    pool = [r for r in rows if r["id"] not in taken and r["occ"] >= 1 and city.search(r["lead"])]
    many = [r for r in pool if r["occ"] >= 2]
    one = [r for r in pool if r["occ"] == 1]
    pick = [("local", r) for r in many] + [("local_one_keyword", r) for r in rng.sample(one, min(100, len(one)))]
    print(f"local: {len(many)} with 2+ keywords, {min(100, len(one))} of {len(one)} with one")
    return sorted(pick, key=lambda x: x[1]["id"])


def round3(args, rng, rows):
    by_id = {r["id"]: r for r in rows}
    scored = []
    with open(args.scores, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d.get("id") in by_id and isinstance(d.get("relevance_score"), (int, float)):
                scored.append((abs(d["relevance_score"] - 0.5), d["id"]))
    scored.sort()
    pick = [("uncertain", by_id[i]) for _, i in scored[: args.n]]
    print(f"uncertain: {len(pick)} of {len(scored)} scored (max distance from 0.5: {scored[args.n - 1][0]:.3f})")
    return sorted(pick, key=lambda x: x[1]["id"])


def round4(args, rng, rows):
    """Local stories in smaller cities (25,000+), and more of the relevance borderline."""
    import csv
    taken = set()
    for path in args.exclude.split(","):
        with open(path, encoding="utf-8") as f:
            taken |= {r["id"] for r in csv.DictReader(f, delimiter="\t")}
    with open(args.gazetteer, encoding="utf-8") as f:
        names = {r["name"] for r in csv.DictReader(f, delimiter="\t") if int(r["population"]) >= 25000}
    names -= AMBIGUOUS_CITY_NAMES
    city = re.compile(r"\b(" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")\b")
    free = [r for r in rows if r["id"] not in taken]
    local = [r for r in free if r["occ"] >= 2 and city.search(r["lead"])]
    local_ids = {r["id"] for r in local}
    medium = [r for r in free if r["id"] not in local_ids and MEDIUM_MIN <= r["occ"] < HEAVY_MIN]
    extra = topic_stratified(medium, min(args.n, len(medium)), rng)
    print(f"local (25,000+): {len(local)}; medium: {len(extra)} of {len(medium)}")
    pick = [("local_small", r) for r in local] + [("medium", r) for r in extra]
    return sorted(pick, key=lambda x: x[1]["id"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=20261128)
    ap.add_argument("--double-share", type=float, default=0.10)
    ap.add_argument("--round", type=int, default=1)
    ap.add_argument("--exclude")
    ap.add_argument("--gazetteer")
    ap.add_argument("--scores")
    ap.add_argument("--n", type=int, default=200)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    by_stratum = {}
    with open(args.corpus, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            blob = d["title"] + "\n" + d["text"]
            occ = sum(len(p.findall(blob)) for p in PATTERNS)
            row = {"id": d["id"], "topic": d["topic"], "occ": occ, "lead": d["title"] + " " + d["text"][:600]}
            by_stratum.setdefault(stratum(occ, d["topic"]), []).append(row)
    for rows in by_stratum.values():
        rows.sort(key=lambda r: r["id"])
    if args.round == 4:
        every = sorted((r for rows in by_stratum.values() for r in rows), key=lambda r: r["id"])
        chosen = round4(args, rng, every)
    elif args.round == 3:
        every = [r for rows in by_stratum.values() for r in rows]
        chosen = round3(args, rng, every)
    elif args.round == 2:
        every = sorted((r for rows in by_stratum.values() for r in rows), key=lambda r: r["id"])
        chosen = round2(args, rng, every)
    else:
        chosen = []
        for name, n in PLAN:
            rows = by_stratum.get(name, [])
            pick = rows if n is None else topic_stratified(rows, n, rng)
            print(f"{name}: {len(pick)} of {len(rows)}")
            chosen += [(name, r) for r in pick]
        chosen.sort(key=lambda x: x[1]["id"])
    double = set(rng.sample(range(len(chosen)), round(len(chosen) * args.double_share)))
    with open(args.out, "w", encoding="utf-8") as out:
        out.write("id\tstratum\ttopic\tkeyword_occurrences\tdouble_coded\n")
        for i, (name, r) in enumerate(chosen):
            out.write(f"{r['id']}\t{name}\t{r['topic']}\t{r['occ']}\t{int(i in double)}\n")
    print(f"total {len(chosen)}, double-coded {len(double)}")


if __name__ == "__main__":
    main()
