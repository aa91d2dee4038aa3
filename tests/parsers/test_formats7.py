"""Session 7 "formats" readers and model-field selection (docs/observations.md): each example is
written from the cited tool documentation, MIB or source, or from a training-corpus shape."""

from __future__ import annotations

from netscan.identify import identify
from netscan.model import Observation, Response
from netscan.parsers import fields
from netscan.sigdb import SignatureDB


def _f(raw: str, protocol: str = "other") -> dict[str, list[str]]:
    return fields(Response(protocol, raw, None, "recorded"))


# ------------------------------------------------------------------ IEEE802dot11-MIB resource table

#: dot11ResourceInfoTable columns (IEEE802dot11-MIB, 1.2.840.10036.3.1.2.1.{2,3,4}: manufacturer's
#: name, product name, product version), as Observium's airos poller prints them in its comment
#: (pgmillon/observium includes/polling/os/airos.inc.php) and as an snmpsim recording spells them.
DOT11_WALK = ("IEEE802dot11-MIB::dot11manufacturerProductName.5 = STRING: NanoBridge M5\n"
              "IEEE802dot11-MIB::dot11manufacturerProductVersion.5 = STRING: XM.ar7240.v5.5.2.14175.120816.1340\n")
DOT11_SNMPREC = ("1.3.6.1.2.1.1.1.0|4|Linux 2.6.32.29 #1 mips\n"
                 "1.2.840.10036.3.1.2.1.2.5|4|Ubiquiti Networks, Inc.\n"
                 "1.2.840.10036.3.1.2.1.3.5|4|NanoBridge M5\n")


def test_dot11_product_name_in_walks_and_snmprec() -> None:
    for raw in (DOT11_WALK, DOT11_SNMPREC, "iso.2.840.10036.3.1.2.1.3.5 = STRING: \"NanoBridge M5\"\n",
                "1.2.840.10036.3.1.2.1.3.5|4|NanoBridge M5\n1.2.840.10036.3.1.2.1.4.5|4|XM.v5.5.2\n"):
        f = _f(raw)
        assert f["snmp.dot11manufacturerProductName"] == ["NanoBridge M5"], raw
    assert _f(DOT11_SNMPREC)["snmp.dot11manufacturerName"] == ["Ubiquiti Networks, Inc."]
    # another table of the same MIB (dot11StationConfigTable's dot11DesiredSSID) is not a product name
    assert "snmp.dot11manufacturerProductName" not in _f("1.2.840.10036.1.1.1.9.5|4|NanoBridge M5\n1.3.6.1.2.1.1.5.0|4|x\n")


# ------------------------------------------------------------------ UPnP modelName vs modelNumber


def _upnp(name: str, number: str | None, maker: str = "Acme") -> Observation:
    num = f"<modelNumber>{number}</modelNumber>" if number is not None else ""
    raw = ('<?xml version="1.0"?><root xmlns="urn:schemas-upnp-org:device-1-0"><device>'
           "<deviceType>urn:schemas-upnp-org:device:Basic:1</deviceType><friendlyName>x</friendlyName>"
           f"<manufacturer>{maker}</manufacturer><modelName>{name}</modelName>{num}<UDN>uuid:1</UDN></device></root>")
    return Observation(ip=None, mac=None, responses=(Response("upnp", raw, None, "GET description"),))


def test_upnp_model_code_wins_over_a_line_name(db: SignatureDB) -> None:
    # UPnP Device Architecture 1.0 section 2.1; fillings as in the training corpus (hyconet4j's TV
    # descriptions, Linksys WAG200G, Sonos): a line name or a description in modelName, the code in
    # modelNumber -> the code; a product name in modelName and a short internal code -> the name
    assert identify(_upnp("Panasonic VIErA", "TH-55GX850"), db).model == "TH-55GX850"
    assert identify(_upnp("Wireless-G ADSL Home Gateway", "WAG200G"), db).model == "WAG200G"
    assert identify(_upnp("Sonos One", "S13"), db).model == "Sonos One"
    assert identify(_upnp("Sonos PLAY:1", "S12"), db).model == "Sonos PLAY:1"
    # a model code in modelName stays the model, whatever modelNumber holds
    assert identify(_upnp("TL-WR740N", "4.0"), db).model == "TL-WR740N"
    assert identify(_upnp("QE55Q60AAU", "AllShare1.0"), db).model == "QE55Q60AAU"
    assert identify(_upnp("FRITZ!Box 7530", "avme"), db).model == "FRITZ!Box 7530"
    # a version or a build date in modelNumber is no model code
    assert identify(_upnp("gmediarender", "2015-05-06_aa3d02c"), db).model == "gmediarender"
    assert identify(_upnp("Media Renderer", "V2.1.3"), db).model == "Media Renderer"
