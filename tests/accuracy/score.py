#!/usr/bin/env python3
"""Score a claim file against the hand truth of one accuracy event.

    python3 tests/accuracy/score.py EVENT CLAIMS [--half a|b|all ...] [--bin PATH] [-v]

The binary is --bin, else the environment variable CLAIMDIFF, else target/release/claimdiff of
this repository.

EVENT is a folder under tests/accuracy/ (sources.yaml, truth.yaml); the articles are read from
tests/accuracy/cache/EVENT/<id>.txt (see README.md). For each half, claimdiff is run as

    claimdiff check --claims CLAIMS <the half's cached articles> --format json --fail-on never

and its observations are compared with truth.yaml:

- a truth statement is *found* when an observation of the claim with the fact's id, in the same
  article, comes from a sentence that overlaps the truth sentence;
- a found statement has a *wrong value* when the observation's text does not say what the truth
  value says (text compared after normalising number words, hedges and separators; failing
  that, the figure/day claimdiff's own normaliser reads from the truth value must equal the
  observation's stated value);
- an observation that corresponds to no truth statement is *spurious* (observations matching an
  `optional` truth statement count neither way);
- a claim is a *false flag* when its verdict is `differ` or `conflict` although every truth value
  of that fact in the half states the same figure/day/name.
Also reported: *missed discrepancies*, facts whose truth values disagree but whose verdict is
neither `differ` nor `conflict`.

Requires PyYAML. Exit status 0 unless something could not be run or read.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import unicodedata

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

WORDS = {
    'zero': 0, 'one': 1, 'two': 2, 'three': 3, 'four': 4, 'five': 5, 'six': 6, 'seven': 7,
    'eight': 8, 'nine': 9, 'ten': 10, 'eleven': 11, 'twelve': 12, 'thirteen': 13,
    'fourteen': 14, 'fifteen': 15, 'sixteen': 16, 'seventeen': 17, 'eighteen': 18,
    'nineteen': 19, 'twenty': 20, 'thirty': 30, 'forty': 40, 'fifty': 50, 'sixty': 60,
    'seventy': 70, 'eighty': 80, 'ninety': 90, 'a dozen': 12, 'dozen': 12,
}
HEDGES = [
    (r'\b(?:about|around|roughly|some|approximately|an estimated|nearly|almost)\b', 'about'),
    (r'\b(?:more than|over|above)\b', 'more than'),
    (r'\b(?:at least|no fewer than)\b', 'at least'),
]


def norm_text(s):
    """Normalise a value as written, for a text comparison."""
    s = unicodedata.normalize('NFKC', s).lower()
    s = s.replace('’', "'").replace('–', '-').replace('—', '-')
    s = re.sub(r'\s+', ' ', s).strip(' .,;:')
    s = re.sub(r'^(?:on|in|the|on the|all)\s+', '', s)
    s = re.sub(r"(?<=\d)[ ,](?=\d{3}\b)", '', s)
    for w, n in sorted(WORDS.items(), key=lambda kv: -len(kv[0])):
        s = re.sub(r'\b' + w + r'\b', str(n), s)
    for pat, rep in HEDGES:
        s = re.sub(pat, rep, s)
    s = re.sub(r'\b(?:captain|capt\.?|mr\.?|ms\.?|dr\.?)\s+', '', s)
    return s


def norm_sentence(s):
    s = unicodedata.normalize('NFKC', s).lower()
    s = s.replace('’', "'").replace('“', '"').replace('”', '"')
    return re.sub(r'\s+', ' ', s).strip()


def tokens(s):
    return set(re.findall(r"[a-z0-9]+", norm_sentence(s)))


def sentences_overlap(a, b):
    na, nb = norm_sentence(a), norm_sentence(b)
    if na in nb or nb in na:
        return True
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return False
    return len(ta & tb) / min(len(ta), len(tb)) >= 0.6


class Claimdiff:
    def __init__(self, binary):
        self.binary = binary
        self.cache = {}

    def check(self, claims, files):
        cmd = [self.binary, 'check', '--claims', claims, *files, '--format', 'json',
               '--fail-on', 'never']
        out = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
        if not out.stdout.strip():
            sys.exit(f'claimdiff check failed ({out.returncode}):\n{out.stderr}')
        return json.loads(out.stdout)

    def value(self, phrase, kind, ref):
        """The stated figure/day claimdiff's normaliser reads from a truth value."""
        key = (phrase, kind, ref)
        if key not in self.cache:
            cmd = [self.binary, 'value', phrase, '--kind', kind, '--format', 'json']
            if ref:
                cmd += ['--ref', str(ref)]
            out = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
            try:
                self.cache[key] = json.loads(out.stdout)
            except json.JSONDecodeError:
                self.cache[key] = {'unresolved': out.stderr.strip() or 'no output'}
        return self.cache[key]


def figure(v):
    """What a value states, ignoring its hedge: a comparable key, or None."""
    if not v or v.get('unresolved'):
        return None
    stated = v.get('stated')
    return json.dumps(stated) if stated is not None else None


def truth_figure(cd, st, published):
    if st['kind'] == 'name':
        return norm_text(st['value'])
    return figure(cd.value(st['value'], st['kind'], published))


def value_matches(cd, st, obs, published):
    raw, want = norm_text(obs.get('raw', '')), norm_text(st['value'])
    if raw == want:
        return True
    if st['kind'] == 'name':
        return False
    # The observation captured part of the phrase ("on Friday" of "on Friday night").
    if raw and re.search(r'(?:^|\s)' + re.escape(raw) + r'(?:$|\s)', want) and re.search(
            r'\d|day\b|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec', raw):
        return True
    obs_fig = figure(obs.get('value'))
    return obs_fig is not None and obs_fig == truth_figure(cd, st, published)


def score_half(cd, event, claims_path, half, verbose):
    base = os.path.join(HERE, event)
    sources = yaml.safe_load(open(os.path.join(base, 'sources.yaml'), encoding='utf-8'))
    truth = yaml.safe_load(open(os.path.join(base, 'truth.yaml'), encoding='utf-8'))
    arts = [a for a in sources['articles'] if half == 'all' or a['half'] == half]
    published = {a['id']: a.get('published') for a in arts}
    files = []
    for a in arts:
        path = os.path.join(HERE, 'cache', event, a['id'] + '.txt')
        if not os.path.exists(path):
            sys.exit(f'missing cached article {path}: rebuild the cache (see README.md)')
        files.append(path)
    report = cd.check(claims_path, files)
    claims = {c['id']: c for c in report['claims']}
    facts = truth['facts']

    # Every observation of a claim named after a fact, in this half.
    obs = []
    for c in report['claims']:
        for o in c['observations']:
            obs.append({'claim': c['id'], 'o': o, 'used': False})

    statements, found, wrong = 0, 0, 0
    missed_list, wrong_list = [], []
    per_fact = {f: {'statements': 0, 'found': 0, 'wrong': 0, 'spurious': 0} for f in facts}
    # Required statements first, then optional ones (which only absorb observations).
    todo = []
    for a in arts:
        for st in truth['articles'].get(a['id']) or []:
            todo.append((a['id'], st))
    todo.sort(key=lambda x: bool(x[1].get('optional')))
    for aid, st in todo:
        required = not st.get('optional')
        cands = [x for x in obs if not x['used'] and x['claim'] == st['fact']
                 and x['o']['source'] == aid and sentences_overlap(x['o']['sentence'], st['sentence'])]
        # Prefer an observation that states the truth value, then one whose text contains it.
        cands.sort(key=lambda x: (not value_matches(cd, st, x['o'], published[aid]),
                                  norm_text(st['value']) not in norm_text(x['o'].get('raw', ''))))
        hit = cands[0] if cands else None
        if hit:
            hit['used'] = True
        if not required:
            continue
        statements += 1
        per_fact[st['fact']]['statements'] += 1
        if not hit:
            missed_list.append((aid, st))
            continue
        found += 1
        per_fact[st['fact']]['found'] += 1
        if not value_matches(cd, st, hit['o'], published[aid]):
            wrong += 1
            per_fact[st['fact']]['wrong'] += 1
            wrong_list.append((aid, st, hit['o']))
    spurious = [x for x in obs if not x['used']]
    for x in spurious:
        if x['claim'] in per_fact:
            per_fact[x['claim']]['spurious'] += 1

    # Verdicts against the truth: do the truth values of each fact agree?
    false_flags, missed_disc = [], []
    for f, kind in facts.items():
        c = claims.get(f)
        figs = set()
        for a in arts:
            for st in truth['articles'].get(a['id']) or []:
                if st['fact'] == f and not st.get('optional'):
                    fig = truth_figure(cd, st, published[a['id']])
                    if fig is not None:  # a truth value claimdiff cannot read says nothing here
                        figs.add(fig)
        verdict = c['verdict'] if c else 'missing'
        flagged = verdict in ('differ', 'conflict')
        if flagged and len(figs) <= 1:
            false_flags.append((f, verdict))
        if not flagged and len(figs) > 1:
            missed_disc.append((f, verdict))

    res = {
        'half': half, 'articles': len(arts), 'statements': statements, 'found': found,
        'recall': (100.0 * found / statements) if statements else 0.0, 'wrong': wrong,
        'spurious': len(spurious), 'false_flags': len(false_flags),
        'missed_discrepancies': len(missed_disc),
        'verdicts': {f: (claims[f]['verdict'] if f in claims else 'missing') for f in facts},
        'per_fact': per_fact,
    }
    if verbose:
        print(f'\n## {event} — half {half}: details')
        for aid, st in missed_list:
            print(f'  MISSED   {st["fact"]:<28} {aid:<18} {st["value"]!r}: {st["sentence"][:110]}')
        for aid, st, o in wrong_list:
            print(f'  WRONG    {st["fact"]:<28} {aid:<18} truth {st["value"]!r}, got {o.get("raw")!r}')
        for x in spurious:
            o = x['o']
            print(f'  SPURIOUS {x["claim"]:<28} {o["source"]:<18} {o.get("raw")!r}: {o["sentence"][:110]}')
        for f, v in false_flags:
            print(f'  FALSE FLAG {f}: verdict {v}, truth values agree')
        for f, v in missed_disc:
            print(f'  MISSED DISCREPANCY {f}: verdict {v}, truth values disagree')
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('event')
    ap.add_argument('claims')
    ap.add_argument('--half', action='append', choices=['a', 'b', 'all'])
    ap.add_argument('--bin', default=os.environ.get('CLAIMDIFF') or os.path.join(REPO, 'target', 'release', 'claimdiff'),
                    help='the claimdiff binary (default: $CLAIMDIFF, else target/release/claimdiff)')
    ap.add_argument('--json', action='store_true', help='print the figures as JSON')
    ap.add_argument('-v', '--verbose', action='store_true', help='list misses, wrong values, spurious observations')
    args = ap.parse_args()
    cd = Claimdiff(args.bin)
    claims = os.path.abspath(args.claims)
    results = [score_half(cd, args.event, claims, h, args.verbose) for h in (args.half or ['a', 'b'])]
    if args.json:
        print(json.dumps({'event': args.event, 'claims': args.claims, 'halves': results}, indent=2))
        return
    print(f'\n{args.event} — {os.path.relpath(claims, REPO)}')
    print('| half | articles | statements | found | recall % | wrong values | spurious obs. | false flags | missed discrepancies |')
    print('|---|---|---|---|---|---|---|---|---|')
    for r in results:
        print(f"| {r['half']} | {r['articles']} | {r['statements']} | {r['found']} | {r['recall']:.1f} | "
              f"{r['wrong']} | {r['spurious']} | {r['false_flags']} | {r['missed_discrepancies']} |")
    facts = list(results[0]['per_fact'])
    print('\n| fact | ' + ' | '.join(f"half {r['half']}: found/stmts, wrong, spurious, verdict" for r in results) + ' |')
    print('|---|' + '---|' * len(results))
    for f in facts:
        cells = []
        for r in results:
            p = r['per_fact'][f]
            cells.append(f"{p['found']}/{p['statements']}, {p['wrong']}, {p['spurious']}, {r['verdicts'][f]}")
        print(f'| {f} | ' + ' | '.join(cells) + ' |')


if __name__ == '__main__':
    main()
