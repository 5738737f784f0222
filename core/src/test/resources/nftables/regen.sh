#!/bin/sh
# Regenerates NAME.json from NAME.nft for every sample given (default: all .nft files here) by
# loading it into a scratch network namespace with nft and listing it with nft -j. Needs root and
# nft. ports.json is kept on one line, as nft prints it; the others are indented for reading.
set -eu
cd "$(dirname "$0")"
[ $# -gt 0 ] || set -- *.nft
for src in "$@"; do
	name=${src%.nft}
	unshare -n sh -c "ip link set lo up && nft -f '$src' && nft -j list ruleset" > "$name.raw"
	if [ "$name" = ports ]; then
		mv "$name.raw" "$name.json"
	else
		python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin), indent=2))' < "$name.raw" > "$name.json"
		rm "$name.raw"
	fi
done
