"""The one YAML reader for signature data: UTF-8 only, size-capped, no aliases.

YAML aliases (``*name``) let a few hundred bytes stand for an exponentially large document (the
"billion laughs" of YAML): PyYAML builds it from shared references, and the first walk over it
hangs. Signature files never need aliases, so a document that uses one is refused before it is
constructed: the composed node graph is walked once, and a node reached twice is an alias.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from netscan.errors import SignatureError

try:  # the C loader is ~10x faster; fall back silently when libyaml is absent
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

#: Largest signature file read (the OUI registry is TSV, not YAML; the biggest YAML file is ~1 MB).
MAX_YAML_BYTES = 16 * 1024 * 1024


def _refuse_aliases(root: yaml.Node, where: str) -> None:
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            line = node.start_mark.line + 1 if node.start_mark else "?"
            raise SignatureError(f"{where}: YAML aliases are not allowed (line {line})")
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                stack.append(k)
                stack.append(v)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
#: Key tags the safe constructor rewrites a mapping for (``<<`` merges, ``=`` values): left to it.
_SPECIAL_KEYS = frozenset({"tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"})


class _Unusual(Exception):
    """A document the direct build leaves to PyYAML's constructor (a merge key, a key that is a list or a mapping)."""


def _build(loader: Any, node: yaml.Node) -> Any:
    """What ``loader.construct_document(node)`` gives, built directly for the tags signature files use: strings,
    mappings and sequences here (most of a file's nodes, each of which the constructor dispatches through several
    calls and a generator), every other node (numbers, booleans, nulls, dates, sets) by the constructor itself.
    Raises _Unusual for a document it leaves whole to the constructor. Aliases were refused before (no node is
    reached twice)."""
    tag = node.tag
    if tag == _STR and node.__class__ is yaml.ScalarNode:
        return node.value
    if tag == _MAP and node.__class__ is yaml.MappingNode:
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag in _SPECIAL_KEYS:
                raise _Unusual
            key = _build(loader, key_node)
            if key.__class__ is list or key.__class__ is dict:
                raise _Unusual  # (unhashable: the constructor names the error)
            out[key] = _build(loader, value_node)
        return out
    if tag == _SEQ and node.__class__ is yaml.SequenceNode:
        return [_build(loader, item) for item in node.value]
    return loader.construct_object(node, deep=True)


def load_yaml_text(text: str, where: str) -> Any:
    """Parse one YAML document; SignatureError (naming ``where``) on bad YAML or an alias.

    A document that is JSON (YAML's subset: the generated fingerprint files, scripts/import_*.py) is
    read by the json module, which has no aliases and is ~50x faster than building YAML nodes."""
    if text.lstrip().startswith("{"):
        try:
            return json.loads(text)
        except (ValueError, RecursionError):
            pass  # a YAML flow mapping that is not JSON: read as YAML below
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if "&" in text:  # (an alias refers to an anchor, ``&name``: a text without one has none)
            _refuse_aliases(node, where)
        try:
            return _build(loader, node)
        except _Unusual:
            return loader.construct_document(node)
    except yaml.YAMLError as exc:
        raise SignatureError(f"{where}: invalid YAML: {exc}") from None
    except RecursionError:
        raise SignatureError(f"{where}: YAML nested too deeply") from None
    finally:
        loader.dispose()


def load_yaml(path: Path, name: str | None = None) -> Any:
    """Read a signature YAML file: UTF-8 (a bad byte is named with its offset), capped, no aliases."""
    where = name or str(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_YAML_BYTES + 1)
    except OSError as exc:
        raise SignatureError(f"{where}: cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_YAML_BYTES:
        raise SignatureError(f"{where}: larger than {MAX_YAML_BYTES} bytes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SignatureError(f"{where}: not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
    return load_yaml_text(text, where)
