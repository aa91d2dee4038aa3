"""The network edge of active scanning: one module per protocol, each recording raw Responses.

``base`` (Probe interface, pacing, TCP exchange), ``ports`` (connect scan), ``arp`` and ``icmp``
(raw sockets), ``http`` (HTTP/HTTPS/TLS + vendor endpoints), ``rtsp``, ``onvif``, ``banner``
(telnet/ssh), ``udp`` (multicast discovery runner) with ``wsd``, ``ssdp`` (+UPnP), ``mdns``
(zeroconf codec), ``sadp``, ``dhip``, ``xmeye``; ``nmap_engine`` (python-nmap); ``netif``.
"""
