"""The deployment files (Dockerfile, .dockerignore, compose.yaml, docs/deploy.md) keep their promises.

Docker is not needed: the Dockerfile is read instruction by instruction, .dockerignore is matched as Docker
matches it, compose.yaml is parsed as YAML. scripts/check_docker_steps.sh replays the build and runs the image's
CMD; docs/deploy.md says how to deploy.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "Dockerfile"
HEALTH_URL = "http://127.0.0.1:8501/_stcore/health"


# --- Dockerfile ---------------------------------------------------------------------------------------------------


def instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) in order, line continuations joined, comments dropped."""
    found, logical = [], ""
    for line in text.splitlines():
        if not logical and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if line.rstrip().endswith("\\"):
            logical += line.rstrip()[:-1] + " "
            continue
        logical += line
        kind, _, args = logical.strip().partition(" ")
        found.append((kind.upper(), " ".join(args.split())))
        logical = ""
    return found


@pytest.fixture(scope="module")
def steps() -> list[tuple[str, str]]:
    return instructions(DOCKERFILE.read_text())


def args_of(steps: list[tuple[str, str]], kind: str) -> list[str]:
    return [args for name, args in steps if name == kind]


def env_of(steps: list[tuple[str, str]]) -> dict[str, str]:
    env: dict[str, str] = {}
    for args in args_of(steps, "ENV"):
        env.update((key, value.strip('"')) for key, value in re.findall(r'(\w+)=("[^"]*"|\S+)', args))
    return env


def exec_form(args: str) -> list[str]:
    """A JSON-array (exec form) CMD; shell form would put `sh -c` in front and swallow SIGTERM."""
    command = json.loads(args)
    assert isinstance(command, list) and all(isinstance(part, str) for part in command), args
    return command


def test_base_image_is_python_311_slim(steps):
    arg_defaults = dict(re.match(r"(\w+)=(\S+)", args).groups() for args in args_of(steps, "ARG") if "=" in args)
    bases = [re.sub(r"\$\{?(\w+)\}?", lambda m: arg_defaults.get(m.group(1), m.group(0)), args.split()[0])
             for args in args_of(steps, "FROM")]  # fmt: skip
    assert bases and bases[-1] == "python:3.11-slim"


def test_runs_as_a_user_that_is_not_root(steps):
    kinds = [name for name, _ in steps]
    users = args_of(steps, "USER")
    assert users, "no USER: the app would run as root"
    user = users[-1].split(":")[0]
    assert user not in ("root", "0", "")
    assert max(i for i, k in enumerate(kinds) if k == "USER") < kinds.index("CMD"), "USER must come before CMD"
    created = " ".join(args_of(steps, "RUN"))
    assert re.search(rf"useradd\b[^&]*--uid {user}\b", created) or re.search(rf"useradd\b.*\b{user}\b", created)


def test_installs_the_pinned_lock_without_cache_and_no_test_tools(steps):
    runs = " && ".join(args_of(steps, "RUN"))
    assert "pip install --no-cache-dir -r requirements.txt" in runs
    assert "requirements-dev" not in runs
    assert "playwright install" not in DOCKERFILE.read_text()
    assert "apt-get" not in runs or "rm -rf /var/lib/apt/lists" in runs


def test_copies_what_the_app_needs_and_installs_the_package_before_its_code(steps):
    copies = [args.split() for args in args_of(steps, "COPY")]
    sources = {
        Path(source.strip("/")).as_posix() for *srcs, _ in copies for source in srcs if not source.startswith("--")
    }
    needed = {"app.py", "pages", "ui", "data", "lib", "requirements.txt", "pyproject.toml", ".streamlit/config.toml"}
    assert needed <= sources, f"not copied: {needed - sources}"
    readme = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"].get("readme")
    if readme:  # setuptools reads it while pip installs `-e .`
        assert readme in sources
    kinds = [(name, args) for name, args in steps if name in ("COPY", "RUN")]
    pip_at = next(i for i, (name, args) in enumerate(kinds) if "pip install" in args)
    before = {s.strip("/") for name, args in kinds[:pip_at] if name == "COPY" for s in args.split()[:-1]}
    assert {"requirements.txt", "pyproject.toml", "lib"} <= before, "`-e .` needs the package before pip runs"
    assert "secrets.toml" not in " ".join(args_of(steps, "COPY"))
    for page in re.findall(r'st\.Page\("([^"]+)"', (ROOT / "app.py").read_text()):
        assert page.split("/")[0] in sources, page


def test_exposes_8501_and_checks_health_without_curl(steps):
    assert "8501" in " ".join(args_of(steps, "EXPOSE")).split()
    checks = args_of(steps, "HEALTHCHECK")
    assert len(checks) == 1
    command = exec_form(re.search(r"(?:^|\s)CMD\s+(\[.*\])$", checks[0]).group(1))
    assert command[0] == "python", "python:3.11-slim has no curl or wget"
    assert HEALTH_URL in command[-1]
    assert "timeout=" in command[-1] and "--timeout=" in checks[0]


def test_data_dir_is_a_volume_owned_by_the_app_user(steps):
    env = env_of(steps)
    data = env.get("APPLYTICS_DATA_DIR")
    assert data == "/data"
    volumes = [
        v for args in args_of(steps, "VOLUME") for v in (json.loads(args) if args.startswith("[") else args.split())
    ]
    assert data in volumes
    uid = args_of(steps, "USER")[-1].split(":")[0]
    runs = " && ".join(args_of(steps, "RUN"))
    created = re.search(r"useradd ([^&]*)", runs)
    assert created and f"--uid {uid}" in created.group(1), f"no useradd --uid {uid}"
    name = created.group(1).split()[-1]
    owner = re.search(rf"chown (\S+) {re.escape(data)}(?:\s|$)", runs)
    assert owner, f"{data} is not chowned to the app user"
    assert owner.group(1).split(":")[0] in (uid, name), owner.group(0)


def test_cmd_serves_on_every_interface_with_the_hardening_flags(steps):
    cmds = args_of(steps, "CMD")
    assert len(cmds) == 1
    command = exec_form(cmds[0])
    assert command[:3] == ["streamlit", "run", "app.py"]
    flags = dict(part.split("=", 1) for part in command[3:])
    assert flags == {
        "--server.address": "0.0.0.0",
        "--server.port": "8501",
        "--server.headless": "true",
        "--server.enableXsrfProtection": "true",
        "--server.enableCORS": "true",
    }


# --- .dockerignore --------------------------------------------------------------------------------------------------


def dockerignore_matcher(text: str):
    """Docker's rules: paths from the context root, `*` within a segment, `**` across, `!` re-includes, the
    last matching line wins, and a pattern matching a folder excludes what is inside."""
    rules = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        pattern, out, i = line.lstrip("!").strip().strip("/"), "", 0
        while i < len(pattern):
            if pattern.startswith("**/", i):
                out, i = out + "(?:.*/)?", i + 3
            elif pattern.startswith("**", i):
                out, i = out + ".*", i + 2
            elif pattern[i] == "*":
                out, i = out + "[^/]*", i + 1
            elif pattern[i] == "?":
                out, i = out + "[^/]", i + 1
            else:
                out, i = out + re.escape(pattern[i]), i + 1
        rules.append((negate, re.compile(out + "(?:/.*)?$")))

    def ignored(path: str) -> bool:
        result = False
        for negate, regex in rules:
            if regex.match(path):
                result = not negate
        return result

    return ignored


@pytest.fixture(scope="module")
def ignored():
    return dockerignore_matcher((ROOT / ".dockerignore").read_text())


def test_dockerignore_matcher_follows_docker_rules():
    ignored = dockerignore_matcher("*.md\n!README.md\n**/__pycache__\nbench/out/\n")
    assert ignored("CHANGES.md") and not ignored("README.md") and not ignored("docs/deploy.md")
    assert ignored("ui/__pycache__/state.cpython-311.pyc") and ignored("__pycache__/x.pyc")
    assert ignored("bench/out/run.json") and not ignored("bench/rerun_speed.py")


@pytest.mark.parametrize(
    "path",
    [
        ".venv/bin/python",
        ".git/HEAD",
        ".pytest_cache/v/cache/nodeids",
        ".ruff_cache/CACHEDIR.TAG",
        ".hypothesis/examples/x",
        "ui/__pycache__/state.cpython-311.pyc",
        "lib/applytics/__pycache__/schema.cpython-311.pyc",
        "lib/applytics/stray.pyc",
        "lib/applytics.egg-info/PKG-INFO",
        "bench/out/rerun.json",
        ".applytics-data/shares.sqlite3",
        ".env",
        ".streamlit/secrets.toml",
    ],
)
def test_dockerignore_keeps_out(ignored, path):
    assert ignored(path)


BUILD_OUTPUT = re.compile(r"/__pycache__/|\.egg-info/")  # made by Python and pip, in the tree and in the image


def test_dockerignore_keeps_every_copied_file(ignored, steps):
    for *sources, _ in (args.split() for args in args_of(steps, "COPY")):
        for source in sources:
            base = ROOT / source.strip("/")
            assert base.exists(), source
            files = (
                [base]
                if base.is_file()
                else [p for p in base.rglob("*") if p.is_file() and not BUILD_OUTPUT.search(p.as_posix())]
            )
            assert files, source
            kept = [p for p in files if not ignored(p.relative_to(ROOT).as_posix())]
            assert kept == files, f"excluded by .dockerignore: {sorted(set(files) - set(kept))[:3]}"


# --- compose.yaml ---------------------------------------------------------------------------------------------------

REQUIRED = re.compile(r"^\$\{(\w+):\?[^}]+\}$")  # ${NAME:?message}: compose refuses to start without it


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


def environment(service: dict) -> dict[str, str]:
    env = service.get("environment", {})
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {key: str(value) for key, value in env.items()}


def test_compose_has_the_app_built_here_and_postgres_16(compose):
    services = compose["services"]
    assert set(services) >= {"app", "db"}
    build = services["app"]["build"]
    assert (build if isinstance(build, str) else build.get("context", ".")) == "."
    assert services["db"]["image"] == "postgres:16-alpine"
    for name in ("app", "db"):
        assert services[name].get("restart") in ("always", "unless-stopped", "on-failure"), name


def test_db_is_healthchecked_and_the_app_waits_for_it(compose):
    db, app = compose["services"]["db"], compose["services"]["app"]
    test = db["healthcheck"]["test"]
    command = test if isinstance(test, str) else " ".join(test[1:])
    assert "pg_isready" in command
    env = environment(db)
    assert f"-U {env['POSTGRES_USER']}" in command and f"-d {env['POSTGRES_DB']}" in command
    assert app["depends_on"]["db"]["condition"] == "service_healthy"
    assert "ports" not in db, "the database is for the app only: publish no port"


def test_the_app_reads_postgres_through_psycopg_with_the_password_from_the_environment(compose):
    app_env, db_env = environment(compose["services"]["app"]), environment(compose["services"]["db"])
    url = re.fullmatch(r"postgresql\+psycopg://(\w+):(\$\{[^}]+\})@db:5432/(\w+)", app_env["APPLYTICS_DATABASE_URL"])
    assert url, app_env["APPLYTICS_DATABASE_URL"]
    user, password, database = url.groups()
    assert user == db_env["POSTGRES_USER"] and database == db_env["POSTGRES_DB"]
    assert REQUIRED.match(password).group(1) == "POSTGRES_PASSWORD"
    assert REQUIRED.match(db_env["POSTGRES_PASSWORD"]).group(1) == "POSTGRES_PASSWORD"


def test_no_secret_is_written_in_compose(compose):
    for name, service in compose["services"].items():
        for key, value in environment(service).items():
            if re.search(r"PASSWORD|SECRET|TOKEN|KEY", key):
                assert REQUIRED.match(value), f"{name}.{key} must come from the environment: ${{{key}:?…}}"
            userinfo = re.search(r"://[^/@\s]*:([^@/\s]+)@", value)
            if userinfo:
                assert REQUIRED.match(userinfo.group(1)), f"{name}.{key} has a password written in it"


def test_data_lives_in_named_volumes(compose, steps):
    declared = set(compose.get("volumes") or {})

    def mounts(service: dict) -> dict[str, str]:
        found = {}
        for volume in service.get("volumes", []):
            source, target = volume.split(":")[:2] if isinstance(volume, str) else (volume["source"], volume["target"])
            found[target] = source
        return found

    db_mounts = mounts(compose["services"]["db"])
    assert db_mounts.get("/var/lib/postgresql/data") in declared
    app_mounts = mounts(compose["services"]["app"])
    assert app_mounts.get(env_of(steps)["APPLYTICS_DATA_DIR"]) in declared


def test_the_image_installs_the_driver_compose_names():
    pins = {
        re.split(r"[=<>\[ ;]", line, maxsplit=1)[0].lower().replace("_", "-")
        for line in (ROOT / "requirements.txt").read_text().splitlines()
        if line and not line.startswith(("#", "-"))
    }
    assert "sqlalchemy" in pins and "psycopg" in pins, "compose.yaml's postgresql+psycopg URL needs both installed"


# --- docs/deploy.md -------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def deploy_doc() -> str:
    return (ROOT / "docs" / "deploy.md").read_text()


def nginx_blocks(doc: str) -> list[str]:
    return re.findall(r"```nginx\n(.*?)```", doc, flags=re.S)


def test_the_nginx_example_proxies_the_websocket_and_allows_the_upload_limit(deploy_doc):
    conf = "\n".join(nginx_blocks(deploy_doc))
    stream = re.search(r"location /_stcore/stream \{(.*?)\}", conf, flags=re.S)
    assert stream, "no location for Streamlit's WebSocket"
    for directive in (
        "proxy_http_version 1.1;",
        "proxy_set_header Upgrade $http_upgrade;",
        'proxy_set_header Connection "upgrade";',
        "proxy_read_timeout 86400",
        "proxy_set_header Host $http_host;",  # $host drops the port: on :8443 every WebSocket fails the origin check
    ):
        assert directive in stream.group(1), directive
    limit = int(tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]["maxUploadSize"])
    body = re.search(r"client_max_body_size (\d+)m;", conf)
    assert body and int(body.group(1)) >= limit
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy",
                   "Strict-Transport-Security"):  # fmt: skip
        assert re.search(rf"add_header {header} .+ always;", conf), header


def test_the_guide_names_every_setting_the_code_reads(deploy_doc):
    code = [ROOT / "app.py", *sorted((ROOT / "ui").rglob("*.py")), *sorted((ROOT / "lib").rglob("*.py"))]
    read = {name for path in code for name in re.findall(r"[\"'](APPLYTICS_[A-Z_]+)[\"']", path.read_text())}
    assert {"APPLYTICS_SOURCE", "APPLYTICS_READ_ONLY"} <= read
    missing = sorted(name for name in read if f"`{name}`" not in deploy_doc)
    assert not missing, f"docs/deploy.md does not describe {missing}"
