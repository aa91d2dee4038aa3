"""Labels of a device's identity written in other languages than English: a web UI's, a client's or a
reporter's ``Modell``, ``Versión del firmware``, ``Модель``, ``ファームウェアバージョン``, ``펌웨어 버전``, ``型号``.

The field-name conventions (signatures/families/generic.yaml) read English key names in every spelling
(camelCase, snake_case, abbreviations); a label in another language is read as the English name it
stands for: ``LOCAL_LABELS`` maps a label, normalised by ``norm_label`` (accents and case dropped, only
letters and digits of any script kept), to that name -- ``Model``, ``FirmwareVersion``,
``SoftwareVersion`` (a software key yields to a firmware key, as in English), ``HardwareVersion``,
``Manufacturer``, ``SerialNumber``, ``DeviceName`` (the name its owner gave the device: never a model),
``DeviceType``. Two readers use it:

- ``local_label_pairs``: ``<label>: <value>`` lines of a text in another script (a pasted device page,
  a tool's print), as ``<prefix>.kv.<Name>`` (Chinese labels included: they were read by
  ``netscan.parsers.console`` before, by a table of their own);
- ``local_label_aliases``: a field whose last name part is such a label (``http.json.Modelo``,
  ``other.kv.Modell``, ``http.xml.Info/Версия прошивки``) is also given under the English name
  (``http.json.Model``).

The labels are the words camera web UIs and tools use for these fields (the TRENDnet TV-IP110 web UI's
language files, FirmDTA's extracted firmware: "versión del Firmware", "Versión Actual del Firmware"; the
Chinese web UIs of Hikvision and Dahua: 型号, 固件版本) and their ordinary translations.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from netscan.parsers._util import Fields, add

_MODEL = ("Modell", "Gerätemodell", "Modellnummer", "Modellbezeichnung", "Modelo", "Modelo del dispositivo", "Modelo de dispositivo",
          "Modelo do dispositivo", "Modelo do equipamento", "Número de modelo", "Modèle", "Modèle de l'appareil", "Numéro de modèle",
          "Modello", "Modello dispositivo", "Modello del dispositivo", "Numero di modello", "Modelnummer", "Model urządzenia",
          "Model adı", "Model numarası", "Model zařízení", "Модель", "Модель устройства", "Модель камеры", "Модель пристрою",
          "Номер модели", "モデル", "モデル名", "機種", "機種名", "型番", "製品型番", "모델", "모델명", "제품 모델", "모델 번호",
          "型号", "设备型号", "产品型号", "設備型號", "型號", "Mã sản phẩm")
_FIRMWARE = ("Firmware-Stand", "Firmwarestand", "Versión de firmware", "Versión del firmware", "Versión actual del firmware",
             "Versão do firmware", "Versão de firmware", "Version du firmware", "Version du micrologiciel", "Micrologiciel",
             "Version du microprogramme", "Versione firmware", "Versione del firmware", "Firmwareversie", "Firmware versie",
             "Wersja firmware", "Wersja oprogramowania sprzętowego", "Oprogramowanie sprzętowe", "Bellenim sürümü",
             "Firmware sürümü", "Firmware versiyonu", "Verze firmwaru", "Verze firmware", "Версия прошивки", "Прошивка",
             "Версия микропрограммы", "Версия встроенного ПО", "Версія прошивки", "ファームウェア", "ファームウェアバージョン",
             "ファームウェアのバージョン", "ファームウェア版", "펌웨어", "펌웨어 버전", "固件版本", "主控版本", "固件", "韌體版本",
             "Phiên bản firmware")
_SOFTWARE = ("Software-Stand", "Softwarestand", "Versión de software", "Versión del software", "Versão do software",
             "Versão de software", "Version du logiciel", "Version logicielle", "Versione software", "Versione del software",
             "Softwareversie", "Wersja oprogramowania", "Yazılım sürümü", "Yazılım versiyonu", "Verze softwaru", "Версия ПО",
             "Версия программного обеспечения", "Версія ПЗ", "ソフトウェアバージョン", "소프트웨어 버전", "软件版本", "系统版本",
             "軟體版本", "Phiên bản phần mềm")
_HARDWARE = ("Versión de hardware", "Versão de hardware", "Version du matériel", "Versione hardware", "Hardwareversie",
             "Wersja sprzętu", "Donanım sürümü", "Версия оборудования", "Аппаратная версия", "ハードウェアバージョン", "하드웨어 버전",
             "硬件版本", "硬體版本")
_MAKER = ("Hersteller", "Fabricante", "Fabricant", "Produttore", "Fabbricante", "Fabrikant", "Producent", "Üretici", "Výrobce",
          "Производитель", "Изготовитель", "Виробник", "メーカー", "製造元", "製造者", "제조사", "제조업체", "厂商", "制造商",
          "生产厂商", "厂家", "製造商", "Nhà sản xuất")
_SERIAL = ("Seriennummer", "Número de serie", "Número de série", "Numéro de série", "Numero di serie", "Serienummer",
           "Numer seryjny", "Seri numarası", "Sériové číslo", "Серийный номер", "Серійний номер", "シリアル番号", "製造番号",
           "일련번호", "시리얼 번호", "序列号", "设备序列号", "序號")
_NAME = ("Gerätename", "Nombre del dispositivo", "Nome do dispositivo", "Nom de l'appareil", "Nome dispositivo",
         "Nazwa urządzenia", "Cihaz adı", "Имя устройства", "Название устройства", "デバイス名", "장치 이름", "设备名称")
_TYPE = ("Gerätetyp", "Tipo de dispositivo", "Tipo do dispositivo", "Type d'appareil", "Tipo di dispositivo", "Typ urządzenia",
         "Cihaz türü", "Тип устройства", "デバイスタイプ", "장치 유형", "设备类型", "設備類型")


def norm_label(label: str) -> str:
    """A label's letters and digits, any script, accents and case dropped (``Versión del Firmware`` ->
    ``versiondelfirmware``)."""
    if label.isascii():  # (NFKD leaves ASCII as it is, no ASCII character combines, and its case folds as it lowers)
        return "".join(filter(str.isalnum, label)).lower()
    decomposed = unicodedata.normalize("NFKD", label)
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c)).casefold()


#: Normalised label -> the English field name the conventions read for it.
LOCAL_LABELS: dict[str, str] = {
    norm_label(w): name
    for words, name in ((_MODEL, "Model"), (_FIRMWARE, "FirmwareVersion"), (_SOFTWARE, "SoftwareVersion"),
                        (_HARDWARE, "HardwareVersion"), (_MAKER, "Manufacturer"), (_SERIAL, "SerialNumber"), (_NAME, "DeviceName"),
                        (_TYPE, "DeviceType"))
    for w in words
}
#: A ``<label>: <value>`` line whose label is written in letters of any script (one to five words).
_LABEL_LINE = re.compile(r"^[ \t|*-]{0,8}([^\W\d_][^\W_]{0,30}(?:[ '’./-]{1,2}[^\W_]{1,30}){0,4})[ \t*]{0,4}[:：=|\t][ \t|]{0,8}"
                         r"([^\s|].{0,200}?)[ \t|]{0,8}$")
#: A line holding a character outside ASCII.
_NON_ASCII_LINE = re.compile(r"^[^\n]{0,4096}?[^\x00-\x7f][^\n]{0,4096}", re.M)
#: Most lines looked at, most pairs kept.
MAX_LABEL_LINES = 400
MAX_LABEL_PAIRS = 32


@lru_cache(maxsize=4096)
def label_name(label: str) -> str | None:
    """The English field name of a label in another language (``LOCAL_LABELS``), else None."""
    if len(label) > 64:
        return None
    return LOCAL_LABELS.get(norm_label(label))


def local_label_pairs(text: str) -> list[tuple[str, str]]:
    """(English field name, value) of the ``<label>: <value>`` lines of a text (full-width or ASCII colon,
    ``=``, a tab, a Markdown table's bar) whose label ``LOCAL_LABELS`` knows."""
    out: list[tuple[str, str]] = []
    # (only the lines holding a letter outside ASCII, found in one pass: English and ASCII-written labels are read by
    # the key-value readers and aliased below)
    for n, line in enumerate(_NON_ASCII_LINE.finditer(text, 0, 65536)):
        if n >= MAX_LABEL_LINES:
            break
        m = _LABEL_LINE.match(line.group(0).rstrip("\r"))
        if m is None:
            continue
        name = label_name(m.group(1))
        if name is not None:
            out.append((name, m.group(2).strip()))
            if len(out) >= MAX_LABEL_PAIRS:
                break
    return out


#: Identity keys named by a standard whose spelling the field-name conventions (signatures/families/generic.yaml,
#: written for device APIs' keys) do not read, in any casing or separator (normalised by ``norm_label``) -> the name
#: the conventions read for the same field:
#:
#: - Bluetooth GATT Device Information Service characteristics, as BLE clients key them (bleak, ESPHome, HA's
#:   bluetooth integrations): Model Number String (0x2A24), Firmware Revision String (0x2A26), Software Revision
#:   String (0x2A28), Manufacturer Name String (0x2A29) -- https://www.bluetooth.com/specifications/specs/device-information-service-1-1/
#:   (Hardware Revision String 0x2A27 is the hardware's: a hardware key, which no firmware convention reads);
#: - Zigbee ZCL Basic cluster attributes ModelIdentifier (0x0005) and SWBuildID (0x4000), keyed modelID and
#:   softwareBuildID by zigbee-herdsman and model_id / software_build_id by zigbee2mqtt's device list
#:   (https://github.com/Koenkk/zigbee-herdsman);
#: - ENTITY-MIB (RFC 6933) entPhysicalModelName / FirmwareRev / SoftwareRev / MfgName written outside an SNMP walk
#:   (an NMS's inventory export: LibreNMS's API inventory records, a tool's print), read under ``snmp.`` already.
STANDARD_KEYS: dict[str, str] = {
    "modelnumberstring": "ModelNumber", "firmwarerevisionstring": "FirmwareRevision",
    "softwarerevisionstring": "SoftwareRevision", "manufacturernamestring": "Manufacturer",
    "modelidentifier": "modelId", "softwarebuildid": "SoftwareVersion", "swbuildid": "SoftwareVersion",
    "entphysicalmodelname": "ModelName", "entphysicalfirmwarerev": "FirmwareRevision",
    "entphysicalsoftwarerev": "SoftwareRevision", "entphysicalmfgname": "Manufacturer",
}


@lru_cache(maxsize=1 << 16)
def _alias(name: str) -> str:
    """The English name of a field named by a label ``LOCAL_LABELS`` knows, or by a standard's key ``STANDARD_KEYS``
    knows (its last name part replaced), else ``""``; kept per name (names repeat across responses and devices).
    An SNMP walk's own object names are left to the conventions that read them (``snmp.entPhysicalModelName``)."""
    cut = max(name.rfind("."), name.rfind("/"))
    last = name[cut + 1:]
    if cut <= 0 or not last or len(last) > 64:
        return ""
    key = norm_label(last)
    english = LOCAL_LABELS.get(key)
    if english is None and not name.startswith("snmp."):
        english = STANDARD_KEYS.get(key)
    return name[: cut + 1] + english if english is not None and english != last else ""


def local_label_aliases(fields: Fields) -> None:
    """Each field whose last name part is a label ``LOCAL_LABELS`` knows, also under its English name
    (``http.json.Modelo`` -> ``http.json.Model``)."""
    if not any(map(_alias, fields)):  # (a cached look-up per name, in C: no Python frame per known name)
        return
    for name, alias in list(zip(fields, map(_alias, fields))):
        if alias:
            for value in fields[name][:4]:
                add(fields, alias, value)
