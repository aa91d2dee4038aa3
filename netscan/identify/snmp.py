"""Claims from an SNMP agent's exact ``sysObjectID`` (netscan.sigdb.snmp): the product a public
sysObjectID database names for it. Makers' product subtrees and private MIB objects are fingerprint
rules (signatures/fingerprints/snmp-mibs.yaml); the enterprise number alone is netscan.sigdb.pen's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from netscan.model import Evidence, Response
from netscan.sigdb.snmp import product_of

if TYPE_CHECKING:
    from netscan.identify.collect import Claim
    from netscan.sigdb.db import SignatureDB

#: Evidence source of an exact sysObjectID match.
SOURCE = "snmp-sysobjectid"
#: Weights: the maker (stronger than the enterprise number's registrant, 0.3: the exact product OID
#: was seen on that maker's product), the device type the database gives, the model it names (a
#: product-line name, often less exact than the device's own model field).
VENDOR_WEIGHT = 0.6
TYPE_WEIGHT = 0.6
MODEL_WEIGHT = 0.45


def claim_product(db: SignatureDB, values: list[str], resp: Response, claims: list[Claim], evidence: list[Evidence]) -> None:
    """Maker, type and model of the first ``snmp.sysObjectID`` value the table knows."""
    from netscan.identify.collect import Claim  # noqa: PLC0415 (collect imports this module)

    for value in values[:2]:
        hit = product_of(db, value)
        if hit is None:
            continue
        rel, product = hit
        extracted = {"vendor": product.vendor}
        if product.model:
            extracted["model"] = product.model
        if product.device_type:
            extracted["device_type"] = product.device_type
        what = " ".join(x for x in (product.vendor, product.model, product.device_type and f"({product.device_type})") if x)
        evidence.append(Evidence(kind="rule", source=SOURCE, detail=f"SNMP sysObjectID 1.3.6.1.4.1.{rel} is {what} ({product.source})",
                                 extracted=extracted, weight=VENDOR_WEIGHT, protocol=resp.protocol, port=resp.port))
        idx = len(evidence) - 1
        claims.append(Claim("vendor", product.vendor, VENDOR_WEIGHT, idx))
        if product.model:
            claims.append(Claim("model", product.model, MODEL_WEIGHT, idx))
        if product.device_type:
            claims.append(Claim("device_type", product.device_type, TYPE_WEIGHT, idx))
        return
