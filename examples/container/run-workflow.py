#!/usr/bin/env python3
"""Runs github-actions.yml here as a runner would, with Podman: each job's services started from
their images (${{ vars.ENSEMU_IMAGE }} = localhost/ensemu:latest), published on 127.0.0.1 (a free
port in place of the declared one, the job's env rewritten to it), waited for until healthy; then
the job's `run` steps with bash in the repository, `docker` being Podman and
${{ vars.ENSEMU_CONFORMANCE_IMAGE }} localhost/ensemu-conformance:latest; `uses` steps are the
runner's (checkout, Java, artifacts) and are skipped. Exit status: the first failing step's, or 0."""
import atexit, json, os, re, shutil, socket, subprocess, sys, tempfile, time
import yaml

here = os.path.dirname(os.path.abspath(__file__))
repo = os.path.abspath(os.path.join(here, "..", ".."))
env = dict(os.environ, CONTAINERS_CONF=os.environ.get("CONTAINERS_CONF", os.path.join(repo, "container", "containers.conf")))
variables = {"ENSEMU_IMAGE": os.environ.get("ENSEMU_IMAGE", "localhost/ensemu:latest"),
             "ENSEMU_CONFORMANCE_IMAGE": os.environ.get("ENSEMU_CONFORMANCE_IMAGE", "localhost/ensemu-conformance:latest")}
# The runner's `docker`: here, Podman under the same name.
shims = tempfile.mkdtemp(prefix="run-workflow-")
atexit.register(shutil.rmtree, shims, ignore_errors=True)
with open(os.path.join(shims, "docker"), "w") as docker:
    docker.write('#!/bin/sh\nexec podman "$@"\n')
os.chmod(os.path.join(shims, "docker"), 0o755)
env["PATH"] = shims + os.pathsep + env.get("PATH", "")

def expand(text):
    return re.sub(r"\$\{\{\s*vars\.(\w+)\s*\}\}", lambda m: variables[m.group(1)], str(text))

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def podman(*args):
    return subprocess.run(["podman", *args], env=env, check=True, capture_output=True, text=True).stdout.strip()

def wait_healthy(name, seconds=60):
    for _ in range(seconds * 2):
        if subprocess.run(["podman", "healthcheck", "run", name], env=env, capture_output=True).returncode == 0:
            return
        time.sleep(0.5)
    sys.exit(f"run-workflow: service {name} did not become healthy:\n" + podman("logs", "--tail", "10", name))

workflow = yaml.safe_load(open(os.path.join(here, "github-actions.yml")))
status = 0
for job_name, job in workflow["jobs"].items():
    job_env = {k: str(v) for k, v in job.get("env", {}).items()}
    started = []
    try:
        for name, service in job.get("services", {}).items():
            container = f"workflow-{job_name}-{name}-{os.getpid()}"
            args = ["run", "-d", "--name", container]
            for key, value in service.get("env", {}).items():
                args += ["--env", f"{key}={expand(value)}"]
            for mapping in service.get("ports", []):
                declared, inside = str(mapping).split(":")
                port = free_port()
                args += ["--publish", f"127.0.0.1:{port}:{inside}"]
                job_env = {k: v.replace(f":{declared}/", f":{port}/") for k, v in job_env.items()}
            podman(*args, expand(service["image"]))
            started.append(container)
            wait_healthy(container)
            print(f"run-workflow: service {name} healthy ({expand(service['image'])})", file=sys.stderr)
        for step in job["steps"]:
            if "run" not in step:
                print(f"run-workflow: skipping {step['uses']} (the runner's)", file=sys.stderr)
                continue
            print(f"run-workflow: {step.get('name', step['run'])}", file=sys.stderr)
            result = subprocess.run(["bash", "-e", "-c", expand(step["run"])], cwd=repo, env={**env, **job_env})
            if result.returncode != 0:
                status = result.returncode
                break
    finally:
        for container in started:
            subprocess.run(["podman", "rm", "-f", "-v", container], env=env, capture_output=True)
    if status:
        break
sys.exit(status)
