#!/usr/bin/env bash
# Builds the container image localhost/ensemu:<version> (and :latest) with Podman, from the server jar
# (built first when missing) and a Java runtime that jlink makes: no base image, no registry. The
# runtime comes from a JDK 25 where one is found (JDK25_HOME, or /usr/lib/jvm), with an AOT cache
# (JEP 483: classes loaded and linked ahead of time); elsewhere from the JDK on the path, with a
# class-data-sharing archive, and it says so. --java-home picks the JDK. Either way the archive is
# made inside the image build from the classes a training run loaded, as many as the budget holds.
# Fails when the image is over its size budget or does not start on its archive.
# With --conformance it builds the conformance suite's image, localhost/ensemu-conformance, the same
# way from the suite's runnable jar: a CI job runs the suite with one `docker run`, no JDK, no Maven.
# --tag NAME tags localhost/ensemu:<version>-NAME and :NAME instead of :<version> and :latest.
#
#   container/build.sh [--conformance] [--java-home DIR] [--tag NAME] [--jar FILE] [--max-bytes N]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
jar="$repo/server/target/ensemu-server.jar"
max_bytes=""   # the image's budget, uncompressed, as `podman images` counts it (MB = 10^6 bytes): see below
image=ensemu
java_home=""
tag=""
while [ $# -gt 0 ]; do
  case "$1" in
    --conformance) image=ensemu-conformance; jar="$repo/conformance-tests/target/ensemu-conformance.jar"; shift ;;
    --jar) jar=$(realpath "$2"); shift 2 ;;
    --max-bytes) max_bytes=$2; shift 2 ;;
    --java-home) java_home=$(realpath "$2"); shift 2 ;;
    --tag) tag=$2; shift 2 ;;
    *) echo "build.sh: unknown option $1 (known: --conformance, --java-home DIR, --tag NAME, --jar FILE, --max-bytes N)" >&2; exit 2 ;;
  esac
done
. "$repo/container/rootfs.sh"
export CONTAINERS_CONF="${CONTAINERS_CONF:-$repo/container/containers.conf}"
for tool in podman strip ldd curl; do
  command -v "$tool" >/dev/null || { echo "build.sh: $tool is missing (Debian: apt-get install podman buildah runc binutils curl)" >&2; exit 1; }
done
# The JDK whose jlink makes the runtime: --java-home, else a JDK 25 (JDK25_HOME, or the first
# /usr/lib/jvm/* whose release file says 25), else the one that runs `java` here.
if [ -z "$java_home" ] && [ $image = ensemu ]; then
  java_home=${JDK25_HOME:-$(grep -l '^JAVA_VERSION="25' /usr/lib/jvm/*/release 2>/dev/null | head -1 | xargs -r dirname)}
  if [ -z "$java_home" ] || [ ! -x "$java_home/bin/jlink" ]; then
    java_home=$(java -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.home/ {print $2}')
    echo "build.sh: no JDK 25 found (JDK25_HOME, /usr/lib/jvm): the image runs on $java_home with a class-data-sharing archive, not an AOT cache" >&2
  fi
fi
java_home=${java_home:-$(java -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.home/ {print $2}')}
[ -x "$java_home/bin/jlink" ] || { echo "build.sh: $java_home has no jlink: give a JDK with --java-home" >&2; exit 1; }
jlink="$java_home/bin/jlink"
feature=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$java_home/release")
# 100 MB; 110 MB for ensemu on JDK 25: its AOT cache holds every class a start loads (40 MB) and
# cannot be cut to fit: without the last fifth of them the first answer came 0.35 s later, as the
# lambdas of the classes left out are spun at start-up again (docs/containers.md).
max_bytes=${max_bytes:-$([ $image = ensemu ] && [ "$feature" -ge 25 ] && echo 110000000 || echo 100000000)}
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
  "$jlink" --add-modules java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.scripting,java.sql,java.xml,jdk.crypto.ec,jdk.unsupported,jdk.zipfs \
    --strip-debug --no-man-pages --no-header-files --compress=2 --output "$root/opt/java"
  find "$root/opt/java" -name '*.so' -exec strip --strip-unneeded {} +
  add_shared_libraries "$root"
  add_user "$root" ensemu 10001 /work
  mkdir -p "$root/tmp" "$root/work" && chmod 1777 "$root/tmp" "$root/work"
  cp "$jar" "$root/app/ensemu-conformance.jar"
  build_image Containerfile.conformance "" latest ""
  exit 0
fi

# 1-2. The runtime of the modules the server uses. jdeps on the jar also names java.desktop
#    (Jersey's image writer), java.instrument, jdk.attach, jdk.jdi and java.transaction.xa, reached only
#    by code paths ensemu never takes; left out. Added: what is loaded by name (EC keys for TLS, zipfs).
#    Then the C libraries the runtime links against; a user to run as; a /tmp for the self-signed
#    certificate; the jar.
compression=$([ "$feature" -ge 21 ] && echo zip-9 || echo 2)
"$jlink" --add-modules java.base,java.logging,java.management,java.naming,java.net.http,java.security.jgss,java.sql,java.xml,jdk.crypto.ec,jdk.management,jdk.unsupported,jdk.zipfs \
  --strip-debug --no-man-pages --no-header-files --compress="$compression" --output "$root/opt/java"
# Debian's libjvm.so keeps its symbol table: 4 MB the JVM never reads.
find "$root/opt/java" -name '*.so' -exec strip --strip-unneeded {} +
add_shared_libraries "$root"
add_user "$root" ensemu 10001 /data
mkdir -p "$root/tmp" && chmod 1777 "$root/tmp"
cp "$jar" "$root/app/ensemu.jar"
# 3. The classes to archive: those the server loads while it starts as the image starts it and
#    answers its first calls (health, a page in JSON and XML, GET and POST, an export and its status).
#    If they do not all fit the budget: for a class-data-sharing archive the application's go first
#    (they are verified when loaded from the jar, the JDK's from the runtime image are not, so
#    archiving them saves the most start-up per byte); an AOT cache keeps the order they loaded in.
java_in_image="$root/opt/java/bin/java"
aot_linking=$([ "$feature" -ge 25 ] && echo -XX:+AOTClassLinking || true)
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
if [ -n "$aot_linking" ]; then
  cp "$work/classes-loaded.lst" "$work/classes-all.lst"
else
  { grep -vE "$jdk|^@" "$work/classes-loaded.lst"; grep -E "$jdk" "$work/classes-loaded.lst"; grep '^@' "$work/classes-loaded.lst"; } >"$work/classes-all.lst"
fi
archive_bytes() { # the size of the archive made from the first $1 lines of the list
  head -n "$1" "$work/classes-all.lst" >"$work/classes-try.lst"
  "$java_in_image" -Xshare:dump $aot_linking -XX:+UseSerialGC -Xlog:cds=off -Xlog:cds+dynamic=off \
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

# 4. The image: on JDK 25 its archive is an AOT cache (Containerfile.aot), before that a CDS archive.
if [ "$feature" -ge 25 ]; then
  build_image Containerfile.aot "${tag:+-$tag}" "${tag:-latest}" -XX:AOTMode=on
else
  build_image Containerfile "${tag:+-$tag}" "${tag:-latest}" -Xshare:on
fi
