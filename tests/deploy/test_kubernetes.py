"""deploy/k8s: rendered by kustomize, core kinds validated against the Kubernetes API schemas.

The operators' kinds (KEDA, Strimzi, ECK) have no schema in kubernetes-validate; their required
fields are checked here, and so is what ties the files together: topics as newsdesk.topics says,
scaling capped at the partition count, env names that are real settings, probes everywhere.
"""

from __future__ import annotations

import importlib.metadata
import re

import kubernetes_validate
import pytest
import yaml

from fetcher.sources import load_sources
from newsdesk import topics
from tests.deploy.conftest import KUSTOMIZATIONS, OVERLAYS, Doc, named, of_kind
from tests.helpers import ROOT

#: Kinds whose schemas ship with kubernetes-validate; everything else must be an operator's kind.
OPERATOR_KINDS = {
    "ScaledObject": "keda.sh/v1alpha1",
    "Kafka": "kafka.strimzi.io/v1beta2",
    "KafkaNodePool": "kafka.strimzi.io/v1beta2",
    "KafkaTopic": "kafka.strimzi.io/v1beta2",
    "Elasticsearch": "elasticsearch.k8s.elastic.co/v1",
    "Kibana": "kibana.k8s.elastic.co/v1",
}
#: The oldest Kubernetes still maintained upstream, and the newest kubernetes-validate knows.
K8S_VERSIONS = ("1.33.0", kubernetes_validate.latest_version())
#: Which Deployment consumes which topic.
CONSUMER_OF = {"fetcher": topics.URLS, "extractor": topics.ARTICLES_RAW}
CONSUMER_OF |= {"indexer": topics.ARTICLES_ENRICHED}
COMPOSE_TAG = re.compile(r":(\d+\.\d+\.\d+)@")


@pytest.mark.parametrize("name", sorted(KUSTOMIZATIONS))
def test_core_kinds_follow_the_kubernetes_api_schemas(
    rendered: dict[str, list[Doc]], name: str
) -> None:
    for doc in rendered[name]:
        if doc["kind"] in OPERATOR_KINDS:
            assert doc["apiVersion"] == OPERATOR_KINDS[doc["kind"]], doc["kind"]
            continue
        for version in K8S_VERSIONS:
            kubernetes_validate.validate(doc, version, strict=True)


def test_the_validator_rejects_an_unknown_field(rendered: dict[str, list[Doc]]) -> None:
    deployment = of_kind(rendered["dev"], "Deployment")[0]
    broken = {**deployment, "spec": {**deployment["spec"], "replica": 2}}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, K8S_VERSIONS[0], strict=True)


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_kafka_topics_are_the_ones_newsdesk_topics_declares(
    rendered: dict[str, list[Doc]], overlay: str
) -> None:
    docs = rendered[overlay]
    config = named(docs, "ConfigMap", "newsdesk-config")["data"]
    partitions = int(config["NEWSDESK_KAFKA__PARTITIONS"])
    replication = int(config["NEWSDESK_KAFKA__REPLICATION"])
    kafka = of_kind(docs, "Kafka")[0]
    declared = {spec.name: spec for spec in topics.topic_specs(partitions, replication)}
    found = {doc["spec"]["topicName"]: doc for doc in of_kind(docs, "KafkaTopic")}
    assert set(found) == set(declared)
    for name, doc in found.items():
        spec = declared[name]
        assert doc["metadata"]["labels"]["strimzi.io/cluster"] == kafka["metadata"]["name"]
        assert doc["spec"]["partitions"] == spec.partitions, name
        assert doc["spec"]["replicas"] == spec.replication, name
        assert {key: str(value) for key, value in doc["spec"]["config"].items()} == spec.configs


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_strimzi_cluster_runs_kraft_with_enough_brokers(
    rendered: dict[str, list[Doc]], overlay: str
) -> None:
    docs = rendered[overlay]
    kafka = of_kind(docs, "Kafka")[0]
    pools = of_kind(docs, "KafkaNodePool")
    assert pools, "Strimzi runs KRaft clusters from node pools"
    name = kafka["metadata"]["name"]
    assert all(pool["metadata"]["labels"]["strimzi.io/cluster"] == name for pool in pools)
    roles = {role for pool in pools for role in pool["spec"]["roles"]}
    assert roles == {"controller", "broker"}
    for pool in pools:
        assert pool["spec"]["storage"]["type"] in {"jbod", "persistent-claim", "ephemeral"}
    brokers = sum(p["spec"]["replicas"] for p in pools if "broker" in p["spec"]["roles"])
    spec = kafka["spec"]["kafka"]
    compose_kafka = compose_version("kafka")
    assert spec["version"] == compose_kafka  # the same Kafka in compose and in the cluster
    assert spec["listeners"]
    assert all({"name", "port", "type", "tls"} <= set(lst) for lst in spec["listeners"])
    assert "topicOperator" in kafka["spec"]["entityOperator"]  # the KafkaTopics need it
    assert int(spec["config"]["default.replication.factor"]) <= brokers
    assert int(spec["config"]["min.insync.replicas"]) <= int(
        spec["config"]["default.replication.factor"]
    )
    assert spec["config"]["message.max.bytes"] >= 8 * 1024 * 1024  # newsdesk's record limit
    for topic in of_kind(docs, "KafkaTopic"):
        assert topic["spec"]["replicas"] <= brokers
    plain = next(lst for lst in spec["listeners"] if not lst["tls"])
    bootstrap = named(docs, "ConfigMap", "newsdesk-config")["data"]
    assert (
        bootstrap["NEWSDESK_KAFKA__BOOTSTRAP_SERVERS"] == f"{name}-kafka-bootstrap:{plain['port']}"
    )


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_keda_scales_each_consumer_group_up_to_its_partition_count(
    rendered: dict[str, list[Doc]], overlay: str
) -> None:
    docs = rendered[overlay]
    partitions = {
        doc["spec"]["topicName"]: doc["spec"]["partitions"] for doc in of_kind(docs, "KafkaTopic")
    }
    kafka = of_kind(docs, "Kafka")[0]["metadata"]["name"]
    scaled = {doc["spec"]["scaleTargetRef"]["name"]: doc for doc in of_kind(docs, "ScaledObject")}
    assert set(scaled) == set(CONSUMER_OF)
    for target, doc in scaled.items():
        named(docs, "Deployment", target)  # it scales something that exists
        [trigger] = doc["spec"]["triggers"]
        meta = trigger["metadata"]
        assert trigger["type"] == "kafka"
        assert meta["topic"] == CONSUMER_OF[target]
        assert meta["consumerGroup"] == topics.CONSUMERS[meta["topic"]]
        namespace = doc["metadata"]["namespace"]
        assert meta["bootstrapServers"] == f"{kafka}-kafka-bootstrap.{namespace}.svc:9092"
        assert int(meta["lagThreshold"]) > 0
        assert meta["allowIdleConsumers"] == "false"
        spec = doc["spec"]
        assert 1 <= spec["minReplicaCount"] <= spec["maxReplicaCount"]
        assert spec["maxReplicaCount"] == partitions[meta["topic"]], target


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_eck_runs_the_elasticsearch_the_client_speaks(
    rendered: dict[str, list[Doc]], overlay: str
) -> None:
    docs = rendered[overlay]
    es = of_kind(docs, "Elasticsearch")[0]
    kibana = of_kind(docs, "Kibana")[0]
    client_major = importlib.metadata.version("elasticsearch").split(".")[0]
    assert es["spec"]["version"].split(".")[0] == client_major
    assert es["spec"]["version"] == compose_version("elasticsearch")
    assert kibana["spec"]["version"] == es["spec"]["version"]
    assert kibana["spec"]["elasticsearchRef"]["name"] == es["metadata"]["name"]
    assert all(node["name"] and node["count"] >= 1 for node in es["spec"]["nodeSets"])
    roles = named(docs, "Secret", es["spec"]["auth"]["roles"][0]["secretName"])
    assert "roles.yml" in roles["data"]
    config = named(docs, "ConfigMap", "newsdesk-config")["data"]
    assert es["spec"]["http"]["tls"]["selfSignedCertificate"]["disabled"] is True
    assert config["NEWSDESK_ELASTICSEARCH__URL"] == f"http://{es['metadata']['name']}-es-http:9200"
    [job] = of_kind(docs, "Job")
    kibana_step = job["spec"]["template"]["spec"]["containers"][0]["args"]
    assert f"http://{kibana['metadata']['name']}-kb-http:5601" in kibana_step


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_services_are_probed_unprivileged_read_only_and_sized(
    rendered: dict[str, list[Doc]], overlay: str
) -> None:
    docs = rendered[overlay]
    for deployment in of_kind(docs, "Deployment"):
        name = deployment["metadata"]["name"]
        pod = deployment["spec"]["template"]["spec"]
        [container] = pod["containers"]
        prefix = "FETCHER_" if name == "scheduler" else f"{name.upper()}_"
        env = {item["name"]: item.get("value") for item in container["env"]}
        port = next(p for p in container["ports"] if p["name"] == "metrics")["containerPort"]
        assert int(env[f"{prefix}METRICS_PORT"]) == port
        assert env[f"{prefix}METRICS_HOST"] == "0.0.0.0"
        assert container["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": "metrics"}
        assert container["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "metrics"}
        service = named(docs, "Service", name)
        assert service["spec"]["ports"][0]["targetPort"] == "metrics"
    for pod, containers in pods(docs):
        assert pod["securityContext"]["runAsNonRoot"] is True
        assert pod["automountServiceAccountToken"] is False
        tmp = next(v for v in pod["volumes"] if v["name"] == "tmp")
        assert "emptyDir" in tmp
        for container in containers:
            context = container["securityContext"]
            assert context["readOnlyRootFilesystem"] is True
            assert context["allowPrivilegeEscalation"] is False
            assert context["capabilities"]["drop"] == ["ALL"]
            assert {"name": "tmp", "mountPath": "/tmp"} in container["volumeMounts"]
            assert {"cpu", "memory"} <= set(container["resources"]["requests"])
            assert {"cpu", "memory"} <= set(container["resources"]["limits"])
            assert not container["image"].endswith(":latest")
            assert ":" in container["image"]


def test_extractor_tmp_holds_what_its_text_stage_unpacks(
    rendered: dict[str, list[Doc]], tmp_needed: int
) -> None:
    for overlay in OVERLAYS:
        pod = named(rendered[overlay], "Deployment", "extractor")["spec"]["template"]["spec"]
        tmp = next(v for v in pod["volumes"] if v["name"] == "tmp")["emptyDir"]
        assert tmp["sizeLimit"].endswith("Mi")
        assert int(tmp["sizeLimit"].removesuffix("Mi")) * 2**20 >= tmp_needed


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_scheduler_is_a_single_recreated_instance_with_its_state(
    rendered: dict[str, list[Doc]], overlay: str
) -> None:
    docs = rendered[overlay]
    scheduler = named(docs, "Deployment", "scheduler")
    assert scheduler["spec"]["replicas"] == 1
    assert scheduler["spec"]["strategy"]["type"] == "Recreate"
    assert "scheduler" not in {
        doc["spec"]["scaleTargetRef"]["name"] for doc in of_kind(docs, "ScaledObject")
    }
    pdbs = {
        doc["spec"]["selector"]["matchLabels"]["app.kubernetes.io/name"]
        for doc in of_kind(docs, "PodDisruptionBudget")
    }
    assert pdbs == set(CONSUMER_OF)
    volumes = {v["name"]: v for v in scheduler["spec"]["template"]["spec"]["volumes"]}
    claim = volumes["state"]["persistentVolumeClaim"]["claimName"]
    named(docs, "PersistentVolumeClaim", claim)
    sources = named(docs, "ConfigMap", volumes["sources"]["configMap"]["name"])
    assert "sources.yaml" in sources["data"]


def test_the_sources_file_of_the_base_is_valid() -> None:
    assert load_sources(ROOT / "deploy" / "k8s" / "base" / "sources.yaml") == []


def pods(docs: list[Doc]) -> list[tuple[Doc, list[Doc]]]:
    """Each pod template of Deployments and Jobs, with all its containers (init ones too)."""
    found = []
    for doc in docs:
        if doc["kind"] in {"Deployment", "Job"}:
            spec = doc["spec"]["template"]["spec"]
            found.append((spec, [*spec.get("initContainers", []), *spec["containers"]]))
    return found


def compose_version(service: str) -> str:
    """The version tag of a third-party image in docker-compose.yml."""
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    match = COMPOSE_TAG.search(compose["services"][service]["image"])
    assert match, service
    return match.group(1)
