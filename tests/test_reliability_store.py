"""Faults of the index store reproduced for real (issue 14): a frozen Chroma server, damaged files, full and
read-only disks, rebuilds under a long-lived reader, broken pointers, builds killed between their steps."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.chain import Assistant
from assistant.cli import EXIT_ERROR, EXIT_OK, main
from assistant.config import Settings, index_store
from index.corpus import shipped_documents
from index.embeddings import E5Embeddings
from index.errors import IndexCorruptError, IndexUnavailableError, StorageError
from index.store import ChromaServer, IndexStore
from tests.servers import free_port, wait_until_up

QUESTION = "政府专家小组最多由多少人组成？"
PROJECT = Path(__file__).resolve().parents[1]


class _RememberingEmbeddings(E5Embeddings):
    """The real embedder, remembering what it embedded: the tests here rebuild the same paragraphs many times."""

    vectors: dict[str, list[float]] = {}

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        missing = [t for t in dict.fromkeys(texts) if t not in self.vectors]
        self.vectors.update(zip(missing, super().embed_documents(missing), strict=True))
        return [self.vectors[t] for t in texts]


EMBEDDINGS = _RememberingEmbeddings()


def _store(data_dir: Path, server: ChromaServer | None = None) -> IndexStore:
    return IndexStore(data_dir, embeddings=EMBEDDINGS, server=server)


@pytest.fixture(scope="module")
def documents():
    return shipped_documents()


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory, documents) -> Path:
    """One build made once; tests damage copies of it."""
    data_dir = tmp_path_factory.mktemp("pristine")
    _store(data_dir).build(documents)
    return data_dir


@pytest.fixture
def built(pristine: Path, tmp_path: Path) -> IndexStore:
    shutil.copytree(pristine / "index", tmp_path / "index")
    return _store(tmp_path)


def _ndv(*args: str, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The CLI in a child process: a native crash or a hang shows as what a user would see."""
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        cwd=PROJECT,
    )


def _one_line_error(done: subprocess.CompletedProcess[str], *words: str) -> None:
    assert done.returncode == EXIT_ERROR, (done.returncode, done.stderr[-2000:])
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ndv: "), done.stderr[-2000:]
    assert all(word in lines[0] for word in words), lines[0]


def _snapshot(directory: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(directory)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def _asks(data_dir: Path) -> str:
    assistant = Assistant.from_settings(Settings(data_dir=data_dir))
    try:
        return assistant.ask(QUESTION).text
    finally:
        assistant.close()


# -- 2, 6: damaged files are refused in one line, never a crash or a quietly different answer -------------------
def _xor_pages(path: Path) -> None:
    """64 bytes flipped at offset 2000 of every 4 KiB page."""
    data = bytearray(path.read_bytes())
    for page in range(0, len(data), 4096):
        for i in range(page + 2000, min(page + 2064, len(data))):
            data[i] ^= 0xFF
    path.write_bytes(bytes(data))


def test_damaged_sqlite_is_one_line_not_a_native_crash(built: IndexStore):
    _xor_pages(built.current_dir() / "chroma" / "chroma.sqlite3")
    done = _ndv("--data-dir", str(built.root.parent), "ask", QUESTION)
    _one_line_error(done, "damaged", "ndv index build")
    assert "panicked" not in done.stderr


def test_a_build_that_crashes_chroma_is_refused_by_its_check_and_the_previous_index_kept(
    built: IndexStore, documents, monkeypatch
):
    import index.store

    live = built.current_name()
    record = index.store.record_checksums

    def damage_then_record(directory: Path) -> None:  # damage that the checksums then vouch for
        _xor_pages(directory / "chroma" / "chroma.sqlite3")
        record(directory)

    monkeypatch.setattr(index.store, "record_checksums", damage_then_record)
    with pytest.raises(IndexCorruptError, match="failed its check.*previous index is kept"):
        built.build(documents)
    assert built.current_name() == live
    assert [d.name for d in built.root.glob("v*")] == [live] and not list(built.root.glob(".build-*"))
    built.open().close()


def test_a_flipped_digit_in_the_parsed_documents_is_damage(built: IndexStore):
    path = built.current_dir() / "documents.json"
    text = path.read_text(encoding="utf-8")
    assert "最多为25人" in text
    path.write_text(text.replace("最多为25人", "最多为35人"), encoding="utf-8")
    with pytest.raises(IndexCorruptError, match=r"damaged \(documents.json changed.*ndv index build"):
        built.open()


def test_a_flipped_digit_in_the_manifest_is_damage(built: IndexStore):
    path = built.current_dir() / "manifest.json"
    text = path.read_text(encoding="utf-8")
    changed = re.sub(r'"paragraphs": (\d+)', lambda m: f'"paragraphs": {int(m.group(1)) + 1}', text, count=1)
    assert changed != text
    path.write_text(changed)
    with pytest.raises(IndexCorruptError, match=r"damaged \(manifest.json changed"):
        built.open()


def _hnsw_dir(store: IndexStore) -> Path:
    return next(d for d in (store.current_dir() / "chroma").iterdir() if d.is_dir())


def test_half_truncated_vector_file_is_damage(built: IndexStore):
    level0 = _hnsw_dir(built) / "data_level0.bin"
    os.truncate(level0, level0.stat().st_size // 2)
    with pytest.raises(IndexCorruptError, match="damaged.*data_level0.bin"):
        built.open()


def test_deleted_vector_folder_is_damage(built: IndexStore):
    shutil.rmtree(_hnsw_dir(built))
    with pytest.raises(IndexCorruptError, match="damaged.*data_level0.bin unreadable"):
        built.open()


def test_a_store_that_answers_differently_than_when_built_is_damage(built: IndexStore):
    """The canary: vectors of the store queried against it must find the neighbours recorded at build time."""
    from index.chroma_client import chroma_client, close_client
    from index.integrity import check_vectors

    manifest = built.read_manifest()
    client = chroma_client(built.current_dir() / "chroma", None)
    try:
        collection = client.get_collection(manifest.collection, embedding_function=None)
        check_vectors(collection, manifest.vector_count, manifest.canary, built.current_dir())
        first = manifest.canary[0]["id"]
        stored = collection.get(ids=[first], include=["embeddings"])
        collection.update(ids=[first], embeddings=[[-x for x in stored["embeddings"][0]]])
        with pytest.raises(IndexCorruptError, match="answers differently"):
            check_vectors(collection, manifest.vector_count, manifest.canary, built.current_dir())
    finally:
        close_client(client)


# -- 8: reads are read-only; full and read-only disks -----------------------------------------------------------
def test_answering_writes_nothing_into_the_live_build(built: IndexStore):
    before = _snapshot(built.root)
    assert "25" in _asks(built.root.parent)
    assert _snapshot(built.root) == before


@contextlib.contextmanager
def _mounted(target: Path, *options: str) -> Iterator[None]:
    target.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", *options, target], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"this machine cannot mount ({done.stderr.strip()})")
    try:
        yield
    finally:
        subprocess.run(["umount", "-l", target], check=True)


def test_a_read_only_data_dir_still_answers(built: IndexStore):
    data_dir = built.root.parent
    assert "25" in _asks(data_dir)  # once before: the keyword tagger keeps its dictionary cache in the data dir
    with _mounted(data_dir, "--bind", str(data_dir)):
        subprocess.run(["mount", "-o", "remount,bind,ro", data_dir], check=True)
        with pytest.raises(OSError):
            (data_dir / "probe").write_text("x")  # read-only even for root
        assert "25" in _asks(data_dir)


def test_a_full_data_dir_still_answers(pristine: Path, tmp_path: Path):
    data_dir = tmp_path / "small"
    with _mounted(data_dir, "-t", "tmpfs", "-o", "size=2m", "tmpfs"):
        shutil.copytree(pristine / "index", data_dir / "index")
        _fill(data_dir)
        assert "25" in _asks(data_dir)


def _fill(directory: Path, leave: int = 0) -> None:
    """Fill the disk, leaving about `leave` bytes free."""
    with open(directory / "filler", "wb", buffering=0) as filler, contextlib.suppress(OSError):
        filler.write(b"\0" * max(0, shutil.disk_usage(directory).free - leave))
        while not leave:
            filler.write(b"\0" * 4096)


def test_disk_full_during_a_build_is_one_line_and_the_previous_index_kept(pristine: Path, tmp_path: Path, capsys):
    data_dir = tmp_path / "small"
    with _mounted(data_dir, "-t", "tmpfs", "-o", "size=2m", "tmpfs"):
        shutil.copytree(pristine / "index", data_dir / "index")
        live = IndexStore(data_dir).current_name()
        _fill(data_dir, leave=200_000)  # room for part of a build
        with pytest.raises(StorageError, match=f"disk holding {data_dir}.* is full"):
            _store(data_dir).build(shipped_documents())
        assert main(["--data-dir", str(data_dir), "index", "build"]) == EXIT_ERROR
        err = capsys.readouterr().err
        assert "Traceback" not in err and err.strip().splitlines()[-1].startswith("ndv: The disk holding")
        assert "is full" in err and str(data_dir) in err
        assert IndexStore(data_dir).current_name() == live and not list((data_dir / "index").glob(".build-*"))
        (data_dir / "filler").unlink()
        assert "25" in _asks(data_dir)


# -- 10: a long-lived reader keeps its build ----------------------------------------------------------------------
def test_rebuilds_never_remove_the_build_a_reader_holds(built: IndexStore, documents):
    import threading

    assistant = Assistant.from_settings(Settings(data_dir=built.root.parent))
    try:
        held = assistant.index.manifest.build
        expected = assistant.ask(QUESTION).to_dict()
        for _ in range(2):  # the held build is now neither live nor the rollback
            built.build(documents)
        assert (built.root / held).is_dir()  # leased: not pruned
        answers: list[dict] = []
        workers = [threading.Thread(target=lambda: answers.append(assistant.ask(QUESTION).to_dict())) for _ in range(4)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        assert answers == [expected] * 4
    finally:
        assistant.close()
    built.build(documents)
    assert not (built.root / held).exists()  # released: the next build prunes it


# -- 11: pointers and the lock that are not what they should be ---------------------------------------------------
@pytest.mark.parametrize("damage", ["non-utf8", "directory"])
def test_a_damaged_current_pointer_is_one_line_and_a_build_recovers(built: IndexStore, damage: str, capsys):
    pointer = built.root / "CURRENT"
    pointer.unlink()
    if damage == "directory":
        pointer.mkdir()
        (pointer / "x").write_text("x")
    else:
        pointer.write_bytes(b"v2026\xff\xfe")
    data = ["--data-dir", str(built.root.parent)]
    assert main([*data, "ask", QUESTION]) == EXIT_ERROR
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "CURRENT is damaged" in err[0] and "ndv index build" in err[0]
    assert main([*data, "index", "build"]) == EXIT_OK
    assert main([*data, "ask", QUESTION]) == EXIT_OK


def test_a_lock_that_is_a_directory_does_not_stop_builds(built: IndexStore, documents):
    (built.root / ".lock").unlink()
    (built.root / ".lock").mkdir()
    built.build(documents)
    assert (built.root / ".lock").is_file()
    built.open().close()


# -- 12: the rollback build is the previous live one ---------------------------------------------------------------
def _build_killed_at(data_dir: Path, patch: str) -> None:
    """Run a build in a child process that SIGKILLs itself at the step `patch` sets up."""
    setup = """
import os, shutil, signal, sys
from pathlib import Path
import index.store
from index.corpus import shipped_documents

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)
"""
    build = "\nindex.store.IndexStore(Path(sys.argv[1])).build(shipped_documents())\n"
    script = setup + textwrap.dedent(patch) + build
    done = subprocess.run([sys.executable, "-c", script, str(data_dir)], capture_output=True, text=True, cwd=PROJECT)
    assert done.returncode == -signal.SIGKILL, done.stderr[-2000:]


def test_a_build_killed_before_its_switch_never_costs_the_live_build(built: IndexStore, documents):
    built.build(documents)
    live = built.current_name()
    patch = """
        real_replace = os.replace
        def replace_unless_pointer(src, dst):
            if Path(dst).name in ("CURRENT", "PREVIOUS"):  # the build is renamed into place, not yet live
                die()
            real_replace(src, dst)
        os.replace = replace_unless_pointer
        """
    _build_killed_at(built.root.parent, patch)
    assert built.current_name() == live and len(list(built.root.glob("v*"))) == 3  # an orphan was renamed in
    built.build(documents)
    assert sorted(d.name for d in built.root.glob("v*")) == sorted([live, built.current_name()])
    assert (built.root / "PREVIOUS").read_text(encoding="utf-8") == live
    built.open(live).close()  # the rollback build is whole


def test_a_prune_killed_half_way_leaves_no_half_deleted_build(built: IndexStore, documents):
    built.build(documents)
    patch = """
        real_rmtree = shutil.rmtree
        def rmtree_then_die(path, *args, **kwargs):
            found = sorted(Path(path).rglob("chroma.sqlite3")) if Path(path).is_dir() else []
            if found:
                found[0].unlink()
                die()
            real_rmtree(path, *args, **kwargs)
        shutil.rmtree = rmtree_then_die
        """
    _build_killed_at(built.root.parent, patch)
    for build in built.root.glob("v*"):  # every build that still looks like one opens
        built.open(build.name).close()
    previous = (built.root / "PREVIOUS").read_text(encoding="utf-8")
    built.build(documents)
    assert (built.root / "PREVIOUS").read_text(encoding="utf-8") != previous
    for build in built.root.glob("v*"):
        built.open(build.name).close()
    assert not list(built.root.glob(".trash-*"))


# -- 1, 10: a Chroma server that freezes; its collections under a long-lived reader ---------------------------------
@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ChromaServer, subprocess.Popen[bytes]]]:
    port = free_port()
    work = tmp_path_factory.mktemp("chroma-server")
    command = [str(Path(sys.executable).parent / "chroma"), "run", "--path", str(work / "data")]
    command += ["--host", "127.0.0.1", "--port", str(port)]
    with (
        open(work / "server.log", "w") as log,
        subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT) as process,
    ):
        try:
            wait_until_up(f"http://127.0.0.1:{port}/api/v2/heartbeat", process, work / "server.log")
            yield ChromaServer("127.0.0.1", port, timeout_s=3), process
        finally:
            process.send_signal(signal.SIGCONT)
            process.terminate()
            process.wait(timeout=20)


def _server_settings(data_dir: Path, server: ChromaServer, budget_s: int = 60) -> Settings:
    return Settings(data_dir=data_dir, chroma_host=server.host, chroma_port=server.port, time_budget_s=budget_s)


def test_a_frozen_chroma_server_fails_ask_within_the_budget(server, tmp_path: Path, documents):
    chroma, process = server
    settings = _server_settings(tmp_path, chroma, budget_s=3)
    _store(tmp_path, chroma).build(documents)
    index = index_store(settings).open()
    env = {"NDV_CHROMA_HOST": chroma.host, "NDV_CHROMA_PORT": str(chroma.port), "NDV_TIME_BUDGET": "3"}
    process.send_signal(signal.SIGSTOP)
    try:
        with pytest.raises(IndexUnavailableError, match="does not answer"):  # a query in flight
            index.dense(index.embeddings.embed_query(QUESTION), k=3)
        done = _ndv("--data-dir", str(tmp_path), "ask", QUESTION, env=env, timeout=60)  # a new client
        _one_line_error(done, "does not answer", "no reply within 3 s")
    finally:
        process.send_signal(signal.SIGCONT)
        index.close()


def test_rebuilds_keep_the_collection_a_reader_holds(server, tmp_path: Path, documents):
    chroma, _ = server
    settings = _server_settings(tmp_path, chroma)
    _store(tmp_path, chroma).build(documents)
    reader = Assistant.from_settings(settings)
    try:
        expected = reader.ask(QUESTION).to_dict()
        for _ in range(2):  # the reader's build is now neither live nor the rollback
            _store(tmp_path, chroma).build(documents)
        assert reader.ask(QUESTION).to_dict() == expected
    finally:
        reader.close()
