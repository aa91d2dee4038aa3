"""A DPWS device's metadata (WS-Transfer GetResponse with ThisModel and ThisDevice, DPWS 1.1 section 5) is read
as the WS-Discovery answer's fields (netscan/parsers/soap.py wsd_fields): its model's and device's leaves, as
any XML answer's. Real example: a Kyocera MFP's metadata (training file, go-mfp); a synthetic variant with
other names and prefixes; a ProbeMatch without metadata gets no such fields."""

from __future__ import annotations

from netscan.model import Observation, Response
from netscan.identify import identify
from netscan.parsers.soap import wsd_fields
from netscan.sigdb import load_db

SYNTHETIC = """<?xml version="1.0"?>
<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:mex="http://schemas.xmlsoap.org/ws/2004/09/mex"
 xmlns:dp="http://schemas.xmlsoap.org/ws/2006/02/devprof" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing">
 <s:Header><a:Action>http://schemas.xmlsoap.org/ws/2004/09/transfer/GetResponse</a:Action></s:Header>
 <s:Body><mex:Metadata>
  <mex:MetadataSection Dialect="http://schemas.xmlsoap.org/ws/2006/02/devprof/ThisDevice"><dp:ThisDevice>
   <dp:FriendlyName>Lobby printer</dp:FriendlyName><dp:FirmwareVersion>4.05.17</dp:FirmwareVersion>
   <dp:SerialNumber>X123</dp:SerialNumber></dp:ThisDevice></mex:MetadataSection>
  <mex:MetadataSection Dialect="http://schemas.xmlsoap.org/ws/2006/02/devprof/ThisModel"><dp:ThisModel>
   <dp:Manufacturer>Brother</dp:Manufacturer><dp:ModelName>HL-L2350DW series</dp:ModelName>
   <dp:ModelNumber>HL-L2350DW</dp:ModelNumber></dp:ThisModel></mex:MetadataSection>
 </mex:Metadata></s:Body></s:Envelope>"""


def test_synthetic_metadata_leaves() -> None:
    f = wsd_fields(SYNTHETIC)
    assert f["wsd.xml.ThisModel/Manufacturer"] == ["Brother"]
    assert f["wsd.xml.ThisModel/ModelNumber"] == ["HL-L2350DW"]
    assert f["wsd.xml.ThisDevice/FirmwareVersion"] == ["4.05.17"]
    obs = Observation(ip=None, mac=None, responses=(Response(protocol="wsd", port=5358, request="Get", raw=SYNTHETIC),))
    ident = identify(obs, load_db())
    assert (ident.vendor, ident.firmware) == ("Brother", "4.05.17")


def test_probe_match_has_no_metadata_fields() -> None:
    probe = ('<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery">'
             '<s:Body><d:ProbeMatches><d:ProbeMatch><d:Types>dn:NetworkVideoTransmitter</d:Types>'
             '<d:XAddrs>http://10.0.0.5/onvif/device_service</d:XAddrs></d:ProbeMatch></d:ProbeMatches></s:Body></s:Envelope>')
    assert not [k for k in wsd_fields(probe) if k.startswith("wsd.xml.")]
