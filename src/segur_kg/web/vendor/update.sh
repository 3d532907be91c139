#!/bin/sh
# Re-vendor the SPARQL editor of the query page: @zazuko/yasgui at an exact version, from npm.
#   src/segur_kg/web/vendor/update.sh 4.6.2
# Downloads the package with `npm pack` into a temporary folder, checks its sha512 against the
# integrity the registry publishes, and copies only the built files the page loads (yasgui.min.js,
# yasgui.min.css) into vendor/yasgui/, with the project's LICENSE (the npm package carries none:
# it is the MIT licence of github.com/rdfjs/Yasgui, kept in vendor/yasgui/LICENSE) and VERSION.
set -eu
VERSION="${1:?usage: update.sh VERSION (an exact version of @zazuko/yasgui, e.g. 4.6.2)}"
PACKAGE="@zazuko/yasgui"
HERE="$(cd "$(dirname "$0")" && pwd)"
TARGET="$HERE/yasgui"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cd "$WORK"
expected="$(npm view "$PACKAGE@$VERSION" dist.integrity)"
[ -n "$expected" ] || { echo "update.sh: $PACKAGE@$VERSION is not on the registry" >&2; exit 2; }
npm pack --silent "$PACKAGE@$VERSION" >/dev/null
tarball="$(ls ./*.tgz)"
actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
if [ "$actual" != "$expected" ]; then
  echo "update.sh: $tarball has $actual, the registry says $expected" >&2
  exit 1
fi
tar xzf "$tarball"
mkdir -p "$TARGET"
cp package/build/yasgui.min.js package/build/yasgui.min.css "$TARGET/"
cat > "$TARGET/VERSION" <<INFO
package: $PACKAGE
version: $VERSION
integrity: $expected
files: yasgui.min.js yasgui.min.css (from the package's build/)
source: https://www.npmjs.com/package/$PACKAGE/v/$VERSION (repository github.com/rdfjs/Yasgui)
licence: MIT (LICENSE)
INFO
echo "vendored $PACKAGE@$VERSION into $TARGET"
