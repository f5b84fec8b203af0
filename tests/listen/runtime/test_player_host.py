"""Inside the player helper: a file it cannot play is reported as this file's problem, before any sound output is touched.

These run PlayerHost in the test's process on purpose: each case ends before Qt Multimedia is used
(the sound output is the helper's; tests/listen/test_stuck_player.py runs the real helper).
"""

from __future__ import annotations

from conftest import DATA

from kiosk.core.narration import MAX_AUDIO_BYTES
from kiosk.listen.runtime.player_host import PlayerHost


def played(path) -> list[dict]:
    sent: list[dict] = []
    host = PlayerHost(sent.append)
    host.handle(f'{{"op": "play", "seq": 7, "id": 3, "path": "{path}", "volume": 0.5}}')
    return sent


def test_files_it_cannot_play_are_reported_and_acknowledged(tmp_path, qtbot):
    huge = tmp_path / "huge.wav"
    with huge.open("wb") as out:
        out.truncate(MAX_AUDIO_BYTES + 1)  # sparse: no 50 MB written
    (tmp_path / "text.wav").write_text("not a recording", encoding="utf-8")
    reasons = {name: played(path) for name, path in
               (("missing", tmp_path / "missing.wav"), ("huge", huge), ("text", tmp_path / "text.wav"), ("8-bit", DATA / "audio" / "8bit.wav"))}
    for sent in reasons.values():
        assert sent[0]["event"] == "state" and sent[0]["id"] == 3 and sent[0]["state"] == "failed"
        assert sent[1] == {"event": "ack", "seq": 7, "value": None}
    assert reasons["missing"][0]["reason"].startswith("cannot be read ([Errno 2]")
    assert reasons["huge"][0]["reason"] == "larger than 50 MB"
    assert reasons["text"][0]["reason"].startswith("cannot be read (")
    assert reasons["8-bit"][0]["reason"] == "not 16-bit PCM, mono or stereo"
