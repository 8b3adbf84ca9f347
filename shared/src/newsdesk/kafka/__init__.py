"""Kafka access shared by the services and the CLI.

- :mod:`~newsdesk.kafka.clients`: the FastStream broker of the services, plain aiokafka clients
- :mod:`~newsdesk.kafka.records`: the one decode path (record → model or dead letter) and
  encoding within the topic's message size
- :mod:`~newsdesk.kafka.outbox`: what a handler publishes for a batch
- :mod:`~newsdesk.kafka.admin`: creating the topics
- :mod:`~newsdesk.kafka.stats`: messages, committed offsets and lag per topic
- :mod:`~newsdesk.kafka.reading`: reading a whole topic without a consumer group
"""

from newsdesk.kafka.admin import ensure_topics
from newsdesk.kafka.clients import client_options, make_broker, open_producer
from newsdesk.kafka.outbox import Outbox, Publisher
from newsdesk.kafka.reading import read_topic
from newsdesk.kafka.records import ATTEMPT_HEADER, Codec, Decoded, Record, fit
from newsdesk.kafka.stats import StreamStats, TopicStats, stream_stats

__all__ = [
    "ATTEMPT_HEADER",
    "Codec",
    "Decoded",
    "Outbox",
    "Publisher",
    "Record",
    "StreamStats",
    "TopicStats",
    "client_options",
    "ensure_topics",
    "fit",
    "make_broker",
    "open_producer",
    "read_topic",
    "stream_stats",
]
