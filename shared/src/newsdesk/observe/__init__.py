"""Running well: health, readiness and metrics endpoints, structured logs, bounded shutdown.

- :mod:`~newsdesk.observe.metrics`: the process's Prometheus registry, dead letters by reason,
  consumer lag per partition
- :mod:`~newsdesk.observe.health`: readiness checks (Kafka, Elasticsearch) and their reasons
- :mod:`~newsdesk.observe.server`: ``/healthz``, ``/readyz`` and ``/metrics`` on one port
- :mod:`~newsdesk.observe.logs`: plain or JSON log lines with the service and the record
- :mod:`~newsdesk.observe.shutdown`: what SIGTERM starts, and the bound on it
"""
