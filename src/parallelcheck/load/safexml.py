"""XML parsing that cannot be turned against the user: no DTD, no entity expansion, no
network, no file read.

Exchange files come from outside (vendors, CAT tools), so a document type declaration is
refused outright, before anything in it is processed: a billion-laughs bomb, an external
entity naming ``/etc/passwd`` or a DTD to fetch from a URL all give one :class:`InputError`.
The check is defusedxml's (expat, with DTDs forbidden); the tree is then built by lxml with
entity resolution, DTD loading and network access off, for the line numbers of elements.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from .decode import MAX_BYTES


def read_xml_bytes(path: str | Path) -> bytes:
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{path}: file is too large (more than {MAX_BYTES // 2**20} MB)")
        data = p.read_bytes()
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from None
    if not data.strip():
        raise InputError(f"{path}: the file is empty")
    return data


def parse_xml(data: bytes, source: str):
    """The lxml root element of ``data``; :class:`InputError` (one line) for a DTD, an
    entity, or XML that is not well-formed."""
    import defusedxml.ElementTree as safe_et
    from defusedxml.common import DefusedXmlException
    from lxml import etree

    try:
        safe_et.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise InputError(f"{source}: refusing XML with a document type declaration or entities "
                         f"({type(exc).__name__})") from None
    except Exception as exc:  # ParseError and friends: not well-formed
        raise InputError(f"{source}: not well-formed XML: {exc}") from None
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, dtd_validation=False,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{source}: not well-formed XML: {exc}") from None


def local(tag) -> str:
    """An element's tag without its namespace ('' for comments and the like)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def attr(el, name: str, default: str = "") -> str:
    """An attribute by local name, whatever its namespace (``xml:lang``, ``sdl:conf``)."""
    for key, value in el.attrib.items():
        if key == name or local(key) == name:
            return value
    return default
