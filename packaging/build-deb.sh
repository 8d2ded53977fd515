#!/usr/bin/env bash
# Builds wirelog's self-contained distribution: a jlink runtime image with the launcher and the application
# (OUT/wirelog-runtime), and the Debian package OUT/wirelog_VERSION_amd64.deb made from it with dpkg-deb.
#
#   packaging/build-deb.sh            # from target/wirelog.jar (./mvnw -Pdist package runs this after shading)
#   packaging/build-deb.sh JAR...     # from these jars instead (the tests pass the classes and dependencies)
#
# Environment: JAVA_HOME (a JDK 25 or newer with jlink; else the newest under /usr/lib/jvm), WIRELOG_DIST_DIR
# (OUT, default target), WIRELOG_VERSION (default the pom's, with -SNAPSHOT as ~SNAPSHOT so that the release
# sorts after it), DEB_COMPRESSION (dpkg-deb's -Z: xz by default; gzip or none build faster).
set -euo pipefail
packaging="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$(dirname "$packaging")"
out="$(mkdir -p "${WIRELOG_DIST_DIR:-$project/target}" && cd "${WIRELOG_DIST_DIR:-$project/target}" && pwd)"

# What wirelog's classes and its dependencies use (jdeps --print-module-deps on the shaded jar), less java.desktop,
# which only commons-compress's pack200 and commons-lang3's bean events (neither used here) refer to.
modules=java.base,java.management,java.sql,jdk.unsupported

jdk_major() { sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null; }
find_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/* 2>/dev/null | sort -rV); do
    [ -n "$candidate" ] && [ -x "$candidate/bin/jlink" ] && [ "$(jdk_major "$candidate")" -ge 25 ] 2>/dev/null \
      && { echo "$candidate"; return 0; }
  done
  return 1
}
jdk="$(find_jdk)" || { echo "build-deb: no JDK 25 or newer with jlink (set JAVA_HOME)" >&2; exit 1; }

if [ $# -gt 0 ]; then jars=("$@"); else jars=("$project/target/wirelog.jar"); fi
for jar in "${jars[@]}"; do [ -f "$jar" ] || { echo "build-deb: no $jar (./mvnw -DskipTests package builds it)" >&2; exit 1; }; done

pom_version="$(sed -n '/<artifactId>wirelog<\/artifactId>/{n;s/.*<version>\(.*\)<\/version>.*/\1/p;q}' "$project/pom.xml")"
version="${WIRELOG_VERSION:-${pom_version//-/\~}}"

# The runtime image: java with the modules above, the launcher beside it, the application in app/.
image="$out/wirelog-runtime"
rm -rf "$image"
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=zip-6 \
  --output "$image"
install -m 755 "$packaging/bin/wirelog" "$image/bin/wirelog"
mkdir "$image/app"
install -m 644 "${jars[@]}" "$image/app/"

# The package's tree: the image under /usr/lib/wirelog, a link on the PATH, man pages, configuration, units.
root="$out/deb-root"
rm -rf "$root"
mkdir -p "$root/DEBIAN" "$root/usr/bin" "$root/usr/lib" "$root/usr/share/doc/wirelog" "$root/usr/lib/systemd/system"
cp -al "$image" "$root/usr/lib/wirelog"  # hard links: the same files, no second copy
ln -s ../lib/wirelog/bin/wirelog "$root/usr/bin/wirelog"
for page in "$packaging"/man/*.[158]; do
  section="${page##*.}"
  mkdir -p "$root/usr/share/man/man$section"
  gzip -9n < "$page" > "$root/usr/share/man/man$section/$(basename "$page").gz"
done
mkdir "$root/etc"
cp -r "$packaging/etc" "$root/etc/wirelog"
chmod -R u=rwX,go=rX "$root/etc/wirelog"
install -m 644 "$packaging"/systemd/*.service "$root/usr/lib/systemd/system/"
install -m 644 "$project/README.md" "$root/usr/share/doc/wirelog/README.md"
(cd "$root" && find etc -type f | sort | sed 's|^|/|') > "$root/DEBIAN/conffiles"
size="$(du -sk --exclude=DEBIAN "$root" | cut -f1)"
sed -e "s/@VERSION@/$version/" -e "s/@SIZE@/$size/" "$packaging/control" > "$root/DEBIAN/control"

deb="$out/wirelog_${version}_amd64.deb"
dpkg-deb --root-owner-group -Z"${DEB_COMPRESSION:-xz}" --build "$root" "$deb" >/dev/null
rm -rf "$root"
echo "$deb"
