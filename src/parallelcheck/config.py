"""Project configuration: ``parallelcheck.toml`` or ``[tool.parallelcheck]`` in ``pyproject.toml``.

Found like Ruff finds its own: from the working directory upwards, the first directory with a
``parallelcheck.toml`` (top-level keys) or a ``pyproject.toml`` that has a
``[tool.parallelcheck]`` table; ``--config PATH`` names one, ``--no-config`` ignores them.
Command-line options override the file. Keys are kebab-case; an unknown key or a value of
the wrong type is an error naming it, so a typo never silently changes nothing. Relative
paths (glossary, baseline, cache-dir) are relative to the file's directory.

    [tool.parallelcheck]
    languages = ["ko", "en", "ja", "zh", "fr"]
    pivot = "ko"
    fail-on = "error"
    ignore = ["PC107"]
    severity = { PC104 = "error" }
    glossary = "terms/glossary.csv"
    boilerplate = ['Photo: .*', '©.*All rights reserved\\.?']

    [tool.parallelcheck.settings.truncation]   # any key of parallelcheck.settings
    length = 0.55

    [tool.parallelcheck.thresholds]            # the short form of the most tuned settings
    drift = 0.4
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .errors import UsageError
from .load.boilerplate import compile_patterns
from .model import SEVERITIES
from .settings import DEFAULT, EvidenceTier, Settings
from .thresholds import Thresholds

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CONFIG_FILE = "parallelcheck.toml"
PYPROJECT = "pyproject.toml"


@dataclass(frozen=True)
class Config:
    """The settings of a config file (``None``/empty: not set, the command line or the
    default decides). ``path`` is the file they came from."""

    path: Path | None = None
    languages: tuple[str, ...] | None = None
    pivot: str | None = None
    source: str | None = None  # the version the others translate: blame follows it
    model: str | None = None
    fail_on: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    glossary: Path | None = None
    baseline: Path | None = None
    boilerplate: tuple[str, ...] = ()
    # The settings tree, with the file's [thresholds] (the short form) already applied.
    settings: Settings = DEFAULT
    cache_dir: Path | None = None
    threads: int | None = None
    # Documentation trees (check DIR): the layout (the source language is `source` above).
    layout: str | None = None
    input_format: str | None = None  # auto | text | markdown | html
    front_matter_keys: tuple[str, ...] | None = None  # front-matter keys whose values are prose

    @property
    def prose(self):
        """What of a Markdown/HTML file is prose (:class:`parallelcheck.load.prose.ProseSettings`)."""
        from .load.prose import DEFAULT_SETTINGS, ProseSettings

        if self.front_matter_keys is None:
            return DEFAULT_SETTINGS
        return ProseSettings(front_matter_keys=self.front_matter_keys)


def _str_list(key: str, value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UsageError(f"{where}: '{key}' must be a list of strings")
    return tuple(value)


def _string(key: str, value: Any, where: str, choices: tuple[str, ...] | None = None) -> str:
    if not isinstance(value, str) or not value.strip():
        raise UsageError(f"{where}: '{key}' must be a non-empty string")
    if choices and value not in choices:
        raise UsageError(f"{where}: '{key}' must be one of {', '.join(choices)}, not '{value}'")
    return value


def _thresholds(value: Any, where: str) -> Thresholds:
    if not isinstance(value, dict):
        raise UsageError(f"{where}: 'thresholds' must be a table")
    known = {f.name.replace("_", "-"): f for f in fields(Thresholds)}
    out = {}
    for key, v in value.items():
        f = known.get(key)
        if f is None:
            raise UsageError(f"{where}: unknown key 'thresholds.{key}' (known: {', '.join(sorted(known))})")
        integral = f.type in (int, "int")
        if isinstance(v, bool) or not isinstance(v, (int, float)) or (integral and not isinstance(v, int)):
            raise UsageError(f"{where}: 'thresholds.{key}' must be {'an integer' if integral else 'a number'}")
        if not integral and not 0.0 <= v <= 1.0:
            raise UsageError(f"{where}: 'thresholds.{key}' must be between 0 and 1, not {v}")
        if integral and v < 0:
            raise UsageError(f"{where}: 'thresholds.{key}' must not be negative")
        out[f.name] = v
    return Thresholds(**out)


def _settings(value: Any, where: str) -> Settings:
    """The ``[settings]`` tree: one table per group of :mod:`parallelcheck.settings`, keys
    kebab-case; every value checked against the type of its default."""
    if not isinstance(value, dict):
        raise UsageError(f"{where}: 'settings' must be a table of groups")
    settings = DEFAULT
    groups = {f.name: f for f in fields(Settings)}
    for group_key, table in value.items():
        group = groups.get(group_key.replace("-", "_"))
        if group is None:
            raise UsageError(f"{where}: unknown settings group 'settings.{group_key}' "
                             f"(known: {', '.join(sorted(groups))})")
        if not isinstance(table, dict):
            raise UsageError(f"{where}: 'settings.{group_key}' must be a table")
        default_group = getattr(DEFAULT, group.name)
        known = {f.name.replace("_", "-"): f.name for f in fields(default_group)}
        for key, v in table.items():
            name = known.get(key)
            if name is None:
                raise UsageError(f"{where}: unknown key 'settings.{group_key}.{key}' "
                                 f"(known: {', '.join(sorted(known))})")
            settings = settings.replace(f"{group.name}.{name}",
                                        _setting_value(f"settings.{group_key}.{key}", v,
                                                       getattr(default_group, name), where))
    return settings


def _number(key: str, v: Any, default: Any, where: str) -> int | float:
    integral = isinstance(default, int)
    if isinstance(v, bool) or not isinstance(v, (int, float)) or (integral and not isinstance(v, int)):
        raise UsageError(f"{where}: '{key}' must be {'an integer' if integral else 'a number'}")
    return v if integral else float(v)


def _setting_value(key: str, v: Any, default: Any, where: str) -> Any:
    """``v`` checked against the shape of ``default``: a number, a table of numbers by
    language (merged into the default table; ``"*"`` stands for the others), or a list of
    evidence tiers."""
    if isinstance(default, dict):
        if not isinstance(v, dict):
            raise UsageError(f"{where}: '{key}' must be a table of language = number")
        merged = dict(default)
        kind = default.get("*", next(iter(default.values()), 0))
        merged.update({lang: _number(f"{key}.{lang}", x, kind, where) for lang, x in v.items()})
        return merged
    if isinstance(default, tuple):  # evidence tiers: [[longer-by, max-z, min-part-gain], ...]
        if (not isinstance(v, list) or not v
                or not all(isinstance(t, list) and len(t) == 3 for t in v)):
            raise UsageError(f"{where}: '{key}' must be a list of [longer-by, max-z, min-part-gain] triples")
        return tuple(EvidenceTier(*(_number(key, x, 0.0, where) for x in t)) for t in v)
    return _number(key, v, default, where)


def parse_config(table: dict[str, Any], path: Path) -> Config:
    """Validate one config table (the contents of ``parallelcheck.toml`` or of
    ``[tool.parallelcheck]``) read from ``path``."""
    where = str(path)
    base = path.parent

    def rel(key: str, value: Any) -> Path:
        p = Path(_string(key, value, where)).expanduser()
        return p if p.is_absolute() else base / p

    parsers = {
        "languages": lambda v: _str_list("languages", v, where),
        "pivot": lambda v: _string("pivot", v, where),
        "source": lambda v: _string("source", v, where),
        "model": lambda v: _string("model", v, where),
        "fail-on": lambda v: _string("fail-on", v, where, ("error", "warning")),
        "select": lambda v: _str_list("select", v, where),
        "ignore": lambda v: _str_list("ignore", v, where),
        "severity": lambda v: _severity(v, where),
        "glossary": lambda v: rel("glossary", v),
        "baseline": lambda v: rel("baseline", v),
        "boilerplate": lambda v: _patterns(v, where),
        "thresholds": lambda v: _thresholds(v, where),
        "settings": lambda v: _settings(v, where),
        "cache-dir": lambda v: rel("cache-dir", v),
        "threads": lambda v: _threads(v, where),
        "layout": lambda v: _string("layout", v, where),
        "input-format": lambda v: _string("input-format", v, where, ("auto", "text", "markdown", "html")),
        "front-matter-keys": lambda v: _str_list("front-matter-keys", v, where),
    }
    values = {}
    for key, value in table.items():
        parse = parsers.get(key)
        if parse is None:
            raise UsageError(f"{where}: unknown key '{key}' (known: {', '.join(sorted(parsers))})")
        values[key.replace("-", "_")] = parse(value)
    thresholds = values.pop("thresholds", Thresholds())
    values["settings"] = thresholds.apply(values.get("settings", DEFAULT))
    return Config(path=path, **values)


def _severity(value: Any, where: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise UsageError(f"{where}: 'severity' must be a table of rule id = \"error\"|\"warning\"|\"info\"")
    for rule, level in value.items():
        if level not in SEVERITIES:
            raise UsageError(f"{where}: severity of {rule} must be error, warning or info, not '{level}'")
    return dict(value)


def _patterns(value: Any, where: str) -> tuple[str, ...]:
    patterns = _str_list("boilerplate", value, where)
    try:
        compile_patterns(patterns)  # the loader's own check, so both say the same
    except UsageError as exc:
        raise UsageError(f"{where}: {exc}") from None
    return patterns


def _threads(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise UsageError(f"{where}: 'threads' must be a positive integer")
    return value


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise UsageError(f"{path}: config file not found") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read config: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: invalid TOML: {exc}") from None


def _table_of(path: Path, data: dict[str, Any]) -> dict[str, Any] | None:
    """The parallelcheck table of a config file: the whole ``parallelcheck.toml``, or the
    ``[tool.parallelcheck]`` table of a pyproject (None when it has none)."""
    if path.name != PYPROJECT:
        return data
    table = data.get("tool", {}).get("parallelcheck")
    if table is not None and not isinstance(table, dict):
        raise UsageError(f"{path}: [tool.parallelcheck] must be a table")
    return table


def load_config(path: str | Path) -> Config:
    """Read one config file: a ``parallelcheck.toml`` or a ``pyproject.toml``."""
    path = Path(path)
    table = _table_of(path, _read_toml(path))
    if table is None:
        raise UsageError(f"{path}: no [tool.parallelcheck] table")
    return parse_config(table, path)


def find_config(start: str | Path | None = None) -> Config:
    """The config that applies in ``start`` (default: the working directory): the nearest
    ``parallelcheck.toml``, or ``pyproject.toml`` with a ``[tool.parallelcheck]`` table, in it
    or above it. An empty :class:`Config` when there is none."""
    here = Path(start or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        for name in (CONFIG_FILE, PYPROJECT):
            candidate = directory / name
            if candidate.is_file():
                table = _table_of(candidate, _read_toml(candidate))
                if table is not None:
                    return parse_config(table, candidate)
    return Config()
