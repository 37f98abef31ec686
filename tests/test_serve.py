"""The practice page (``voicecoach serve``): the JSON API with Starlette's TestClient, the
upload limits driven at the ASGI level, and the page itself in a real browser."""

from __future__ import annotations

import asyncio
import io
import json
import re
import shutil
import socket
import threading
import time
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from conftest import SAMPLES

starlette = pytest.importorskip("starlette", reason="the serve extra is not installed")
from starlette.testclient import TestClient  # noqa: E402

from voicecoach.serve import ServeConfig, create_app  # noqa: E402
from voicecoach.serve.worker import Worker  # noqa: E402

PAGE = {"x-voicecoach": "1"}
LOCAL = "http://127.0.0.1"
MB = 1_000_000


def no_model():
    return None


@pytest.fixture
def light(tmp_path):
    """An app whose worker loads no model: for requests refused before any analysis."""
    config = ServeConfig(data_dir=tmp_path / "data", history=str(tmp_path / "h.sqlite"),
                         max_upload_bytes=1 * MB, make_transcriber=no_model)
    with TestClient(create_app(config), base_url=LOCAL) as client:
        yield client, tmp_path


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """An app with the real Whisper model, shared by the slow tests (loaded once)."""
    tmp = tmp_path_factory.mktemp("serve")
    config = ServeConfig(data_dir=tmp / "data", history=str(tmp / "h.sqlite"))
    with TestClient(create_app(config), base_url=LOCAL) as client:
        yield client, tmp


def post_take(client, path_or_bytes, name: str, agent: str = "dana", **fields):
    body = path_or_bytes.read_bytes() if isinstance(path_or_bytes, Path) else path_or_bytes
    return client.post("/api/takes", data={"agent": agent, **fields},
                       files={"audio": (name, io.BytesIO(body))}, headers=PAGE)


def wait_for(client, job_id: str, timeout_s: float = 240.0) -> dict:
    end = time.monotonic() + timeout_s
    while time.monotonic() < end:
        job = client.get(f"/api/jobs/{job_id}").json()
        if job["status"] in ("done", "error"):
            return job
        assert 0.0 <= job["fraction"] <= 1.0
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} did not finish in {timeout_s} s")


def uploads_left(tmp: Path) -> list[Path]:
    return list((tmp / "data" / "uploads").iterdir())


# ---- refused before analysis -------------------------------------------------------

def test_garbage_named_wav_is_refused_with_the_reason(light):
    client, tmp = light
    r = post_take(client, b"RIFF-not-really" * 500, "take.wav")
    assert r.status_code == 422
    assert r.json() == {"error": "take.wav: not a readable audio file (format not recognised)"}
    assert uploads_left(tmp) == []  # the refused upload is deleted


def test_a_file_name_is_never_a_path(light):
    client, tmp = light
    r = post_take(client, b"\x00" * 4000, "../../escaped.wav")
    assert r.status_code == 422 and r.json()["error"].startswith("../../escaped.wav: ")
    assert not list(tmp.rglob("escaped.wav")) and not (tmp.parent / "escaped.wav").exists()


@pytest.mark.parametrize("fields, files, status, error", [
    ({}, {"audio": ("a.wav", b"x")}, 400, "give the agent's name (whose take it is)"),
    ({"agent": "  "}, {"audio": ("a.wav", b"x")}, 400, "give the agent's name (whose take it is)"),
    ({"agent": "dana"}, {}, 400, "the form holds no recording (send it as the field audio)"),
    ({"agent": "x" * 101}, {"audio": ("a.wav", b"x")}, 400,
     "the agent's name is longer than 100 characters"),
    ({"agent": "dana", "reference_take": "seven"}, None, 400,
     "reference_take must be a take number, not 'seven'"),
    ({"agent": "dana", "reference_take": "41"}, None, 404, "there is no take 41 in the history"),
])
def test_bad_forms_get_one_line(light, fields, files, status, error):
    client, _ = light
    if files is None:
        buf = io.BytesIO()
        sf.write(buf, np.zeros(32_000, dtype=np.float32), 16_000, format="WAV")
        files = {"audio": ("a.wav", buf.getvalue())}
    r = client.post("/api/takes", data=fields, files=files or {"x": ("x.txt", b"")},
                    headers=PAGE)
    assert (r.status_code, r.json()) == (status, {"error": error})


def test_uploads_must_come_from_the_page(light):
    client, _ = light
    r = client.post("/api/takes", data={"agent": "dana"}, files={"audio": ("a.wav", b"x")})
    assert r.status_code == 403 and "x-voicecoach" in r.json()["error"]


def test_errors_are_json_lines(light):
    client, _ = light
    assert client.get("/api/jobs/j999").json() == {
        "error": "no job 'j999' (the server may have restarted)"}
    assert client.get("/nowhere").json() == {"error": "not found: /nowhere"}
    r = client.get("/api/agents/nobody/progress")
    assert (r.status_code, r.json()) == (404, {"error": "no takes stored for 'nobody' yet"})
    assert client.get("/api/takes/5/audio").json() == {"error": "take 5 has no recording kept"}
    r = client.post("/api/takes", content=b"agent=dana", headers={
        **PAGE, "content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 400 and "multipart/form-data" in r.json()["error"]


def test_other_hosts_are_refused(light):
    client, _ = light
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400


def test_the_page_and_its_files_are_served(light):
    client, _ = light
    page = client.get("/")
    assert page.status_code == 200 and "<button type=\"button\" id=\"record\"" in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for name in re.findall(r'(?:src|href)="(/static/[^"]+)"', page.text):
        assert client.get(name).status_code == 200, name
    assert "http" not in re.sub(r"http://127\.0\.0\.1", "", client.get("/static/app.js").text)


# ---- the size limit, at the ASGI level (the body is pulled chunk by chunk) -------------

def _asgi_post(app, chunks, headers) -> tuple[int, dict, int]:
    """POST ``chunks`` to ``app``; returns the status, the JSON and the bytes pulled."""
    pulled, sent = 0, []
    it = iter(chunks)

    async def receive():
        nonlocal pulled
        chunk = next(it, None)
        if chunk is None:
            return {"type": "http.request", "body": b"", "more_body": False}
        pulled += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": True}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "POST", "scheme": "http", "path": "/api/takes", "raw_path": b"/api/takes",
             "query_string": b"", "root_path": "", "client": ("127.0.0.1", 5000),
             "server": ("127.0.0.1", 8765),
             "headers": [(b"host", b"127.0.0.1"), *((k.encode(), v.encode())
                                                    for k, v in headers.items())]}
    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], json.loads(body), pulled


def _big_form(total_bytes: int, chunk: int = 64 * 1024):
    head = (b'--B\r\nContent-Disposition: form-data; name="agent"\r\n\r\ndana\r\n'
            b'--B\r\nContent-Disposition: form-data; name="audio"; filename="big.wav"\r\n'
            b"Content-Type: audio/wav\r\n\r\n")
    yield head
    for _ in range(total_bytes // chunk):
        yield b"\x01" * chunk


@pytest.fixture
def tiny_limit_app(tmp_path):
    config = ServeConfig(data_dir=tmp_path / "data", history=str(tmp_path / "h.sqlite"),
                         max_upload_bytes=1 * MB, make_transcriber=no_model)
    return create_app(config), tmp_path


def test_an_oversize_upload_is_cut_off_at_the_limit(tiny_limit_app):
    app, tmp = tiny_limit_app
    status, data, pulled = _asgi_post(app, _big_form(20 * MB), {
        **PAGE, "content-type": "multipart/form-data; boundary=B"})
    assert status == 413
    assert data == {"error": "the upload is larger than the limit of 1 MB "
                             "(serve --max-upload-mb)"}
    assert 1 * MB < pulled <= 1 * MB + 2 * 64 * 1024  # stopped right after the limit
    assert uploads_left(tmp) == []


def test_a_content_length_over_the_limit_is_refused_unread(tiny_limit_app):
    app, _ = tiny_limit_app
    status, data, pulled = _asgi_post(app, _big_form(20 * MB), {
        **PAGE, "content-type": "multipart/form-data; boundary=B",
        "content-length": str(20 * MB)})
    assert (status, pulled) == (413, 0)
    assert "larger than the limit of 1 MB" in data["error"]


# ---- the worker --------------------------------------------------------------------

def test_a_failing_job_is_one_line_and_the_next_still_runs():
    worker = Worker(no_model)
    worker.start()
    cleaned = []

    def bad(transcriber, progress):
        progress("measuring", 0.5)
        raise ValueError("bad\nsecond line")

    def good(transcriber, progress):
        progress("transcribing", 0.3)
        return {"ok": True}

    jobs = [worker.submit(bad, on_finish=lambda: cleaned.append(1)), worker.submit(good)]
    end = time.monotonic() + 10
    while any(j.status in ("queued", "running") for j in jobs) and time.monotonic() < end:
        time.sleep(0.01)
    worker.stop()
    assert jobs[0].to_dict() == {"job_id": jobs[0].id, "status": "error", "stage": "measuring",
                                 "fraction": 0.5, "error": "internal error (ValueError: bad)"}
    assert jobs[1].to_dict()["result"] == {"ok": True} and cleaned == [1]


def test_a_model_that_cannot_load_fails_each_job_with_the_reason():
    from voicecoach.errors import TranscriptionError

    def broken():
        raise TranscriptionError("Whisper model 'nope' is not available offline")

    worker = Worker(broken)
    worker.start()
    job = worker.submit(lambda t, p: {})
    while job.status in ("queued", "running"):
        time.sleep(0.01)
    worker.stop()
    assert job.error == "Whisper model 'nope' is not available offline"


# ---- the command -------------------------------------------------------------------

def test_serve_help_says_it_is_local_only(capsys):
    from voicecoach.cli import main

    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    out = capsys.readouterr().out
    assert "127.0.0.1" in out and "--max-upload-mb" in out and "--history" in out


def test_serve_warns_when_bound_beyond_this_computer(tmp_path, capsys, monkeypatch):
    import uvicorn

    from voicecoach.cli import main

    seen = {}
    monkeypatch.setattr(uvicorn.Server, "run", lambda self: seen.update(host=self.config.host))
    rc = main(["serve", "--host", "0.0.0.0", "--port", "0", "--data-dir", str(tmp_path / "d"),
               "--history", str(tmp_path / "h.sqlite")])
    err = capsys.readouterr().err
    assert rc == 0 and seen == {"host": "0.0.0.0"}
    assert "warning: listening on 0.0.0.0: other computers can reach" in err


# ---- with the real model -----------------------------------------------------------

@pytest.mark.slow
def test_a_take_gets_its_report_card(served):
    client, _ = served
    sample = SAMPLES / "good_opening.flac"
    t0 = time.monotonic()
    r = post_take(client, sample, "good_opening.flac", agent="ana")
    assert r.status_code == 202
    job = wait_for(client, r.json()["job_id"])
    elapsed = time.monotonic() - t0
    print(f"\n32 s take: report {elapsed:.1f} s after the upload")
    assert job["status"] == "done", job.get("error")
    res = job["result"]
    card, report = res["card"], res["report"]
    assert card["score"] == report["score"] and card["score"] >= 80
    assert report["file"] == "good_opening.flac" and res["comparison"] is None
    assert len(card["next_steps"]) <= 3  # only what needs work: none may, on a good take
    rate = next(f for f in card["findings"] if f["key"] == "pace.rate")
    assert rate["verdict"] == "on target" and rate["measured"].endswith("wpm")
    assert card["timeline_png"].startswith("data:image/png;base64,")
    kinds = {e["kind"] for e in card["events"]}
    assert {"pause", "question"} <= kinds
    question = next(e for e in card["events"] if e["kind"] == "question")
    assert "Jordan Blake" in question["label"]
    audio = client.get(f"/api/takes/{res['take_id']}/audio")
    assert audio.headers["content-type"] == "audio/flac"
    assert audio.content == sample.read_bytes()
    part = client.get(f"/api/takes/{res['take_id']}/audio", headers={"range": "bytes=4-99"})
    assert part.status_code == 206 and part.content == sample.read_bytes()[4:100]


@pytest.mark.slow
def test_two_takes_queue_and_the_second_is_compared(served):
    client, _ = served
    name = "<img src=x onerror=alert(1)>.flac"
    first = post_take(client, SAMPLES / "good_opening.flac", "good.flac", agent="ben")
    second = post_take(client, SAMPLES / "rushed_opening.flac", name, agent="ben")
    jobs = [wait_for(client, r.json()["job_id"]) for r in (first, second)]
    assert [j["status"] for j in jobs] == ["done", "done"]
    one, two = (j["result"] for j in jobs)
    assert two["previous_take_id"] == one["take_id"] and two["file"] == name
    cmp = two["comparison"]
    assert cmp["error"] is None and len(cmp["json"]["takes"]) == 2
    pace = next(m for m in cmp["json"]["measures"] if m["key"] == "pace.rate")
    assert pace["direction"] == "away" and pace["values"][1] > 200 > 150 > pace["values"][0]
    assert "<table>" in cmp["html"] and "<img src=x" not in cmp["html"]
    assert "&lt;img src=x onerror=alert(1)&gt;.flac" in cmp["html"]
    prog = client.get("/api/agents/ben/progress").json()
    assert prog["n_takes"] == 2 and [t["id"] for t in prog["takes"]] == [one["take_id"],
                                                                        two["take_id"]]
    png = client.get("/api/agents/ben/progress.png")
    assert png.headers["content-type"] == "image/png" and png.content[:4] == b"\x89PNG"


@pytest.mark.slow
def test_a_silent_take_gets_a_readable_message(served):
    client, _ = served
    buf = io.BytesIO()
    sf.write(buf, np.zeros(5 * 16_000, dtype=np.float32), 16_000, format="WAV")
    job = wait_for(client, post_take(client, buf.getvalue(), "quiet.wav").json()["job_id"])
    assert job["status"] == "error"
    assert job["error"].startswith("quiet.wav: no speech found")


@pytest.mark.slow
def test_the_trainer_take_is_compared_phrase_by_phrase(served):
    client, _ = served
    take = (SAMPLES / "retake_opening.flac").read_bytes()
    ref = (SAMPLES / "trainer_reference.flac").read_bytes()
    r = client.post("/api/takes", data={"agent": "cleo"}, headers=PAGE,
                    files={"audio": ("retake.flac", take), "reference": ("trainer.flac", ref)})
    job = wait_for(client, r.json()["job_id"])
    assert job["status"] == "done", job.get("error")
    reference = job["result"]["comparison"]["json"]["reference"]
    assert reference["reference"] == "trainer.flac" and reference["differences"]
    assert "jordan blake" in reference["differences"][0]["message"]


# ---- the page in a real browser -----------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def live_server(tmp_path):
    import uvicorn

    config = ServeConfig(data_dir=tmp_path / "data", history=str(tmp_path / "h.sqlite"))
    server = uvicorn.Server(uvicorn.Config(create_app(config), host="127.0.0.1",
                                           port=_free_port(), log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    end = time.monotonic() + 30
    while not server.started and time.monotonic() < end:
        time.sleep(0.05)
    assert server.started
    yield f"http://127.0.0.1:{server.config.port}/"
    server.should_exit = True
    thread.join(30)


def _until(page, js: str, timeout_s: float = 120.0) -> None:
    """Wait until ``js`` (an expression) is true in the page (polled from here: the page's
    content security policy forbids the string evaluation wait_for_function uses)."""
    end = time.monotonic() + timeout_s
    while not page.evaluate(f"() => Boolean({js})"):
        assert time.monotonic() < end, f"timed out waiting for {js}"
        page.wait_for_timeout(100)


def _not_blank(png: Path) -> None:
    from PIL import Image

    with Image.open(png) as im:
        colours = im.convert("RGB").getcolors(maxcolors=1 << 20)
    assert colours is None or len(colours) > 50, f"{png} is nearly one colour"


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (.ci/run installs it)")
def test_record_twice_in_a_browser(live_server, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs playwright (test extra)")
    y, sr = sf.read(SAMPLES / "good_opening.flac", dtype="float32")
    wav = tmp_path / "mic.wav"
    sf.write(wav, y, sr, subtype="PCM_16")  # Chromium's fake microphone loops it
    errors: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream", f"--use-file-for-fake-audio-capture={wav}"])
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(live_server)
        page.fill("#agent", "dana")
        for n in (1, 2):
            page.click("#record")
            page.wait_for_timeout(14_000)
            page.click("#stop")
            _until(page, f"document.querySelectorAll('.card').length === {n}")
            page.wait_for_selector("#busy", state="hidden")
            page.screenshot(path=tmp_path / f"take{n}.png", full_page=True)
        latest = page.locator(".card.latest")
        assert re.fullmatch(r"\d{1,3}", latest.locator(".score-n").inner_text())
        assert latest.locator(".findings tbody tr").count() >= 6
        assert latest.locator(".events button").count() >= 1
        assert page.locator("#comparison").is_visible()
        assert page.locator("#moved li").count() >= 1
        assert page.locator("#error").is_hidden()
        jump = latest.locator(".events button").nth(1)
        at_s = float(jump.inner_text().split(" s")[0])
        jump.click()  # jumps the player to that moment
        _until(page, f"document.querySelector('.card.latest audio').currentTime >= {at_s - 0.6}",
               20)
        page.click("#tab-progress")
        _until(page, "document.getElementById('progress-img').naturalWidth > 0", 30)
        assert "2 takes stored" in page.inner_text("#progress-msg")
        page.screenshot(path=tmp_path / "progress.png")
        browser.close()
    assert errors == []
    for name in ("take1.png", "take2.png", "progress.png"):
        _not_blank(tmp_path / name)
