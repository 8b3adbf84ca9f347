"""Creating the newsdesk topics idempotently, with their partitions and configs."""

from __future__ import annotations

import logging

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaError, TopicAlreadyExistsError

from newsdesk import topics
from newsdesk.errors import BackendUnavailable
from newsdesk.kafka.clients import client_options
from newsdesk.settings import KafkaSettings

log = logging.getLogger(__name__)


async def ensure_topics(settings: KafkaSettings) -> list[str]:
    """Create the newsdesk topics that do not exist yet; returns the names it created."""
    admin = AIOKafkaAdminClient(**client_options(settings))
    try:
        await admin.start()
        existing = set(await admin.list_topics())
        missing = [
            NewTopic(spec.name, spec.partitions, spec.replication, topic_configs=spec.configs)
            for spec in topics.topic_specs(settings.partitions, settings.replication)
            if spec.name not in existing
        ]
        if missing:
            try:
                await admin.create_topics(missing)
            except TopicAlreadyExistsError:
                log.info("topics were created concurrently by another process")
        return [topic.name for topic in missing]
    except KafkaError as exc:
        raise BackendUnavailable(f"Kafka at {settings.bootstrap_servers}: {exc}") from exc
    finally:
        await admin.close()
