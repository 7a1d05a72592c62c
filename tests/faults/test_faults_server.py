"""Server faults: writes off the event loop, Host allow-list, hostile bodies, startup."""

from __future__ import annotations

import gzip
import json
import os
import signal
import socket
import threading
import time
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")

from fastapi.testclient import TestClient  # noqa: E402
from serving import Server, article_text, payload, wait_for  # noqa: E402

from newsbrief.cli import main  # noqa: E402
from newsbrief.model import Article  # noqa: E402
from newsbrief.store import Store  # noqa: E402
from newsbrief.web import create_app  # noqa: E402


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return TestClient(
        create_app(tmp_path / "s.sqlite", max_body=200_000), base_url="http://localhost"
    )


def test_a_get_is_answered_while_a_big_post_is_being_added(tmp_path: Path) -> None:
    marker, release = tmp_path / "paused", tmp_path / "release"
    server = Server(
        tmp_path / "s.sqlite",
        {
            "NEWSBRIEF_TEST_PAUSE": "articles:150",
            "NEWSBRIEF_TEST_PAUSE_FILE": str(marker),
            "NEWSBRIEF_TEST_RELEASE_FILE": str(release),
        },
    )
    try:
        answers: list[tuple[int, object]] = []
        post = threading.Thread(
            target=lambda: answers.append(server.request("/api/articles", payload(range(200))))
        )
        post.start()
        wait_for(marker, server.proc)  # the POST is inside its write transaction
        status, body = server.request("/api/events", timeout=60)
        assert status == 200 and body["total"] == 0  # answered, from the last commit
        assert post.is_alive() and answers == []  # ... while the POST is still in flight
        release.touch()
        post.join(timeout=300)
        assert answers and answers[0][0] == 201
        assert server.request("/api/events")[1]["total"] >= 1
        err = server.stop()
    finally:
        server.kill()
    assert "Traceback" not in err


def test_a_disconnecting_client_leaves_no_traceback(tmp_path: Path) -> None:
    server = Server(tmp_path / "s.sqlite")
    try:
        host, port = server.url.split("//")[1].split(":")
        for _ in range(3):
            with socket.create_connection((host, int(port)), timeout=10) as s:
                s.sendall(
                    b"POST /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    b'Content-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"art'
                )
        assert server.request("/api/events")[0] == 200  # still serving
        err = server.stop()
    finally:
        server.kill()
    assert "Traceback" not in err and "Exception" not in err, err


@pytest.mark.parametrize("path", ["/", "/api/events", "/docs", "/openapi.json", "/events/x"])
def test_a_foreign_host_is_refused_on_every_route(client: TestClient, path: str) -> None:
    assert client.get(path, headers={"Host": "evil.example"}).status_code == 421
    assert client.get(path, headers={"Host": "evil.example:8000"}).status_code == 421
    assert client.get(path, headers={"Host": "127.0.0.1:8000"}).status_code in (200, 404)


def test_dns_rebinding_post_is_refused(client: TestClient) -> None:
    r = client.post(
        "/api/articles",
        content=payload([1]),
        headers={
            "Host": "evil.example:8000",
            "Origin": "http://evil.example:8000",
            "Content-Type": "application/json",
        },
    )
    assert r.status_code == 421 and "Content-Security-Policy" in r.headers


def test_allowed_hosts_add_names(tmp_path: Path) -> None:
    app = create_app(tmp_path / "s.sqlite", allowed_hosts=["news.lan"])
    c = TestClient(app, base_url="http://news.lan:8000")
    assert c.get("/api/events").status_code == 200
    assert c.get("/api/events", headers={"Host": "localhost"}).status_code == 421


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1899-12-31", "2101-01-01"])
def test_absurd_dates_are_422(client: TestClient, day: str) -> None:
    body = {"articles": [{"text": article_text(1), "date": day}]}
    r = client.post("/api/articles", json=body)
    assert r.status_code == 422 and "1900-01-01" in r.text
    r = client.post("/add", data={"text": article_text(1), "date": day})
    assert r.status_code == 400


def test_the_store_takes_any_date_the_api_allows_and_more(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.sqlite") as st:
        for i, day in enumerate(("9999-12-31", "0001-01-01")):
            from datetime import date

            a = Article.create(article_text(i), published=date.fromisoformat(day))
            assert st.add([a]).new == 1
        assert st.check() == []


def test_deep_json_is_400(client: TestClient) -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    r = client.post("/api/articles", content=deep, headers={"Content-Type": "application/json"})
    assert r.status_code == 400 and "nested" in r.json()["detail"]


def test_a_chunked_body_over_the_limit_is_413(client: TestClient) -> None:
    def chunks():  # noqa: ANN202
        for _ in range(40):
            yield b"x" * 10_000  # 400 kB, no Content-Length

    r = client.post("/api/articles", content=chunks(), headers={"Content-Type": "application/json"})
    assert r.status_code == 413


def test_a_warc_record_without_target_uri_is_4xx(client: TestClient) -> None:
    record = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:x>\r\n"
        b"Content-Type: application/http; msgtype=response\r\nContent-Length: 60\r\n\r\n"
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nHello world text here.\r\n\r\n\r\n"
    )
    r = client.post("/api/articles", files={"files": ("x.warc", record)})
    assert 400 <= r.status_code < 500
    assert "x.warc" in json.dumps(r.json())


def test_a_gzip_bomb_is_refused(client: TestClient) -> None:
    bomb = gzip.compress(b"The council met. " * 400_000)  # 6.8 MB inflated, 20 x 200 kB = 4 MB
    assert len(bomb) < 200_000
    r = client.post("/api/articles", files={"files": ("a.txt.gz", bomb)})
    assert r.status_code == 400 and "too large once decompressed" in r.text
    small = gzip.compress(article_text(3).encode())
    assert client.post("/api/articles", files={"files": ("a.txt.gz", small)}).status_code == 201


def test_docs_work_offline_under_the_csp(client: TestClient) -> None:
    r = client.get("/docs")
    assert r.status_code == 200
    assert "/api/articles" in r.text and "/openapi.json" in r.text
    assert "<script" not in r.text and "<link" not in r.text
    assert "cdn" not in r.text and "default-src 'none'" in r.headers["Content-Security-Policy"]
    assert client.get("/redoc").status_code == 404


def test_a_damaged_store_is_a_clean_503(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    with Store.open(path) as st:
        st.add([Article.create(article_text(1))])
    c = TestClient(create_app(path), base_url="http://localhost")  # checks, then lets go
    # damaged underneath: the header stays, every other page is noise
    data = bytearray(path.read_bytes())
    data[4096:] = bytes((k * 7919) % 251 for k in range(len(data) - 4096))
    path.write_bytes(bytes(data))
    r = c.get("/api/events")
    assert r.status_code == 503
    assert "the store is damaged" in r.json()["detail"] and str(path) not in r.text


def test_serve_port_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--store", str(tmp_path / "s.sqlite"), "--port", "99999"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "port" in err[0] and err[0].startswith("newsbrief: error: ")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        code = main(["serve", "--store", str(tmp_path / "s.sqlite"), "--port", str(port)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and len(err) == 1 and "cannot listen" in err[0]


def test_startup_line_names_the_url(tmp_path: Path) -> None:
    server = Server(tmp_path / "s.sqlite")
    try:
        assert server.url.startswith("http://127.0.0.1:")
        assert server.request("/api/events")[0] == 200
    finally:
        server.stop()
        server.kill()


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (Linux /proc)."""
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_bytes()
            except OSError:
                continue
            if int(stat.rsplit(b")", 1)[1].split()[1]) == pid:
                out.append(int(entry.name))
    return out


def _gone(pid: int, limit: float) -> bool:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_bytes().rsplit(b")", 1)[1].split()[0]
        except OSError:
            return True
        if state == b"Z":
            return True
        time.sleep(0.05)
    return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_the_writer_process_ends_when_the_server_is_killed_mid_post(tmp_path: Path) -> None:
    marker = tmp_path / "paused"
    server = Server(
        tmp_path / "s.sqlite",
        {"NEWSBRIEF_TEST_PAUSE": "articles:20", "NEWSBRIEF_TEST_PAUSE_FILE": str(marker)},
    )
    try:
        post = threading.Thread(
            target=lambda: _quietly(server.request, "/api/articles", payload(range(40)))
        )
        post.start()
        wait_for(marker, server.proc)  # the write is paused inside the worker process
        workers = _children(server.proc.pid)
        assert len(workers) == 1  # one writer
        assert server.request("/api/events", timeout=60)[0] == 200  # reads go on meanwhile
        server.proc.send_signal(signal.SIGKILL)
        server.proc.wait(timeout=30)
        post.join(timeout=60)
        assert _gone(workers[0], 10), "the writer outlived the server"
    finally:
        server.kill()
    with Store.open(tmp_path / "s.sqlite", create=False) as st:
        assert st.counts()["articles"] == 0  # the unacknowledged write was rolled back
        assert st.check() == []


def _quietly(fn: Any, *args: Any) -> None:
    try:
        fn(*args)
    except OSError:  # the server is killed before it answers
        pass


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_ctrl_c_reaching_the_writer_does_not_lose_the_queued_write(tmp_path: Path) -> None:
    marker, release = tmp_path / "paused", tmp_path / "release"
    server = Server(
        tmp_path / "s.sqlite",
        {
            "NEWSBRIEF_TEST_PAUSE": "articles:5",
            "NEWSBRIEF_TEST_PAUSE_FILE": str(marker),
            "NEWSBRIEF_TEST_RELEASE_FILE": str(release),
        },
    )
    try:
        answers: list[tuple[int, object]] = []
        post = threading.Thread(
            target=lambda: answers.append(server.request("/api/articles", payload(range(10))))
        )
        post.start()
        wait_for(marker, server.proc)
        (worker,) = _children(server.proc.pid)
        os.kill(worker, signal.SIGINT)  # as Ctrl-C sends it to the whole process group
        release.touch()
        post.join(timeout=300)
        assert answers and answers[0][0] == 201, answers
        err = server.stop()  # SIGINT to the server: stops once the queued writes are done
    finally:
        server.kill()
    assert "Traceback" not in err
    with Store.open(tmp_path / "s.sqlite", create=False) as st:
        assert st.counts()["articles"] == 10
