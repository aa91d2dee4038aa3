"""A structured document printed as one labelled value of a log line.

Client libraries log a device's answer after a label: python-synology's ``RESPONSE: {'data': {'model':
'DS920+', 'version_string': 'DSM 7.0-41890'}, 'success': True}`` (https://github.com/ProtoThis/python-synology,
``synology_dsm.py``'s debug log), an integration's ``Device info: {...}``, ``Result = [{...}]``. The line readers
keep such a line as one ``<protocol>.kv.<Label>`` value (the label is read as a key, the document as its text),
and a line that looks like a header keeps the same text as a header's value: the document's members are then
not read.

``documents_in_values`` reads every such value that is one JSON document or Python literal whole (after the
readers the text went through) as ``<protocol>.json.<Label>.<path>`` leaves -- the label kept first in the
path, so that the guards that tell a device from a list of devices (``cameras``, ``channels``, a ``...List``)
see it.
"""

from __future__ import annotations

from netscan.parsers._util import MAX_FIELDS, Fields, Unreadable, json_leaves, parse_loose

#: Values read per response, and the longest one read.
MAX_DOCUMENTS = 8
MAX_DOCUMENT_CHARS = 16384


def documents_in_values(out: Fields) -> None:
    """Add the members of every ``<protocol>.kv.<Label>`` value that is one structured document (see the module)."""
    keys = [k for k in out if ".kv." in k]
    if not keys:
        return
    done = 0
    for key in keys:
        proto, _, label = key.partition(".kv.")
        if not label or "." in proto:
            continue
        for value in out[key]:
            text = value.strip()
            if text[:1] not in ("{", "[") or text[-1:] not in ("}", "]") or len(text) > MAX_DOCUMENT_CHARS:
                continue
            try:
                doc = parse_loose(text)
            except Unreadable:
                continue
            if not isinstance(doc, (dict, list)) or len(out) >= MAX_FIELDS:
                continue
            json_leaves(doc, out, f"{proto}.json.{label}.")
            done += 1
            if done >= MAX_DOCUMENTS:
                return
