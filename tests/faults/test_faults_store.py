"""Store faults: a served store used by other processes, SIGKILL mid-POST, damaged files.

Every test runs real processes on loopback, with bounded loops.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")

from serving import ROOT, Server, article_text, payload, wait_for  # noqa: E402

from newsbrief.cli import main  # noqa: E402
from newsbrief.store import Store  # noqa: E402

# a second process running `events` (and one running `add`) against the store in a loop
_CLI_LOOP = """
import sys
from newsbrief.cli import main
store, rounds = sys.argv[1], int(sys.argv[2])
files = sys.argv[3:]
for k in range(rounds):
    if files:
        code = main(["add", files[k % len(files)], "--store", store, "-q"])
    else:
        code = main(["events", "--store", store, "-f", "json", "-o", "/dev/null"])
    if code != 0:
        sys.exit(f"round {k}: exit {code}")
"""


def _urls(path: Path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {r[0] for r in con.execute("SELECT url FROM articles")}
    finally:
        con.close()


def test_served_store_keeps_every_acknowledged_post_while_cli_uses_it(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite"
    files = []
    for k in range(3):
        f = tmp_path / f"cli{k}.txt"
        f.write_text(article_text(10_000 + k))
        files.append(str(f))
    server = Server(store)
    try:
        # several reader threads in the server: each opens its own connection
        assert server.request("/api/events")[0] == 200
        others = [
            subprocess.Popen(
                [sys.executable, "-c", _CLI_LOOP, str(store), "12"],
                cwd=ROOT,
                stderr=subprocess.PIPE,
                text=True,
            ),
            subprocess.Popen(
                [sys.executable, "-c", _CLI_LOOP, str(store), "3", *files],
                cwd=ROOT,
                stderr=subprocess.PIPE,
                text=True,
            ),
        ]
        acked: list[str] = []
        for i in range(16):
            readers = [
                threading.Thread(target=server.request, args=("/api/events",)) for _ in range(3)
            ]
            for t in readers:
                t.start()
            status, body = server.request("/api/articles", payload([i]))
            assert status == 201, body
            acked.append(f"https://t.example/{i}")
            for t in readers:
                t.join(timeout=120)
        for p in others:
            _, err = p.communicate(timeout=120)
            assert p.returncode == 0, err
        err = server.stop()
    finally:
        server.kill()
    assert "Traceback" not in err
    urls = _urls(store)
    assert [u for u in acked if u not in urls] == []
    with Store.open(store, create=False) as st:
        assert st.check() == []
        assert st.counts()["articles"] == 16 + 3


def test_sigkill_mid_post_loses_nothing_acknowledged(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite"
    marker = tmp_path / "paused"
    # the big POST stops inside its first transaction, after 30 article rows
    server = Server(
        store, {"NEWSBRIEF_TEST_PAUSE": "articles:30", "NEWSBRIEF_TEST_PAUSE_FILE": str(marker)}
    )
    try:
        acked = []
        for i in range(5):
            status, body = server.request("/api/articles", payload([i]))
            assert status == 201, body
            acked.append(f"https://t.example/{i}")
        answers: list[object] = []

        def big() -> None:
            try:
                answers.append(server.request("/api/articles", payload(range(100, 160))))
            except OSError as e:  # the server dies before it answers
                answers.append(e)

        t = threading.Thread(target=big)
        t.start()
        wait_for(marker, server.proc)
        server.proc.send_signal(signal.SIGKILL)
        server.proc.wait(timeout=30)
        t.join(timeout=60)
    finally:
        server.kill()
    assert answers and not isinstance(answers[0], tuple)  # never acknowledged
    urls = _urls(store)
    assert set(acked) <= urls
    assert not any(u.endswith(tuple(f"/{n}" for n in range(100, 160))) for u in urls)
    with Store.open(store, create=False) as st:
        assert st.check() == []


def test_reads_never_wait_for_a_writer(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite"
    (tmp_path / "a.txt").write_text(article_text(1))
    assert main(["add", str(tmp_path / "a.txt"), "--store", str(store), "-q"]) == 0
    writer = sqlite3.connect(store, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another process's write transaction, held open
    writer.execute("UPDATE events SET updated = updated")
    done: list[int] = []

    def read() -> None:
        with Store.open(store, create=False) as st:
            done.append(len(st.events()))

    try:
        t = threading.Thread(target=read)
        t.start()
        t.join(timeout=20)  # a store open taking the write lock would wait 30 s
        assert done == [1]
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def _damage(path: Path) -> None:
    """Overwrite every page but the first with noise (the header stays valid)."""
    data = bytearray(path.read_bytes())
    for k in range(4096, len(data)):
        data[k] = (k * 7919) % 251
    path.write_bytes(bytes(data))


def test_a_damaged_store_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "s.sqlite"
    (tmp_path / "a.txt").write_text(article_text(1))
    assert main(["add", str(tmp_path / "a.txt"), "--store", str(store), "-q"]) == 0
    assert not Path(f"{store}-wal").exists()  # checkpointed on close
    _damage(store)
    capsys.readouterr()
    for argv in (["events"], ["show", "abc"], ["add", str(tmp_path / "a.txt")]):
        assert main([*argv, "--store", str(store)]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1, err
        assert err[0].startswith("newsbrief: error: the store is damaged: "), err


def test_only_the_first_connection_of_a_process_reads_the_file_directly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsbrief.store import connection as store_mod

    path = tmp_path / "s.sqlite"
    Store.open(path).close()
    calls: list[Path] = []
    real = store_mod._inspect
    monkeypatch.setattr(store_mod, "_inspect", lambda p: (calls.append(p), real(p)))
    first = Store.open(path)
    second = Store.open(path)  # while `first` holds a connection: through SQLite only
    second.close()
    first.close()
    Store.open(path).close()
    assert calls == [path, path]
