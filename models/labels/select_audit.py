#!/usr/bin/env python3
"""Round 5 ("audit"): chooses labelled articles to be read again, blind, by a new reader.

A model may choose which articles get read next (GUIDELINES.md); here the out-of-fold
predictions of `beatwatch eval classify --predictions FILE` choose, among articles read by one
reader only, those whose label the cross-validated model disagrees with (relevance; focus
cities of relevant articles; the two weakest themes), plus a random control sample of articles
where model and label agree, so the error rate of single reads can be compared between the two
groups. The new reader sees neither the old label nor the model's output.

  python3 models/labels/select_audit.py PREDICTIONS.jsonl OUT.tsv --control 81 --seed 20261202
"""
import argparse, json, random

HERE = "models/labels"
WEAK_THEMES = ("arrests-raids", "community-impact")


def reason(p):
    if p["relevant"] != p["label_relevant"]:
        return "relevance"
    if not p["label_relevant"]:
        return None
    if set(p["cities"]) != set(p["label_cities"]):
        return "cities"
    if any((t in p["themes"]) != (t in p["label_themes"]) for t in WEAK_THEMES):
        return "themes"
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("predictions")
    ap.add_argument("out")
    ap.add_argument("--control", type=int, default=81)
    ap.add_argument("--seed", type=int, default=20261202)
    args = ap.parse_args()
    read_twice = set()
    for f in ("abp_double.jsonl", "abp_unsure_second_reads.jsonl"):
        with open(f"{HERE}/{f}", encoding="utf-8") as fh:
            read_twice.update(json.loads(l)["id"] for l in fh if l.strip())
    with open(args.predictions, encoding="utf-8") as fh:
        preds = [json.loads(l) for l in fh if l.strip()]
    once = sorted((p for p in preds if p["id"] not in read_twice), key=lambda p: p["id"])
    chosen = [(p["id"], r) for p in once if (r := reason(p))]
    agree = [p["id"] for p in once if reason(p) is None]
    rng = random.Random(args.seed)
    chosen += [(i, "control") for i in rng.sample(agree, args.control)]
    with open(args.out, "w", encoding="utf-8") as out:
        out.write("id\treason\n")
        for i, r in sorted(chosen):
            out.write(f"{i}\t{r}\n")
    counts = {}
    for _, r in chosen:
        counts[r] = counts.get(r, 0) + 1
    print(f"{len(chosen)} articles: {counts}")


if __name__ == "__main__":
    main()
