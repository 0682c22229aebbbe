#!/usr/bin/env python3
"""Scores `claimdiff suggest` against an event's hand truth.

For one event, runs `suggest --format json` over all its cached articles, then `check` with
the draft claim file, and reports:
- facts covered: of the truth facts (counts and dates, the kinds suggest drafts) that at least
  two articles state, those for which one drafted claim holds truth statements of the fact
  from at least two articles (a statement matches when it is in the same article, its value
  and the truth value contain one another, and the sentences overlap);
- disagreements flagged: of those facts whose truth values differ, those whose drafted claim
  `check` judges differ, conflict or revised-with-stale (a discrepancy a fact-checker sees);
- noise: drafted claims none of whose statements matches any truth statement (an upper bound:
  the truth lists 8 facts per event, so a real but unlisted fact counts as noise here).

Usage: score_suggest.py EVENT [--bin BIN]
"""
import argparse, json, os, subprocess, sys, tempfile
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))


def norm(s):
    return " ".join(s.replace("’", "'").split()).lower()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("event")
    ap.add_argument("--bin", default=os.environ.get("CLAIMDIFF", "target/release/claimdiff"))
    a = ap.parse_args()
    cache = os.path.join(HERE, "cache", a.event)
    truth = yaml.safe_load(open(os.path.join(HERE, a.event, "truth.yaml")))
    kinds = truth["facts"]
    stmts = []  # (article id, fact, value, sentence)
    for art, items in truth["articles"].items():
        for it in items or []:
            if it.get("optional") or kinds.get(it["fact"]) not in ("count", "date"):
                continue
            stmts.append((art, it["fact"], str(it["value"]), norm(it["sentence"])))
    facts = {}
    for art, fact, value, _ in stmts:
        facts.setdefault(fact, {}).setdefault(art, set()).add(norm(value))
    shared = {f: arts for f, arts in facts.items() if len(arts) >= 2}
    out = subprocess.run([a.bin, "suggest", cache, "--format", "json"], capture_output=True, text=True)
    groups = json.loads(out.stdout)["groups"]
    drafted = [g for g in groups if g["claim"]]

    def matches(s):
        art = os.path.splitext(os.path.basename(s["path"]))[0]
        sent, val = norm(s["sentence"]), norm(s["value"])
        found = set()
        for t_art, fact, value, t_sent in stmts:
            if t_art != art:
                continue
            tv = norm(value)
            same_value = tv in val or val in tv
            if same_value and val in t_sent and (sent[:60] in t_sent or t_sent[:60] in sent):
                found.add(fact)
        return art, found

    claim_facts = {}
    noise = 0
    for g in drafted:
        per_fact = {}
        for s in g["statements"]:
            art, fs = matches(s)
            for f in fs:
                per_fact.setdefault(f, set()).add(art)
        claim_facts[g["claim"]] = per_fact
        if not per_fact:
            noise += 1
    covered = {}
    for f in shared:
        best = max(((len(arts), c) for c, pf in claim_facts.items() for ff, arts in pf.items() if ff == f), default=(0, None))
        if best[0] >= 2:
            covered[f] = best[1]
    # check with the draft
    draft = tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False)
    draft.write(subprocess.run([a.bin, "suggest", cache], capture_output=True, text=True).stdout)
    draft.close()
    rep = json.loads(subprocess.run([a.bin, "check", cache, "-c", draft.name, "--format", "json"], capture_output=True, text=True).stdout)
    os.unlink(draft.name)
    verdict = {c["id"]: (c["verdict"], len(c.get("stale") or [])) for c in rep["claims"]}
    differing = [f for f, arts in shared.items() if len(set().union(*arts.values())) > 1]
    flagged = [f for f in differing if f in covered and (verdict[covered[f]][0] in ("differ", "conflict") or verdict[covered[f]][1] > 0)]
    print(f"{a.event}: facts stated by 2+ articles {len(shared)}, covered {len(covered)}; "
          f"differing {len(differing)}, flagged {len(flagged)}; drafted claims {len(drafted)}, noise {noise}")
    for f in shared:
        print(f"  {f}: {'covered by ' + covered[f] if f in covered else 'NOT covered'}"
              + (f", verdict {verdict[covered[f]][0]}" if f in covered else "")
              + (" (values differ)" if f in differing else ""))
    print(json.dumps({"event": a.event, "shared": len(shared), "covered": len(covered),
                      "differing": len(differing), "flagged": len(flagged),
                      "drafted": len(drafted), "noise": noise}))


if __name__ == "__main__":
    main()
