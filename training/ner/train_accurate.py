"""Train the accurate NER model: pruned multilingual-e5-small fine-tuned for BIO tagging.

    /work/venv-train/bin/python training/ner/build_e5.py        # once: the pruned encoder
    PYTHONPATH=src /work/venv-train/bin/python training/ner/train_accurate.py   # dev, final, export

Data: ANERcorp train; dev = its last 10% (the split of ``train_fast.py``). Labels (BIO over
PER, LOC, ORG, MISC) sit on the first piece of each word; other pieces are not scored.
Sentences longer than ``MAX_PIECES`` are cut into windows of whole words.

Phases (``--phase``; default ``all`` = dev, final, export):
- ``dev``: fine-tune on the first 90% for ``--epochs`` epochs with linear warmup/decay,
  scoring dev after each; the best epoch is written to ``build/accurate-dev.json``, its
  model exported to ONNX, quantized and re-scored on dev (fp32 vs 8-bit).
- ``final``: the same schedule on all of train, a checkpoint after every epoch (it can run
  beside ``dev``: it does not need dev's answer until ``export``).
- ``export``: the final checkpoint at dev's best epoch → fp32 ONNX → 8-bit (``quantize``:
  int8 embeddings, 8-bit weight-only MatMuls) as
  ``src/marsad/resources/models/ner-accurate.onnx``; ANERcorp test scored once.
- ``requantize-dev``: the dev run's fp32 ONNX through ``quantize`` again, both scored on dev.
``--init STATE --tag=-cont`` continues a fine-tuned model (dev and final alike).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from pathlib import Path

import numpy as np
import torch
from e5_model import E5Encoder

from marsad.annotate.bio import BioSentence, read_bio
from marsad.annotate.transformer_ner import LABELS, decode, windows
from marsad.annotate.unigram import UnigramTokenizer
from marsad.evaluation.ner import score
from marsad.paths import RESOURCES, shared_path

BUILD = Path(__file__).resolve().parent / "build"
VOCAB = RESOURCES / "models" / "ner-accurate-vocab.json.gz"
MODEL_OUT = RESOURCES / "models" / "ner-accurate.onnx"
LABEL_INDEX = {label: i for i, label in enumerate(LABELS)}
IGNORE = -100


def encode(tok: UnigramTokenizer, sentences: list[BioSentence]) -> list[tuple[list[int], list[int]]]:
    """(piece ids with <s> </s>, label per piece or IGNORE) per window of each sentence."""
    out = []
    for s in sentences:
        for a, b in windows(tok, s.tokens):
            ids, first = tok.encode_words(s.tokens[a:b])
            labels = [IGNORE] * len(ids)
            for i, tag in zip(first, s.tags[a:b], strict=True):
                labels[i] = LABEL_INDEX[tag]
            out.append(([tok.bos, *ids, tok.eos], [IGNORE, *labels, IGNORE]))
    return out


def batches(
    data: list[tuple[list[int], list[int]]], size: int, pad: int, rng: random.Random | None
) -> list[tuple[torch.Tensor, torch.Tensor, torch.Tensor]]:
    """Batches of similar length (less padding); shuffled when ``rng`` is given."""
    order = sorted(range(len(data)), key=lambda i: len(data[i][0]))
    if rng is not None:  # sort within random chunks, then shuffle the batches
        order = list(range(len(data)))
        rng.shuffle(order)
        chunks = [order[i : i + size * 50] for i in range(0, len(order), size * 50)]
        order = [i for c in chunks for i in sorted(c, key=lambda i: len(data[i][0]))]
    groups = [order[i : i + size] for i in range(0, len(order), size)]
    if rng is not None:
        rng.shuffle(groups)
    out = []
    for g in groups:
        n = max(len(data[i][0]) for i in g)
        ids = torch.full((len(g), n), pad, dtype=torch.long)
        labels = torch.full((len(g), n), IGNORE, dtype=torch.long)
        mask = torch.zeros((len(g), n), dtype=torch.long)
        for row, i in enumerate(g):
            x, y = data[i]
            ids[row, : len(x)] = torch.tensor(x)
            labels[row, : len(y)] = torch.tensor(y)
            mask[row, : len(x)] = 1
        out.append((ids, mask, labels))
    return out


def load_encoder(path: Path, init: Path | None = None) -> E5Encoder:
    if init is not None:  # a fine-tuned model, trained further on the same split
        saved = torch.load(path)
        model = E5Encoder(**saved["config"], labels=len(LABELS))
        model.load_state_dict(torch.load(init))
        return model
    if not path.exists():
        sys.exit(f"train_accurate: {path} missing; run training/ner/build_e5.py first")
    saved = torch.load(path)
    model = E5Encoder(**saved["config"], labels=len(LABELS))
    missing, unexpected = model.load_state_dict(saved["state"], strict=False)
    assert not unexpected and all(k.startswith("head.") for k in missing), (missing, unexpected)
    return model


def word_probabilities(
    model: E5Encoder, tok: UnigramTokenizer, sentences: list[list[str]], batch: int = 64
) -> list[np.ndarray]:
    """Softmax over LABELS on the first piece of every word, per sentence (torch, fp32)."""
    model.eval()
    items = []  # (sentence, word offset, ids, first-piece positions)
    for si, words in enumerate(sentences):
        for a, b in windows(tok, words):
            ids, first = tok.encode_words(words[a:b])
            items.append((si, a, [tok.bos, *ids, tok.eos], [f + 1 for f in first]))
    out = [np.zeros((len(w), len(LABELS)), dtype=np.float32) for w in sentences]
    order = sorted(range(len(items)), key=lambda i: len(items[i][2]))
    with torch.no_grad():
        for k in range(0, len(order), batch):
            group = [items[i] for i in order[k : k + batch]]
            n = max(len(g[2]) for g in group)
            ids = torch.full((len(group), n), tok.pad, dtype=torch.long)
            mask = torch.zeros((len(group), n), dtype=torch.long)
            for row, g in enumerate(group):
                ids[row, : len(g[2])] = torch.tensor(g[2])
                mask[row, : len(g[2])] = 1
            probs = model(ids, mask).softmax(-1).numpy()
            for row, (si, a, _, first) in enumerate(group):
                out[si][a : a + len(first)] = probs[row, first]
    return out


def f1_of(probs: list[np.ndarray], sentences: list[BioSentence]) -> dict[str, float]:
    result = score([s.tags for s in sentences], [decode(p) for p in probs])
    return {"f1": result.micro_f1, **{k: v[2] for k, v in result.per_type.items()}}


def fmt(r: dict[str, float]) -> str:
    parts = [f"F1 {r['f1']:.4f}"] + [f"{k} {r[k]:.3f}" for k in ("PER", "LOC", "ORG", "MISC") if k in r]
    return "  ".join(parts)


def fine_tune(
    model: E5Encoder,
    data: list[tuple[list[int], list[int]]],
    tok: UnigramTokenizer,
    epochs: int,
    lr: float,
    head_lr: float,
    batch: int,
    seed: int,
    after_epoch=None,  # called with (epoch, model) after each epoch
) -> None:
    rng = random.Random(seed)
    torch.manual_seed(seed)
    steps = epochs * math.ceil(len(data) / batch)
    warmup = max(1, int(0.1 * steps))
    # The new head learns 20x faster than the pre-trained encoder: with one lr for both,
    # 3 epochs were not enough for the head to leave the all-"O" solution (dev F1 0.21
    # after epoch 1 at 2e-4; a 25-step probe: loss 0.37 vs 0.80 with the split).
    groups: dict[tuple[bool, bool], list[torch.nn.Parameter]] = {}
    for name, p in model.named_parameters():
        groups.setdefault((name.startswith("head."), p.ndim > 1), []).append(p)
    opt = torch.optim.AdamW(
        [
            {"params": ps, "lr": head_lr if is_head else lr, "weight_decay": 0.01 if matrix else 0.0}
            for (is_head, matrix), ps in groups.items()
        ]
    )
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warmup, max(0.0, (steps - s) / max(1, steps - warmup)))
    )
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=IGNORE)
    step = 0
    for epoch in range(1, epochs + 1):
        model.train()
        start = time.perf_counter()
        total, n_batches = 0.0, 0
        for ids, mask, labels in batches(data, batch, tok.pad, rng):
            logits = model(ids, mask)
            loss = loss_fn(logits.view(-1, logits.shape[-1]), labels.view(-1))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            step += 1
            n_batches += 1
            total += loss.item()
            if step % 20 == 0:
                print(
                    f"  step {step}/{steps} loss {loss.item():.4f} ({time.perf_counter() - start:.0f}s)",
                    flush=True,
                )
        print(
            f"epoch {epoch}: mean loss {total / max(1, n_batches):.4f}, {time.perf_counter() - start:.0f}s",
            flush=True,
        )
        if after_epoch is not None:
            after_epoch(epoch, model)


def quantize(fp32_path: Path, out_path: Path) -> None:
    """Word embeddings to int8 (dynamic quantization of the Gather), every MatMul to 8-bit
    weight-only blocks of 64 (MatMulNBits; activations stay fp32). Measured on dev: fp32
    0.7091, this 0.7077 (28.7 MB); plain dynamic int8 of everything 0.6930 (27.7 MB)."""
    import logging

    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.quantization.matmul_nbits_quantizer import (
        DefaultWeightOnlyQuantConfig,
        MatMulNBitsQuantizer,
    )

    logging.getLogger("onnxruntime.quantization.matmul_nbits_quantizer").setLevel(logging.WARNING)
    gather_only = out_path.with_name(out_path.stem + "-gather8.onnx")
    quantize_dynamic(
        str(fp32_path),
        str(gather_only),
        weight_type=QuantType.QInt8,
        per_channel=True,
        op_types_to_quantize=["Gather"],
    )
    config = DefaultWeightOnlyQuantConfig(
        block_size=64, is_symmetric=True, bits=8, op_types_to_quantize=("MatMul",)
    )
    quantizer = MatMulNBitsQuantizer(
        onnx.load(str(gather_only)),
        bits=8,
        block_size=64,
        is_symmetric=True,
        op_types_to_quantize=("MatMul",),
        algo_config=config,
    )
    quantizer.process()
    quantizer.model.save_model_to_file(str(out_path), use_external_data_format=False)
    gather_only.unlink()


def export_onnx(model: E5Encoder, fp32_path: Path, out_path: Path) -> None:
    model.eval()
    ids = torch.tensor([[0, 5, 6, 7, 2], [0, 8, 9, 2, 1]])
    mask = torch.tensor([[1, 1, 1, 1, 1], [1, 1, 1, 1, 0]])
    fp32_path.parent.mkdir(parents=True, exist_ok=True)
    torch.onnx.export(
        model,
        (ids, mask),
        str(fp32_path),
        input_names=["input_ids", "attention_mask"],
        output_names=["logits"],
        dynamic_axes={
            "input_ids": {0: "batch", 1: "pieces"},
            "attention_mask": {0: "batch", 1: "pieces"},
            "logits": {0: "batch", 1: "pieces"},
        },
        opset_version=17,
        dynamo=False,
    )
    quantize(fp32_path, out_path)


def onnx_probabilities(path: Path, tok: UnigramTokenizer, sentences: list[list[str]]) -> list[np.ndarray]:
    from marsad.annotate.transformer_ner import OnnxNer

    return OnnxNer(path, tok).probabilities(sentences)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phase", choices=("dev", "final", "export", "requantize-dev", "all"), default="all")
    parser.add_argument("--epochs", type=int, default=3, help="epochs of the schedule (dev and final alike)")
    parser.add_argument("--lr", type=float, default=1e-4, help="encoder learning rate")
    parser.add_argument("--head-lr", type=float, default=2e-3, help="classifier head learning rate")
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--encoder", type=Path, default=BUILD / "e5-pruned.pt")
    parser.add_argument("--tag", default="", help="suffix for the dev run's files (lr/epoch search)")
    parser.add_argument("--init", type=Path, default=None, help="continue from this fine-tuned state dict")
    parser.add_argument("--limit", type=int, default=0, help="smoke test: only this many sentences per split")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    try:
        folder = shared_path("data", "ner", "anercorp")
    except FileNotFoundError as exc:
        sys.exit(f"train_accurate: {exc}")
    tok = UnigramTokenizer.load(VOCAB)
    train_all = read_bio(folder / "train.txt")
    cut = int(len(train_all) * 0.9)
    fit, dev = train_all[:cut], train_all[cut:]
    if args.limit:
        fit, dev, train_all = fit[: args.limit], dev[: args.limit], train_all[: args.limit]
    BUILD.mkdir(parents=True, exist_ok=True)
    dev_json = BUILD / f"accurate-dev{args.tag}.json"

    if args.phase in ("dev", "all"):
        data = encode(tok, fit)
        print(
            f"dev run: {len(fit)} sentences ({len(data)} windows), dev {len(dev)}; lr {args.lr}", flush=True
        )
        model = load_encoder(args.encoder, args.init)
        history: list[dict[str, float]] = []
        best: dict[str, object] = {}

        def on_epoch(epoch: int, m: E5Encoder) -> None:
            probs = word_probabilities(m, tok, [s.tokens for s in dev])
            r = f1_of(probs, dev)
            history.append({"epoch": epoch, **r})
            print(f"dev after epoch {epoch}: {fmt(r)}", flush=True)
            if not best or r["f1"] > best["f1"]:  # type: ignore[operator]
                best.update(f1=r["f1"], epoch=epoch)
                torch.save(m.state_dict(), BUILD / f"accurate-dev{args.tag}.pt")
                np.savez_compressed(BUILD / f"accurate-dev{args.tag}-probs.npz", *probs)

        fine_tune(model, data, tok, args.epochs, args.lr, args.head_lr, args.batch, args.seed, on_epoch)
        summary = {
            "lr": args.lr,
            "epochs_tried": args.epochs,
            "best_epoch": best["epoch"],
            "best_f1": best["f1"],
            "history": history,
        }
        # fp32 vs 8-bit ONNX on dev, with the best dev model
        model.load_state_dict(torch.load(BUILD / f"accurate-dev{args.tag}.pt"))
        export_onnx(
            model, BUILD / f"accurate-dev{args.tag}-fp32.onnx", BUILD / f"accurate-dev{args.tag}.onnx"
        )
        for name in (f"accurate-dev{args.tag}-fp32.onnx", f"accurate-dev{args.tag}.onnx"):
            r = f1_of(onnx_probabilities(BUILD / name, tok, [s.tokens for s in dev]), dev)
            summary[name] = r
            print(f"dev {name}: {fmt(r)}", flush=True)
        dev_json.write_text(json.dumps(summary, indent=1))

    if args.phase == "requantize-dev":  # the dev run's fp32 ONNX again through ``quantize``
        fp32 = BUILD / f"accurate-dev{args.tag}-fp32.onnx"
        quantize(fp32, BUILD / f"accurate-dev{args.tag}.onnx")
        for path in (fp32, BUILD / f"accurate-dev{args.tag}.onnx"):
            r = f1_of(onnx_probabilities(path, tok, [s.tokens for s in dev]), dev)
            print(f"dev {path.name}: {fmt(r)}  {path.stat().st_size / 1e6:.1f} MB", flush=True)

    if args.phase in ("final", "all"):
        # The same schedule as the dev run (same epochs, warmup, decay), on all of train; a
        # checkpoint after every epoch, so that the one dev chose is the one shipped.
        print(
            f"final: all of train ({len(train_all)} sentences), {args.epochs} epochs, lr {args.lr}",
            flush=True,
        )
        model = load_encoder(args.encoder, args.init)

        def save_epoch(epoch: int, m: E5Encoder) -> None:
            torch.save(m.state_dict(), BUILD / f"accurate-final{args.tag}-e{epoch}.pt")

        fine_tune(
            model,
            encode(tok, train_all),
            tok,
            args.epochs,
            args.lr,
            args.head_lr,
            args.batch,
            args.seed,
            save_epoch,
        )

    if args.phase in ("export", "all"):
        chosen = json.loads(dev_json.read_text())
        epoch = int(chosen["best_epoch"])
        if chosen["epochs_tried"] != args.epochs or chosen["lr"] != args.lr:
            sys.exit(
                f"train_accurate: {dev_json} is for {chosen['epochs_tried']} epochs at lr {chosen['lr']}"
            )
        print(f"export: final model after epoch {epoch} of {args.epochs} (best on dev)", flush=True)
        model = load_encoder(args.encoder)
        model.load_state_dict(torch.load(BUILD / f"accurate-final{args.tag}-e{epoch}.pt"))
        export_onnx(model, BUILD / "accurate-final-fp32.onnx", MODEL_OUT)
        test = read_bio(folder / "test.txt")[: args.limit or None]
        r = f1_of(onnx_probabilities(MODEL_OUT, tok, [s.tokens for s in test]), test)
        size = MODEL_OUT.stat().st_size / 1e6
        print(f"test (once, 8-bit ONNX): {fmt(r)}  model {size:.1f} MB -> {MODEL_OUT}", flush=True)


if __name__ == "__main__":
    main()
