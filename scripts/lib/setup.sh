# Install steps shared by scripts/run, scripts/test and the other scripts.
# Each step is idempotent and skips itself when what it installs is already there, so a
# fresh Debian machine and a developer's machine run the same commands.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"

say() { printf '\033[1m==>\033[0m %s\n' "$*" >&2; }

# ensure_python_env [extra]: .venv with the project installed (editable), re-installed
# whenever pyproject.toml changes.
ensure_python_env() {
    local extra="${1:-}" spec="." stamp
    [[ -n "$extra" ]] && spec=".[$extra]"
    if [[ ! -x "$PY" ]]; then
        say "Creating $VENV"
        python3 -m venv "$VENV"
    fi
    local hash
    hash="$(sha256sum "$ROOT/pyproject.toml" | cut -c1-16)"
    stamp="$VENV/.spotlight-installed-$hash-${extra:-base}"
    # An install with extras also satisfies a plain one.
    if [[ ! -f "$stamp" ]] && ! { [[ -z "$extra" ]] && compgen -G "$VENV/.spotlight-installed-$hash-*" >/dev/null; }; then
        say "Installing Spotlight ${extra:+with [$extra] }into .venv (pip install -e '$spec')"
        "$PY" -m pip install --quiet --upgrade pip
        (cd "$ROOT" && "$PY" -m pip install --quiet -e "$spec")
        rm -f "$VENV"/.spotlight-installed-*
        touch "$stamp"
    fi
}

# ensure_chromium: Debian's chromium, which the browser tests drive (never a downloaded one).
ensure_chromium() {
    if [[ -x /usr/bin/chromium ]]; then return; fi
    say "Installing Debian's chromium (for the browser tests)"
    local sudo=""
    [[ $(id -u) -ne 0 ]] && sudo="sudo"
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q chromium
}

# ensure_emoji_font: Debian's colour emoji font, so the browsers draw the emoji of posts and
# nudges in the tests' screenshots (artifacts/) instead of empty boxes.
ensure_emoji_font() {
    if [[ -f /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ]]; then return; fi
    say "Installing Debian's fonts-noto-color-emoji (emoji in the browser tests' screenshots)"
    local sudo=""
    [[ $(id -u) -ne 0 ]] && sudo="sudo"
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q fonts-noto-color-emoji
}

# ensure_firefox: Debian's firefox-esr, the second browser the browser tests drive (over
# WebDriver BiDi, no geckodriver). The extension needs Firefox 142 or later
# (strict_min_version); bookworm's main suite has 140, its security suite the current ESR.
ensure_firefox() {
    local version
    version="$(firefox-esr --version 2>/dev/null | grep -oE '[0-9]+' | head -1 || true)"
    if [[ -n "$version" && "$version" -ge 142 ]]; then return; fi
    say "Installing Debian's firefox-esr (for the browser tests)"
    local sudo=""
    [[ $(id -u) -ne 0 ]] && sudo="sudo"
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q firefox-esr
    version="$(firefox-esr --version 2>/dev/null | grep -oE '[0-9]+' | head -1 || true)"
    if [[ -z "$version" || "$version" -lt 142 ]]; then
        say "firefox-esr ${version:-?} is older than 142, which the extension needs:" \
            "enable the bookworm-security suite in /etc/apt/sources.list and run again"
        return 1
    fi
}

# ensure_node_packages DIR...: npm ci in each DIR that has a package-lock.json, again when
# the lock file changes.
ensure_node_packages() {
    local dir stamp
    for dir in "$@"; do
        [[ -f "$dir/package-lock.json" ]] || continue
        stamp="$dir/node_modules/.spotlight-$(sha256sum "$dir/package-lock.json" | cut -c1-16)"
        if [[ ! -f "$stamp" ]]; then
            say "Installing npm packages in ${dir#"$ROOT"/}"
            (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
            touch "$stamp"
        fi
    done
}

# ensure_on_path: make `spotlight` a command in any shell: a link in ~/.local/bin when that
# folder is on PATH, else the exact command that does it (every message says `spotlight …`).
ensure_on_path() {
    local bin="$HOME/.local/bin" target="$VENV/bin/spotlight" current
    current="$(command -v spotlight 2>/dev/null || true)"
    if [[ -n "$current" && "$(readlink -f "$current")" == "$(readlink -f "$target")" ]]; then
        return
    fi
    case ":$PATH:" in
        *":$bin:"*)
            if [[ -e "$bin/spotlight" && ! -L "$bin/spotlight" ]]; then
                say "$bin/spotlight is another program; run Spotlight as $target"
                return
            fi
            mkdir -p "$bin"
            ln -sfn "$target" "$bin/spotlight"
            say "Linked $bin/spotlight -> $target: \`spotlight\` now works in any shell"
            ;;
        *)
            say "\`spotlight\` is not on your PATH. To make it a command, run:"
            printf '    mkdir -p %q && ln -sfn %q %q && export PATH="%s:$PATH"\n' \
                "$bin" "$target" "$bin/spotlight" "$bin" >&2
            say "(and add $bin to PATH in ~/.profile). Until then it is: $target"
            ;;
    esac
}

# ensure_training_stack: the exact numpy, scipy and scikit-learn tools/training_stack.txt
# pins, so that scripts/train rebuilds the committed artifacts byte for byte.
ensure_training_stack() {
    local stack="$ROOT/tools/training_stack.txt"
    if ! "$PY" - "$stack" <<'PYTHON'
import sys
from importlib.metadata import PackageNotFoundError, version
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.split("#", 1)[0].strip()
    if not line:
        continue
    package, _, pinned = line.partition("==")
    try:
        if version(package.strip()) != pinned.strip():
            sys.exit(1)
    except PackageNotFoundError:
        sys.exit(1)
PYTHON
    then
        say "Installing the training stack tools/training_stack.txt pins into .venv"
        "$PY" -m pip install --quiet -r "$stack"
    fi
}
