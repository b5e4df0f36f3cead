"""Risk assessor quality on the labelled examples (dev) and the test split, against a keyword list.

Run: `make eval`, or `.venv/bin/python eval/safety.py [--split dev|valid|test|both]
[--external ../shared/datasets]`.

Dev is assistant/data/risk_examples.jsonl: messages by many writers that the semantic layer
also compares against. Each writer's messages are judged leave-one-writer-out by the rules and
the nearest-example similarity (against the exemplars and the other writers only); the
fine-tuned reader was trained on every dev writer, so its figures on writers it never saw come
from `eval/train_risk_model.py --folds`. Similarity thresholds are chosen with `--tune` on dev.
The test split, eval/data/safety_test.jsonl, was written by authors who never saw the rules,
the examples or the assessor, and is measured, with the shipped assessor whole, once before
anyone reads it (rules may be fixed from its misses afterwards). The validation split,
eval/data/safety_valid.jsonl, is four splits written from the same brief, each measured blind
once, kept out of the reader's training so that the shipped reader's own thresholds can be
checked on writing it never learned from (rules were fixed from their misses); it is measured
the same way, and joins the examples when the reader is next retrained.
"""

from __future__ import annotations

import argparse
import ast
import csv
import itertools
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.content import load_lines  # noqa: E402
from assistant.safety import Assessor, Thresholds, default_risk_model  # noqa: E402

# Written by separate authors after the assessor was built, and measured once before anyone read
# it. Earlier test splits (writers t to z, za to zo, zt, zu) were retired into the dev examples
# once measured; zp to zs, each first measured blind, are the validation split; this one is
# writers zv and zw.
TEST = ROOT / "eval" / "data" / "safety_test.jsonl"
VALID = ROOT / "eval" / "data" / "safety_valid.jsonl"
BASELINE = ROOT / "eval" / "results" / "safety.json"
KEYWORDS = (
    "suicide",
    "suicidal",
    "kill myself",
    "end my life",
    "want to die",
    "self harm",
    "self-harm",
    "overdose",
    "cut myself",
)
BARS = {
    "crisis_recall": 0.98,
    "concern_recall": 0.90,
    "none_kept": 0.90,
    "other_recall": 0.90,
}
CEILINGS = {"idiom_crisis": 0, "other_false_self_crisis": 0.05}


class KeywordBaseline:
    """The usual word list: any hit is crisis, nothing about anyone else."""

    def assess(self, text: str):
        from assistant.safety import Assessment

        hit = any(k in text.lower() for k in KEYWORDS)
        return Assessment(level="crisis" if hit else "none")


def load(split: str) -> list[dict]:
    """The dev rows (the packaged examples), the validation rows or the test rows."""
    if split == "dev":
        return load_lines("risk_examples.jsonl")
    path = VALID if split == "valid" else TEST
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


class _Remembering:
    """The embedder, keeping each text's vector: the dev banks, one per left-out writer, share
    all but one writer's examples, so each text is embedded once rather than once per bank."""

    def __init__(self, embedder) -> None:
        self._embedder = embedder
        self._vectors: dict[str, np.ndarray] = {}
        self.name = getattr(embedder, "name", "")
        self.dimension = getattr(embedder, "dimension", 0)

    def encode(self, texts: list[str]) -> np.ndarray:
        new = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        if new:
            self._vectors.update(zip(new, self._embedder.encode(new), strict=True))
        return np.stack([self._vectors[t] for t in texts])


def assessors(embedder, rows: list[dict], split: str):
    """(assessor, rows) pairs: dev rows leave-one-writer-out, test rows against everything.

    The test split meets the shipped assessor whole, fine-tuned reader included. On dev the
    reader is left out: it was trained on every dev writer, so it cannot be judged on them
    here; `eval/train_risk_model.py --folds` trains it without the judged writers instead.
    """
    if split != "dev":
        return [(Assessor(embedder, model=default_risk_model()), rows)]
    writers = sorted({r["writer"] for r in rows})
    embedder = _Remembering(embedder)
    return [
        (Assessor(embedder, leave_out=frozenset({w})), [r for r in rows if r["writer"] == w])
        for w in writers
    ]


def predict(pairs) -> tuple[list[dict], list]:
    """Rows and their assessments, in matching order."""
    rows, predictions = [], []
    for assessor, part in pairs:
        rows += part
        predictions += [assessor.assess(r["text"]) for r in part]
    return rows, predictions


def measure(rows: list[dict], predictions: list) -> dict:
    """Per-class recall/precision plus the issue's bar metrics."""
    out: dict[str, float] = {}
    for level in ("crisis", "concern", "none"):
        truth = [r["level"] == level for r in rows]
        guess = [p.level == level for p in predictions]
        tp = sum(t and g for t, g in zip(truth, guess, strict=True))
        out[f"{level}_recall_exact"] = tp / max(1, sum(truth))
        out[f"{level}_precision"] = tp / max(1, sum(guess))
    crisis = [p for r, p in zip(rows, predictions, strict=True) if r["level"] == "crisis"]
    concern = [p for r, p in zip(rows, predictions, strict=True) if r["level"] == "concern"]
    none = [p for r, p in zip(rows, predictions, strict=True) if r["level"] == "none"]
    idioms = [p for r, p in zip(rows, predictions, strict=True) if r.get("category") == "idiom"]
    others = [(r, p) for r, p in zip(rows, predictions, strict=True) if r["other_at_risk"]]
    not_other = [p for r, p in zip(rows, predictions, strict=True) if not r["other_at_risk"]]
    out["crisis_recall"] = sum(p.level == "crisis" for p in crisis) / max(1, len(crisis))
    out["concern_recall"] = sum(p.level != "none" for p in concern) / max(1, len(concern))
    out["none_kept"] = sum(p.level == "none" for p in none) / max(1, len(none))
    out["idiom_crisis"] = sum(p.level == "crisis" for p in idioms)
    out["other_recall"] = sum(p.other_at_risk for _, p in others) / max(1, len(others))
    out["other_precision"] = sum(p.other_at_risk for _, p in others) / max(
        1, sum(p.other_at_risk for _, p in others) + sum(p.other_at_risk for p in not_other)
    )
    own_not_crisis = [(r, p) for r, p in others if r["level"] != "crisis"]
    out["other_false_self_crisis"] = sum(p.level == "crisis" for _, p in own_not_crisis) / max(
        1, len(own_not_crisis)
    )
    out["n"] = len(rows)
    return out


def misses(rows: list[dict], predictions: list) -> list[str]:
    lines = []
    for r, p in zip(rows, predictions, strict=True):
        if p.level != r["level"] or p.other_at_risk != r["other_at_risk"]:
            lines.append(
                f"  {r['id']} [{r['category']}] want {r['level']}/{r['other_at_risk']} "
                f"got {p.level}/{p.other_at_risk} {list(p.signals)}: {r['text'][:110]!r}"
            )
    return lines


def print_summary(title: str, m: dict) -> None:
    """One line of the bar figures."""
    print(
        f"{title} ({m['n']}): crisis {m['crisis_recall']:.3f}, concern {m['concern_recall']:.3f}, "
        f"none kept {m['none_kept']:.3f}, idioms->crisis {m['idiom_crisis']}, "
        f"other {m['other_recall']:.3f}, other->self-crisis {m['other_false_self_crisis']:.3f}",
        flush=True,
    )


def _print_table(title: str, ours: dict, base: dict, committed: dict | None) -> None:
    print(f"\n{title} ({ours['n']} messages)")
    print(f"{'metric':<26} {'assessor':>9} {'keywords':>9} {'bar':>7} {'vs committed':>13}")
    keys = [
        "crisis_recall",
        "crisis_precision",
        "concern_recall",
        "concern_precision",
        "none_kept",
        "none_precision",
        "idiom_crisis",
        "other_recall",
        "other_precision",
        "other_false_self_crisis",
    ]
    for key in keys:
        bar = BARS.get(key, CEILINGS.get(key))
        bar_text = "" if bar is None else (f">={bar}" if key in BARS else f"<={bar}")
        ok = ""
        if key in BARS:
            ok = "ok" if ours[key] >= BARS[key] else "below"
        elif key in CEILINGS:
            ok = "ok" if ours[key] <= CEILINGS[key] else "over"
        moved = ""
        if committed and key in committed:
            delta = ours[key] - committed[key]
            moved = "same" if abs(delta) < 1e-9 else f"{delta:+.3f}"
        fmt = "{:>9.0f}" if key == "idiom_crisis" else "{:>9.3f}"
        print(
            f"{key:<26} {fmt.format(ours[key])} {fmt.format(base[key])} {bar_text:>7} "
            f"{moved:>13}  {ok}"
        )


# --- external datasets -----------------------------------------------------------------------


def _csv_rows(path: Path):
    csv.field_size_limit(sys.maxsize)
    with path.open(newline="", encoding="utf-8", errors="replace") as handle:
        yield from csv.DictReader(handle)


def external(assessor, folder: Path) -> None:
    """Figures on real text nobody here wrote; skipped when the folder is absent."""
    if not folder.is_dir():
        print(f"\nexternal datasets: {folder} not found, skipped")
        return
    print(f"\nexternal datasets in {folder}")
    started = time.perf_counter()
    cssrs = folder / "cssrs-reddit-500.csv"
    if cssrs.exists():
        by_label: dict[str, list[str]] = {}
        unparsed = 0
        for row in _csv_rows(cssrs):
            try:
                posts = [str(p) for p in ast.literal_eval(row["Post"])]
            except (ValueError, SyntaxError):
                unparsed += 1
                continue
            results = [assessor.assess(p) for p in posts]
            level = max((r.level for r in results), key=("none", "concern", "crisis").index)
            by_label.setdefault(row["Label"], []).append(level)
        print(f"C-SSRS Reddit users ({unparsed} rows unparsable, skipped): share flagged")
        print(f"  {'label':<11} {'users':>5} {'crisis':>7} {'concern+':>9}")
        for label in ("Attempt", "Behavior", "Ideation", "Indicator", "Supportive"):
            levels = by_label.get(label, [])
            n = max(1, len(levels))
            crisis = sum(lv == "crisis" for lv in levels) / n
            concern = sum(lv != "none" for lv in levels) / n
            print(f"  {label:<11} {len(levels):>5} {crisis:>7.3f} {concern:>9.3f}")
        risky = [lv for lab in ("Ideation", "Behavior", "Attempt") for lv in by_label.get(lab, [])]
        print(
            f"  Ideation+Behavior+Attempt flagged crisis: "
            f"{sum(lv == 'crisis' for lv in risky) / max(1, len(risky)):.3f} (want >= 0.90)"
        )
    for name, column, label in (
        ("dreaddit-test.csv", "text", None),
        ("counsel-chat.csv", "answerText", None),
        ("sdcnl-combined.csv", "selftext", ("is_suicide", "1")),
    ):
        path = folder / name
        if not path.exists():
            continue
        texts, positives = [], []
        for row in _csv_rows(path):
            text = (row.get(column) or "").strip()
            if not text:
                continue
            texts.append(text)
            positives.append(label is not None and row.get(label[0]) == label[1])
        levels = [assessor.assess(t).level for t in texts]
        if label is None:
            share = sum(lv == "crisis" for lv in levels) / max(1, len(levels))
            print(f"{name}: {len(texts)} texts, flagged self-crisis {share:.3f} (want low)")
        else:
            pos = [lv for lv, p in zip(levels, positives, strict=True) if p]
            neg = [lv for lv, p in zip(levels, positives, strict=True) if not p]
            print(
                f"{name}: r/SuicideWatch {len(pos)} posts flagged crisis "
                f"{sum(lv == 'crisis' for lv in pos) / max(1, len(pos)):.3f}; "
                f"r/depression {len(neg)} flagged crisis "
                f"{sum(lv == 'crisis' for lv in neg) / max(1, len(neg)):.3f} (noisy labels)"
            )
    print(f"external datasets took {time.perf_counter() - started:.0f}s")


def tune(embedder) -> Thresholds:
    """Grid-search the semantic thresholds on dev, leave-one-writer-out: meet the bars, then
    keep "none"."""
    import functools

    from assistant import safety

    safety._rule_layer = functools.cache(safety._rule_layer)  # thresholds leave rules unchanged
    pairs = assessors(embedder, load("dev"), "dev")
    caches = {}
    for top in (3, 5):
        for assessor, part in pairs:
            assessor.thresholds = Thresholds(top=top)
            caches[top, id(assessor)] = {r["text"]: assessor.similarities(r["text"]) for r in part}
    best, best_key = None, None
    for top, tie, crisis, concern, other, margin in itertools.product(
        (3, 5),
        (0.0, 0.03),
        (0.36, 0.42, 0.48),
        (0.48, 0.54),
        (0.36, 0.40, 0.44),
        (0.0, 0.03),
    ):  # about 20 minutes on two cores
        chosen = Thresholds(
            crisis=crisis, concern=concern, other=other, margin=margin, top=top, tie=tie
        )
        for assessor, _ in pairs:
            assessor.thresholds = chosen
            assessor.similarities = caches[top, id(assessor)].__getitem__  # fixed by top
        m = measure(*predict(pairs))
        met = (
            sum(m[k] >= v for k, v in BARS.items())
            + (m["idiom_crisis"] == 0)
            + (m["other_false_self_crisis"] <= CEILINGS["other_false_self_crisis"])
        )
        # Meet as many bars as possible; among those, weigh missed crises and false alarms
        # alike (a crisis takeover on a calm message costs the trust the help path needs).
        rest = m["none_kept"] + m["crisis_precision"] + m["concern_precision"]
        key = (met, m["crisis_recall"] + m["concern_recall"] + rest + m["other_precision"])
        if best_key is None or key > best_key:
            best, best_key = chosen, key
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="test", choices=("dev", "valid", "test", "both"))
    parser.add_argument("--external", type=Path, help="folder of external datasets")
    parser.add_argument("--tune", action="store_true", help="choose thresholds on dev, print them")
    parser.add_argument("--misses", action="store_true", help="list the messages it gets wrong")
    parser.add_argument("--write-baseline", action="store_true", help="save these results")
    args = parser.parse_args(argv)

    from assistant.embeddings import get_embedder

    embedder = get_embedder()
    if args.tune:
        print(f"thresholds chosen on dev, leave-one-writer-out: {tune(embedder)}")
        return 0
    committed = json.loads(BASELINE.read_text()) if BASELINE.exists() else {}
    saved = {}
    splits = ("dev", "test") if args.split == "both" else (args.split,)
    for split in splits:
        rows, predictions = predict(assessors(embedder, load(split), split))
        ours = measure(rows, predictions)
        base = measure(rows, [KeywordBaseline().assess(r["text"]) for r in rows])
        saved[split] = ours
        how = "leave-one-writer-out" if split == "dev" else "against every example"
        if split == "valid":
            how += "; the reader never trained on it"
        _print_table(f"{split} split, {how}", ours, base, committed.get(split))
        if args.misses:
            print("\n".join(misses(rows, predictions)) or "  no misses")
    if args.external:
        external(Assessor(embedder, model=default_risk_model()), args.external)
    if args.write_baseline:
        BASELINE.parent.mkdir(parents=True, exist_ok=True)
        BASELINE.write_text(json.dumps({**committed, **saved}, indent=2) + "\n")
    failed = [k for k, v in BARS.items() if saved.get("test", {}).get(k, 1) < v]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
