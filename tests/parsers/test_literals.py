"""A recorded answer kept as one multi-line string literal of a source declaration is read as the answer
(netscan/parsers/literals.py, through netscan/parsers/unwrap.py). Real examples: the Go constants of go-mfp,
gofish and huego kept as training files; synthetic variants in the other languages' literal forms show the
reader follows the syntax, not these files; look-alikes (prose with inline code, a Markdown fence, a short
literal among much code) are left alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netscan.model import Response
from netscan.parsers import fields
from netscan.parsers.literals import raw_literal
from netscan.parsers.unwrap import unwrap

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "noncameras"
DOC = '<?xml version="1.0"?>\n<root><device><manufacturer>Acme</manufacturer><modelName>CAM-100</modelName></device></root>'
JSON_DOC = '{\n  "model": "HS110(EU)",\n  "sw_ver": "1.1.4 Build 170417 Rel.145118"\n}'


def _raw(name: str) -> str:
    return str(json.loads((CORPUS / name).read_text(encoding="utf-8"))["responses"][0]["raw"])


def test_go_constant_of_a_wsd_answer() -> None:
    raw = _raw("kyocera-ecosys-m2040dn_wsd-metadata-go-literal-go-mfp.json")
    inner = raw_literal(raw)
    assert inner is not None and inner.startswith("<?xml") and inner.rstrip().endswith("</SOAP-ENV:Envelope>")
    f = fields(Response(protocol="wsd", port=5358, request="Get", raw=raw))
    assert f["wsd.xml.ThisModel/ModelName"] == ["ECOSYS M2040dn"]
    assert f["wsd.xml.ThisDevice/FirmwareVersion"] == ["2S0_2000.001.828"]


def test_go_struct_member_literal() -> None:
    raw = _raw("philips-hue-bridge_config-json-go-literal-huego.json")
    inner = raw_literal(raw)
    assert inner is not None and json.loads(inner)["swversion"] == "01012917"


def test_go_return_of_a_function() -> None:
    raw = 'func onResponse() string {\n\treturn `' + JSON_DOC + '`\n}'
    assert raw_literal(raw) == JSON_DOC


@pytest.mark.parametrize("raw", [
    "module.exports = `\n" + DOC + "\n`;",                                   # JavaScript template literal
    "export const DEVICE_INFO = `" + DOC + "`;",                             # TypeScript
    'DEVICE_INFO = """\n' + DOC + '\n"""',                                  # Python
    'val xml = """\n' + DOC + '\n""".trimIndent()',                         # Kotlin
    'String xml = """\n' + DOC + '\n""";',                                  # Java text block
    'let xml = r#"' + DOC + '"#;',                                          # Rust raw string
    'const char *xml = R"xml(' + DOC + ')xml";',                            # C++ raw string
    'var xml = @"' + DOC.replace('"', '""') + '";',                          # C# verbatim string
    "$xml = <<<XML\n" + DOC + "\nXML;",                                       # PHP heredoc
    "xml = <<~XML\n" + DOC + "\n  XML",                                       # Ruby squiggly heredoc
])
def test_synthetic_literals_of_other_languages(raw: str) -> None:
    assert raw_literal(raw) == DOC
    assert unwrap(raw) == DOC


def test_template_literal_escapes_undone() -> None:
    raw = "const x = `" + 'HTTP/1.1 200 OK\nServer: \\`web\\`\n\n{"a": 1}' + "`;"
    assert raw_literal(raw) == 'HTTP/1.1 200 OK\nServer: `web`\n\n{"a": 1}'


@pytest.mark.parametrize("raw", [
    "Run `curl http://10.0.0.2/info` and see the model in the answer of the device, which says nothing more.",
    "```\n" + DOC + "\n```",                                                  # a Markdown fence: unwrap's, not a literal
    DOC,                                                                       # a document as it stands
    "x = `{\"a\": 1}`\n" + "y = compute(x)\n" * 200,                          # a literal that is not most of the text
    "const x = `" + DOC,                                                       # never closed
    "The device said: `plain words only, no document here at all`",
])
def test_look_alikes_are_left_alone(raw: str) -> None:
    assert raw_literal(raw) is None
