#!/usr/bin/env python3
"""Checks the structure of docker/kubernetes.yaml: what the Deployment,
Service, HorizontalPodAutoscaler and ConfigMap must say for the service to
run as the README promises (probes, limits, a non-root read-only pod, the
articles mounted where ARTICLED_DATA points, names that refer to each
other). Needs Python's yaml module (Debian: python3-yaml)."""
import os
import sys

import yaml

ROOT = os.environ.get("ARTICLED_SRC", os.path.join(os.path.dirname(__file__), ".."))
failures = []
checks = 0


def check(cond, what):
    global checks
    checks += 1
    if not cond:
        failures.append(what)


docs = [d for d in yaml.safe_load_all(open(os.path.join(ROOT, "docker/kubernetes.yaml"))) if d]
by_kind = {}
for d in docs:
    by_kind.setdefault(d["kind"], []).append(d)
for kind in ("Deployment", "Service", "HorizontalPodAutoscaler", "ConfigMap"):
    check(len(by_kind.get(kind, [])) == 1, f"one {kind}")

dep = by_kind["Deployment"][0]
spec = dep["spec"]
pod = spec["template"]["spec"]
labels = spec["template"]["metadata"]["labels"]
check(spec["replicas"] >= 2, "the Deployment runs two or more replicas")
check(spec["selector"]["matchLabels"].items() <= labels.items(), "the selector matches the pod labels")
check(pod["securityContext"].get("runAsNonRoot") is True, "pods run as non-root")
check(isinstance(pod["securityContext"].get("runAsUser"), int) and pod["securityContext"]["runAsUser"] != 0,
      "a numeric non-zero user")
containers = pod["containers"]
check(len(containers) == 1, "one container")
c = containers[0]
env = {e["name"]: e.get("value") for e in c.get("env", [])}
port = c["ports"][0]
check(port["containerPort"] == int(env.get("ARTICLED_PORT", "8080")), "the container port is ARTICLED_PORT")
check(env.get("ARTICLED_HOST") == "0.0.0.0", "listens on all the pod's addresses")
for probe in ("readinessProbe", "livenessProbe"):
    p = c.get(probe, {})
    get = p.get("httpGet", {})
    check(get.get("path") == "/healthz", f"{probe} asks /healthz")
    check(get.get("port") in (port["containerPort"], port.get("name")), f"{probe} asks the container port")
res = c.get("resources", {})
for side in ("requests", "limits"):
    for r in ("cpu", "memory"):
        check(r in res.get(side, {}), f"resources.{side}.{r} is set")
sc = c.get("securityContext", {})
check(sc.get("readOnlyRootFilesystem") is True, "read-only root filesystem")
check(sc.get("allowPrivilegeEscalation") is False, "no privilege escalation")
check("ALL" in sc.get("capabilities", {}).get("drop", []), "drops every capability")
mounts = {m["name"]: m for m in c.get("volumeMounts", [])}
volumes = {v["name"]: v for v in pod.get("volumes", [])}
cm = by_kind["ConfigMap"][0]
data_dir = env.get("ARTICLED_DATA")
mounted = [m for m in mounts.values() if m["mountPath"] == data_dir]
check(len(mounted) == 1 and mounted[0].get("readOnly") is True, "the articles are mounted read-only at ARTICLED_DATA")
if mounted:
    vol = volumes.get(mounted[0]["name"], {})
    check(vol.get("configMap", {}).get("name") == cm["metadata"]["name"], "the mounted volume is the ConfigMap")
check(all(k.endswith(".txt") for k in cm["data"]) and cm["data"], "the ConfigMap holds *.txt articles")
check(all(len(v.strip()) > 100 for v in cm["data"].values()), "the articles are not empty")
grace = pod.get("terminationGracePeriodSeconds", 30)
check(grace > int(env.get("ARTICLED_SHUTDOWN_TIMEOUT", "10")), "the grace period outlasts the shutdown timeout")

svc = by_kind["Service"][0]
check(svc["spec"]["selector"].items() <= labels.items(), "the Service selects the pods")
sp = svc["spec"]["ports"][0]
check(sp["targetPort"] in (port["containerPort"], port.get("name")), "the Service targets the container port")

hpa = by_kind["HorizontalPodAutoscaler"][0]["spec"]
check(hpa["scaleTargetRef"]["kind"] == "Deployment" and hpa["scaleTargetRef"]["name"] == dep["metadata"]["name"],
      "the autoscaler scales the Deployment")
check(1 <= hpa["minReplicas"] <= hpa["maxReplicas"], "sane replica bounds")
check(any(m["type"] == "Resource" and m["resource"]["name"] == "cpu" for m in hpa["metrics"]),
      "scales on CPU")
check("cpu" in res.get("requests", {}), "CPU requests set, which CPU utilization needs")

print(f"kubernetes manifest: {checks} checks, {len(failures)} failed")
for f in failures:
    print(f"  FAIL: {f}")
sys.exit(1 if failures else 0)
