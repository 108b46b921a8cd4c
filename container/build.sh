#!/usr/bin/env bash
# Builds the container image localhost/ensemu:<version> (and :latest) with Podman, from the server jar
# (built first when missing) and a Java runtime that jlink makes from this machine's JDK: no base
# image, no registry. Fails when the image is over its size budget or does not start.
# With --conformance it builds the conformance suite's image, localhost/ensemu-conformance, the same
# way from the suite's runnable jar: a CI job runs the suite with one `docker run`, no JDK, no Maven.
# With --aot it builds localhost/ensemu:<version>-aot on a JDK 25 runtime with an AOT cache (classes
# loaded and linked ahead of time, method profiles) from a training run inside the image build; the
# cache of a started server is 35-50 MB, so this image needs a budget above 100 MB (--max-bytes).
# Without a JDK 25 (in /usr/lib/jvm, or JDK25_HOME) it says so and builds the default image.
#
#   container/build.sh [--conformance | --aot] [--jar server/target/ensemu-server.jar] [--max-bytes 100000000]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
jar="$repo/server/target/ensemu-server.jar"
max_bytes=100000000   # the image's budget, uncompressed, as `podman images` counts it (MB = 10^6 bytes)
image=ensemu
aot=""
while [ $# -gt 0 ]; do
  case "$1" in
    --conformance) image=ensemu-conformance; jar="$repo/conformance-tests/target/ensemu-conformance.jar"; shift ;;
    --jar) jar=$(realpath "$2"); shift 2 ;;
    --max-bytes) max_bytes=$2; shift 2 ;;
    --aot) aot=yes; shift ;;
    *) echo "build.sh: unknown option $1 (known: --conformance, --aot, --jar FILE, --max-bytes N)" >&2; exit 2 ;;
  esac
done
. "$repo/container/rootfs.sh"
export CONTAINERS_CONF="${CONTAINERS_CONF:-$repo/container/containers.conf}"
for tool in podman jlink strip ldd curl; do
  command -v "$tool" >/dev/null || { echo "build.sh: $tool is missing (Debian: apt-get install podman buildah runc binutils curl)" >&2; exit 1; }
done
# A JDK 25 for --aot: JDK25_HOME, else the first /usr/lib/jvm/* whose release file says 25.
if [ -n "$aot" ]; then
  jdk25=${JDK25_HOME:-$(grep -l '^JAVA_VERSION="25' /usr/lib/jvm/*/release 2>/dev/null | head -1 | xargs -r dirname)}
  if [ -z "$jdk25" ] || [ ! -x "$jdk25/bin/jlink" ]; then
    echo "build.sh: --aot needs a JDK 25 (JDK25_HOME, or one in /usr/lib/jvm): none found, so building the default image (JDK 17, 100 MB budget) instead" >&2
    aot=""
    max_bytes=100000000
  fi
fi
if [ ! -f "$jar" ]; then
  echo "build.sh: building $(basename "$jar")" >&2
  mvn -q -B -ntp -f "$repo/pom.xml" -pl "$([ $image = ensemu ] && echo server || echo conformance-tests)" -am -DskipTests package
fi

version=$(java -jar "$jar" --version | awk '{print $NF}')
work="$repo/container/target/$image"
rm -rf "$work" && mkdir -p "$work/context/rootfs/app" "$work/context/data"
root="$work/context/rootfs"
revision=$(git -C "$repo" rev-parse HEAD 2>/dev/null || echo unknown)
source=$(git -C "$repo" remote get-url origin 2>/dev/null || echo "file://$repo")

# The image from CONTAINERFILE, tagged <version>SUFFIX and ALIAS, and its promises: within budget,
# starts (`--version`) with JAVA_TOOL_OPTIONS=CHECK (e.g. an option that refuses to start without its
# archive or cache; empty: just starts).
build_image() {
  local file=$1 suffix=$2 alias=$3 check=$4 size
  podman build --format docker --file "$repo/container/$file" \
    --build-arg VERSION="$version" --build-arg REVISION="$revision" --build-arg SOURCE="$source" \
    --build-arg CREATED="$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
    --tag "localhost/$image:$version$suffix" --tag "localhost/$image:$alias" "$work/context" >&2
  size=$(podman image inspect --format '{{.Size}}' "localhost/$image:$version$suffix")
  [ "$size" -le "$max_bytes" ] || { echo "build.sh: the image is $size bytes, over its budget of $max_bytes (--max-bytes)" >&2; exit 1; }
  podman run --rm --env JAVA_TOOL_OPTIONS="$check" "localhost/$image:$version$suffix" --version >/dev/null 2>&1 \
    || { echo "build.sh: the image does not start${check:+ with $check}:" >&2
         podman run --rm --env JAVA_TOOL_OPTIONS="$check" "localhost/$image:$version$suffix" --version >&2; exit 1; }
  echo "localhost/$image:$version$suffix ($((size / 1000000)) MB)"
}

# The suite's image: its runtime (REST Assured's Groovy needs java.desktop's beans and java.sql's
# types, the JSON schema validator java.scripting, the reports java.xml), the C libraries, a user,
# the jar. It writes its reports under the working directory, /work, where a job mounts its checkout.
if [ $image = ensemu-conformance ]; then
  jlink --add-modules java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.scripting,java.sql,java.xml,jdk.crypto.ec,jdk.unsupported,jdk.zipfs \
    --strip-debug --no-man-pages --no-header-files --compress=2 --output "$root/opt/java"
  find "$root/opt/java" -name '*.so' -exec strip --strip-unneeded {} +
  add_shared_libraries "$root"
  add_user "$root" ensemu 10001 /work
  mkdir -p "$root/tmp" "$root/work" && chmod 1777 "$root/tmp" "$root/work"
  cp "$jar" "$root/app/ensemu-conformance.jar"
  build_image Containerfile.conformance "" latest ""
  exit 0
fi

# server_files JLINK COMPRESSION: the Java runtime of the modules the server uses. jdeps on the jar also names java.desktop
#    (Jersey's image writer), java.instrument, jdk.attach, jdk.jdi and java.transaction.xa, reached only
#    by code paths ensemu never takes; left out. Added: what is loaded by name (EC keys for TLS, zipfs).
#    Then the C libraries the runtime links against; a user to run as; a /tmp for the self-signed
#    certificate; the jar. JLINK is the JDK's jlink, COMPRESSION its --compress.
server_files() {
  "$1" --add-modules java.base,java.logging,java.management,java.naming,java.net.http,java.security.jgss,java.sql,java.xml,jdk.crypto.ec,jdk.management,jdk.unsupported,jdk.zipfs \
    --strip-debug --no-man-pages --no-header-files --compress="$2" --output "$root/opt/java"
  # Debian's libjvm.so keeps its symbol table: 4 MB the JVM never reads.
  find "$root/opt/java" -name '*.so' -exec strip --strip-unneeded {} +
  add_shared_libraries "$root"
  add_user "$root" ensemu 10001 /data
  mkdir -p "$root/tmp" && chmod 1777 "$root/tmp"
  cp "$jar" "$root/app/ensemu.jar"
}

# The AOT image: the runtime from the JDK 25; the image build trains the cache (Containerfile.aot).
if [ -n "$aot" ]; then
  server_files "$jdk25/bin/jlink" zip-9
  build_image Containerfile.aot -aot aot -XX:AOTMode=on
  exit 0
fi

# 1-2. The runtime from the build's JDK, and the files.
server_files jlink 2

# 3. The classes to archive: those the server loads while it starts as the image starts it and
#    answers its first calls (health, a page in JSON and XML, GET and POST, an export and its status). If they do not all fit
#    the budget, the application's go first: they are verified when loaded from the jar, the JDK's
#    from the runtime image are not, so archiving them saves the most start-up per byte.
java_in_image="$root/opt/java/bin/java"
"$java_in_image" -XX:+UseSerialGC -XX:DumpLoadedClassList="$work/classes-loaded.lst" -jar "$root/app/ensemu.jar" \
  --port 0 --auth anonymous --log-level warn >"$work/training.log" 2>&1 &
training=$!
for _ in $(seq 1 300); do grep -q "listening on" "$work/training.log" && break; sleep 0.1; done
url=$(grep -o 'http://[^ ]*' "$work/training.log" | head -1)
[ -n "$url" ] || { echo "build.sh: the server did not start on the image's runtime:" >&2; cat "$work/training.log" >&2; kill $training; exit 1; }
call="Action=DescribeExportImageInfo&Version=2017-11-10&PageSize=5"
export="Action=ExportImage&Version=2017-11-10&ImageId=m-dev0001&OSSBucket=training&OSSRegionId=cn-beijing"
curl -fsS -o /dev/null "${url}_emulator/health" && curl -fsS -o /dev/null "$url?$call" \
  && curl -fsS -o /dev/null "$url?$call&Format=XML" && curl -fsS -o /dev/null --data "$call" "$url" \
  && curl -fsS -o /dev/null --data "$export" "$url" \
  && curl -fsS -o /dev/null "$url?Action=DescribeExportImageStatus&Version=2017-11-10&ImageId=m-dev0001" \
  || { echo "build.sh: the server on the image's runtime did not answer" >&2; kill $training; exit 1; }
kill -TERM $training; wait $training || true
jdk='^(java|jdk|sun|javax|com/sun)/'
{ grep -vE "$jdk|^@" "$work/classes-loaded.lst"; grep -E "$jdk" "$work/classes-loaded.lst"; grep '^@' "$work/classes-loaded.lst"; } >"$work/classes-all.lst"
archive_bytes() { # the size of the archive made from the first $1 lines of the list
  head -n "$1" "$work/classes-all.lst" >"$work/classes-try.lst"
  "$java_in_image" -Xshare:dump -XX:+UseSerialGC -Xlog:cds=off -Xlog:cds+dynamic=off \
    -XX:SharedClassListFile="$work/classes-try.lst" -XX:SharedArchiveFile="$work/try.jsa" -cp "$root/app/ensemu.jar" >/dev/null 2>&1
  stat -c %s "$work/try.jsa"
}
rest=$(du -sb "$work/context" | awk '{print $1}')
budget=$((max_bytes - rest - 1000000))   # 1 MB for the layers' metadata and the class list itself
lines=$(wc -l <"$work/classes-all.lst")
if [ "$(archive_bytes "$lines")" -gt "$budget" ]; then
  low=0 high=$lines   # the longest head of the list whose archive fits
  while [ $((high - low)) -gt 50 ]; do
    mid=$(((low + high) / 2))
    if [ "$(archive_bytes "$mid")" -le "$budget" ]; then low=$mid; else high=$mid; fi
  done
  lines=$low
fi
head -n "$lines" "$work/classes-all.lst" >"$root/app/classes.lst"
rm -f "$work/try.jsa" "$work/classes-try.lst"
echo "build.sh: archiving $(grep -vc '^@' "$root/app/classes.lst") of $(grep -vc '^@' "$work/classes-all.lst") classes (budget $((budget / 1000000)) MB)" >&2

# 4. The image.
build_image Containerfile "" latest -Xshare:on
