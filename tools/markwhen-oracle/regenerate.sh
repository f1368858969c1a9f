#!/usr/bin/env bash
# Regenerates every Markwhen oracle fixture in tests/fixtures/ (see README.md).
# Needs node and npm (and git for the extraction step). Installs the reference parsers and
# TypeScript into /tmp, never into the repository.
#   PARSER_GIT=<git dir of a mark-when/parser clone>   (only for the extraction step; skipped if unset
#                                                      and no clone at the default path)
#   SAMPLES=<folder of .mw samples>                    (default /work/shared/samples/markwhen)
# The original fixture markwhen-oracle.json (from cases.txt) is not rewritten here; see README.md.
set -euo pipefail
cd "$(dirname "$0")"
export TZ=UTC
# `now` pinned to when the committed fixtures were made, so that regenerating moves no `now` case.
export MW_NOW=${MW_NOW:-2026-12-03T07:03:00.000Z}
FIX=../../tests/fixtures
SAMPLES=${SAMPLES:-/work/shared/samples/markwhen}

[ -d /tmp/mw120/node_modules/@markwhen/parser ] || npm install --prefix /tmp/mw120 @markwhen/parser@1.2.0
[ -d /tmp/mw016/node_modules/@markwhen/parser ] || npm install --prefix /tmp/mw016 @markwhen/parser@0.16.8

PARSER_GIT=${PARSER_GIT:-/tmp/mw-parser.git}
if [ -d "$PARSER_GIT" ]; then
  [ -d /tmp/mwts/node_modules/typescript ] || npm install --prefix /tmp/mwts typescript@5
  # 65f6e82: "paragraphBreak and bump version" (package.json 1.2.0, matches the npm 1.2.0 build)
  # 9d938d3: "bump version" (package.json 0.16.8, matches the npm 0.16.8 build)
  NODE_PATH=/tmp/mwts/node_modules node extract-parser-tests.cjs --git-dir "$PARSER_GIT" --rev 65f6e82 --out parser-tests-1.2.0.txt
  NODE_PATH=/tmp/mwts/node_modules node extract-parser-tests.cjs --git-dir "$PARSER_GIT" --rev 9d938d3 --out parser-tests-0.16.8.txt
else
  echo "no parser clone at $PARSER_GIT: keeping parser-tests-*.txt as they are" >&2
fi
node generate-corpus.cjs

NODE_PATH=/tmp/mw120/node_modules node oracle.cjs --raw parser-tests-1.2.0.txt > $FIX/markwhen-oracle-parser-1.2.0.json
NODE_PATH=/tmp/mw120/node_modules node oracle.cjs "$SAMPLES"/*.mw > $FIX/markwhen-oracle-samples.json
NODE_PATH=/tmp/mw120/node_modules node oracle.cjs --raw generated-cases.txt > $FIX/markwhen-oracle-generated.json
MW016=/tmp/mw016/node_modules/@markwhen/parser node oracle-0.16.cjs > $FIX/markwhen-oracle-parser-0.16.8.json
