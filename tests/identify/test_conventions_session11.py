"""Makers' conventions added in session 11 (signatures/fingerprints/conventions-realms.yaml, conventions-webui.yaml,
conventions-urls.yaml), read end to end from the shapes a security team holds: a whole RTSP or HTTP answer, a page
served by the device, a client's log line. Values are written after the public material the rules cite (Greenbone's
detection NVTs, go2rtc's sources, RTSP captures in public threads), never the test split's; every convention is checked
against look-alikes of other makers and of non-cameras that it must not claim."""

from __future__ import annotations

import pytest

from netscan.identify import identify
from netscan.model import Identification, Observation, Response
from netscan.sigdb import SignatureDB, load_db


@pytest.fixture(scope="module")
def db() -> SignatureDB:
    return load_db()


def _id(db: SignatureDB, *responses: Response) -> Identification:
    return identify(Observation(ip=None, mac=None, responses=responses), db)


def _rules(got: Identification) -> set[str]:
    return {e.source for e in got.evidence}


def _rtsp_401(*challenges: str) -> Response:
    head = "".join(f"WWW-Authenticate: {c}\r\n" for c in challenges)
    return Response("rtsp", f"RTSP/1.0 401 Unauthorized\r\nCSeq: 2\r\n{head}\r\n", 554, "DESCRIBE rtsp://10.0.0.5:554/")


def _page(body: str, title: str | None = None) -> Response:
    html = f"<html><head><title>{title}</title></head><body>{body}</body></html>" if title is not None else body
    return Response("http", f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{html}", 80, "GET /")


def _log(line: str) -> Response:
    return Response("http", line, 80, "GET / (client log)")


# ------------------------------------------------ Hikvision's RTSP challenge: the layout alone is not Hikvision's


def test_hikvisions_mac_realm_challenge_still_names_hikvision(db: SignatureDB) -> None:
    got = _id(db, _rtsp_401('Digest realm="588fcf7a1dc6", nonce="f37a39304b09e7fd81c5f2bdf593897c", stale="FALSE"',
                            'Basic realm="588fcf7a1dc6"'))
    assert got.vendor == "Hikvision"
    hit = [e for e in got.evidence if e.source == "realm-hikvision-rtsp-challenge-shape"]
    # half weight of the file's: the layout with a MAC-shaped realm is a hint next to the realm's OUI, not proof
    assert hit and hit[0].weight <= 0.31


def test_another_servers_challenge_in_the_same_layout_is_not_hikvision(db: SignatureDB) -> None:
    # a YUAN VuStream encoder writes realm, a 32-hex nonce and stale="FALSE" in Hikvision's order
    got = _id(db, _rtsp_401('Basic realm="YUAN"', 'Digest realm="YUAN", nonce="696c48bacc1aba320705e7ee58e54680", stale="FALSE"'))
    assert got.vendor is None
    assert "realm-hikvision-rtsp-challenge-shape" not in _rules(got)


def test_univiews_mac_realm_challenge_names_uniview_by_its_oui_not_hikvision(db: SignatureDB) -> None:
    got = _id(db, _rtsp_401('Digest realm="48ea6362afe8",nonce="5a0bf798cbcf61815e00", stale="FALSE"',
                            'Basic realm="48ea6362afe8"'))
    assert got.vendor == "Uniview"
    assert "realm-hikvision-rtsp-challenge-shape" not in _rules(got)


# ------------------------------------------------ web-UI markers


def test_xiongmais_page_script_names_xiongmai_and_its_firmware(db: SignatureDB) -> None:
    body = ('<script>var g_SoftWareVersion="V4.02.R11.34500140.12001.131600.00000";</script>'
            '<div id="playView"></div>')
    got = _id(db, _page(body, "DVR"))
    assert got.vendor == "Xiongmai"
    assert got.firmware == "V4.02.R11.34500140.12001.131600.00000"
    assert "webui-xiongmai-software-version-script" in _rules(got)


@pytest.mark.parametrize("body", [
    '<script>var g_SoftWareVersion="1.0.3";</script>',  # the variable without Xiongmai's scheme
    '<script>seajs.web_version="V4.0.1build171121";</script>',  # Hikvision's web-UI version variable
])
def test_other_version_scripts_are_not_xiongmais(db: SignatureDB, body: str) -> None:
    assert "webui-xiongmai-software-version-script" not in _rules(_id(db, _page(body, "Web")))


def test_vivoteks_nvr_language_script_names_a_vivotek_recorder(db: SignatureDB) -> None:
    raw = "HTTP/1.1 200 OK\r\nContent-Type: application/javascript\r\nContent-Length: 30\r\n\r\nvar _nr_nginx_user_lang_ = \"\";"
    got = _id(db, Response("http", raw, 80, "GET /user_lang.js"))
    assert (got.vendor, got.device_type) == ("Vivotek", "nvr")


def test_a_language_variable_of_another_web_application_names_nobody(db: SignatureDB) -> None:
    raw = "HTTP/1.1 200 OK\r\nContent-Type: application/javascript\r\n\r\nvar user_lang = \"en\";"
    got = _id(db, Response("http", raw, 80, "GET /user_lang.js"))
    assert got.vendor is None
    assert got.device_type not in ("camera", "nvr", "dvr")


def test_the_samsung_nvr_web_viewer_is_hanwhas_recorder_not_samsung_electronics(db: SignatureDB) -> None:
    got = _id(db, _page('<a href="/js/boot_status.html">', "Web Viewer for Samsung NVR"))
    assert (got.vendor, got.device_type) == ("Hanwha Vision", "nvr")
    dvr = _id(db, _page("", "Web Viewer for Samsung DVR"))
    assert (dvr.vendor, dvr.device_type) == ("Hanwha Vision", "dvr")


def test_actis_web_configurator_names_acti(db: SignatureDB) -> None:
    got = _id(db, _page('<frameset><frame src="/live/live_layout.htm"></frameset>', "Web Configurator"))
    assert got.vendor == "ACTi"
    assert "webui-acti-live-layout" in _rules(got)


def test_a_routers_web_configurator_is_not_acti_nor_a_camera(db: SignatureDB) -> None:
    # ZyXEL's routers and firewalls call their web UI "Web Configurator" too
    got = _id(db, _page('<form action="/login.cgi"><input name="username"></form>', "Web Configurator"))
    assert got.vendor != "ACTi"
    assert got.device_type not in ("camera", "nvr", "dvr")
    # ACTi's live-view page under another title claims nothing either
    other = _id(db, _page('<a href="/live/live_layout.htm">', "Router Setup"))
    assert "webui-acti-live-layout" not in _rules(other)


# ------------------------------------------------ API roots in a client's log


@pytest.mark.parametrize(("url", "maker"), [
    ("https://10.0.0.21/home/monitoring.cgi", "Hanwha Vision"),
    ("http://10.0.0.22/bha-api/video.cgi?http-user=x", "DoorBird"),
    ("http://10.0.0.22/bha-api/info.cgi", "DoorBird"),
    ("https://10.0.0.23:19443/https/stream/mixed?video=h264&audio=g711&resolution=hd", "TP-Link"),
    ("http://192.168.1.64/doc/script/inc.js", "Hikvision"),
    ("http://192.168.1.64/doc/script/config/system/channelDigital.js", "Hikvision"),
    ('http://192.168.1.5/cgi-bin/main-cgi?json={%22cmd%22:255,%22szUserName%22:%22%22}', "Uniview"),
])
def test_a_makers_api_root_in_a_clients_log_names_the_maker_and_no_type(db: SignatureDB, url: str, maker: str) -> None:
    got = _id(db, _log(f"2024-01-02 10:11:12 ERROR [client] request failed: 401 Unauthorized for url '{url}'"))
    assert got.vendor == maker
    assert got.device_type == "unknown"


@pytest.mark.parametrize("url", [
    "http://192.168.1.123:1984/api/stream.mp4?src=camera1&mp4=flac",  # go2rtc's own API
    "http://10.0.0.30/home/index.cgi",  # another web application's home page
    "http://10.0.0.31/api/bha/video.cgi",  # not DoorBird's root
    "http://10.0.0.32/stream/mixed",  # the tail of Kasa's path without its /https/ root
    "http://10.0.0.33/doc/script/jquery.js",  # a /doc/script/ file that is not Hikvision's web UI's own
    "http://10.0.0.34/cgi-bin/main.cgi?page=status",  # a router's main.cgi, not Uniview's main-cgi
])
def test_look_alike_paths_name_nobody(db: SignatureDB, url: str) -> None:
    got = _id(db, _log(f"GET {url} 200"))
    assert got.vendor is None
    assert got.device_type == "unknown"


def test_a_path_the_device_did_not_have_names_nobody(db: SignatureDB) -> None:
    got = _id(db, _log("requests.exceptions.HTTPError: 404 Client Error: Not Found for url: http://10.0.0.22/bha-api/video.cgi"))
    assert got.vendor is None


# ------------------------------------------------ Hikvision's RTSP method order: shared with an SoC SDK, a hint only


def test_hikvisions_rtsp_method_order_is_only_a_hint(db: SignatureDB) -> None:
    raw = ("RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: OPTIONS, DESCRIBE, PLAY, PAUSE, SETUP, TEARDOWN, SET_PARAMETER, "
           "GET_PARAMETER\r\n\r\n")
    got = _id(db, Response("rtsp", raw, 554, "OPTIONS rtsp://10.0.0.40:554/"))
    hit = [e for e in got.evidence if e.source == "stream-hikvision-public-methods"]
    # Eyenix's camera-SoC SDK answers with the same list word for word: about a looked-up name's weight
    assert hit and hit[0].weight <= 0.17


def test_a_stronger_makers_convention_outweighs_the_method_order(db: SignatureDB) -> None:
    # the same method list next to another maker's own realm: the realm names the maker, not the order
    opts = Response("rtsp", "RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: OPTIONS, DESCRIBE, PLAY, PAUSE, SETUP, TEARDOWN, "
                    "SET_PARAMETER, GET_PARAMETER\r\n\r\n", 554, "OPTIONS rtsp://10.0.0.41:554/")
    auth = _rtsp_401('Digest realm="Login to 4M0747EPAA1D284", nonce="745449738fdf77164f570c37c9186b52"')
    assert _id(db, opts, auth).vendor == "Dahua"


def test_hikvisions_onvif_extension_namespaces_name_nobody(db: SignatureDB) -> None:
    # white-label cameras that emulate Hikvision's ONVIF extension (an hbgk_ext SDK camera) declare the same namespaces
    soap = ('<?xml version="1.0" encoding="UTF-8"?>\n<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope" '
            'xmlns:tds="http://www.onvif.org/ver10/device/wsdl" xmlns:tt="http://www.onvif.org/ver10/schema" '
            'xmlns:ewsd="http://www.onvifext.com/onvif/ext/ver10/wsdl" xmlns:exsd="http://www.onvifext.com/onvif/ext/ver10/schema" '
            'xmlns:tnshik="http://www.hikvision.com/2011/event/topics" xmlns:hikwsd="http://www.onvifext.com/onvif/ext/ver10/wsdl" '
            'xmlns:hikxsd="http://www.onvifext.com/onvif/ext/ver10/schema"><SOAP-ENV:Body><tds:GetSystemDateAndTimeResponse>'
            '<tds:SystemDateAndTime><tt:DateTimeType>NTP</tt:DateTimeType></tds:SystemDateAndTime>'
            '</tds:GetSystemDateAndTimeResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>')
    assert _id(db, Response("onvif", soap, 80, "GetSystemDateAndTime")).vendor is None


# ------------------------------------------------ TLS: a maker's device certificate authority


@pytest.mark.parametrize("dump", [
    # openssl s_client's rendering and nmap's ssl-cert rendering of the same certificate
    "subject=C = CN, CN = 192.168.2.70\nissuer=C = CN, ST = Zhejiang, L = Hangzhou, O = Zhejiang Dahua Technology Co.,Ltd., "
    "CN = Dahua Device NVR CA\n",
    "ssl-cert: Subject: commonName=192.168.2.70/countryName=CN\nIssuer: commonName=Dahua Device NVR CA/organizationName="
    "Zhejiang Dahua Technology Co.,Ltd./stateOrProvinceName=Zhejiang/countryName=CN\n",
])
def test_dahuas_device_ca_names_dahua(db: SignatureDB, dump: str) -> None:
    got = _id(db, Response("tls", dump, 443, "TLS handshake"))
    assert got.vendor == "Dahua"
    assert "tls-dahua-device-ca" in _rules(got)


@pytest.mark.parametrize("dump", [
    "subject=CN = camera.local\nissuer=CN = Axis Camera CA\n",  # another maker's device CA
    "subject=CN = nas.example.org\nissuer=C = US, O = Let's Encrypt, CN = R3\n",  # a public CA on a non-camera
])
def test_other_certificate_authorities_are_not_dahuas(db: SignatureDB, dump: str) -> None:
    got = _id(db, Response("tls", dump, 443, "TLS handshake"))
    assert got.vendor != "Dahua"
    assert "tls-dahua-device-ca" not in _rules(got)
