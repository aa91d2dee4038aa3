"""The device emulator: one asyncio process serving every emulated device on its own address.

Started by ``Lab.up`` inside the device namespace (``python -m netscan.lab.emulator --state F``).
Modules: tcp.py (HTTP/HTTPS/RTSP/ONVIF/UPnP/banners/SDK ports), udp.py (every discovery
protocol of netscan/discovery.py, one reply function each), mdns.py (zeroconf), chatter.py
(unsolicited traffic), packets.py (frames), tlscert.py (per-device certificates), server.py
(wiring and lifetime).
"""
