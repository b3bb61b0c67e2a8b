#!/usr/bin/env bash
# Installs the peer aligner for `python -m benchmarks.align --peers bertalign` into the active
# virtual environment. Benchmark-only: none of this is a dependency of parallelcheck.
#
# bertalign 2.0.1 (PyPI) declares Python >= 3.12, but this machine's offline CPU torch is for
# 3.11, so it is installed without its metadata checks, its imports are installed by hand,
# and its one 3.12-only line (a `type X = ...` alias) is rewritten to a plain assignment.
set -euo pipefail
pip install -q "torch==2.13.0" numba sentence-transformers "lingua-language-detector>=2.1,<2.2" sentence-splitter
pip install -q --no-deps --ignore-requires-python "bertalign==2.0.1"
aligner="$(python - <<'PY'
import importlib.util, pathlib
spec = importlib.util.find_spec("bertalign")
print(pathlib.Path(spec.origin).parent / "aligner.py")
PY
)"
sed -i -E 's/^type ([A-Za-z_]+) = /\1 = /' "$aligner"
python -c "import bertalign; print('bertalign', bertalign.__version__, 'ready')"
