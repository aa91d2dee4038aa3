"""The parts of an active scan that the engine (``netscan.engine``) orchestrates, each on its own:

- ``targets``: what to scan and on which interfaces (target resolution);
- ``attribution``: which device a discovery reply describes;
- ``planner``: what to ask a host next, chosen from the signatures (pure);
- ``timing``: per-host adaptive timeouts, retries with backoff, budgets;
- ``header``: the report header of a scan;
- ``probeset``: the probes the engine calls, as one object it is given (``NetworkProbes``);
- ``clock``: the clock it is given (``SystemClock``).
"""
