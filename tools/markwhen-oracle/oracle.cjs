// Runs the reference Markwhen parser (@markwhen/parser 1.x, CommonJS build: the ESM build never
// fills `recurrence`, so it is loaded with require) over Markwhen inputs and prints, as JSON, per case
// the events it finds: start and end (ISO, to the minute) and the rest of the first line (title).
//
//   node oracle.cjs [--raw] [--parser DIR] [FILE ...]
//
// FILE is either
//   - a cases file (any name not ending in .mw): cases separated by lines `=====`;
//     by default (legacy mode, as for cases.txt) each case is trimmed and parsed with a "\n" appended;
//     with --raw each case is kept and parsed exactly as written (the file's final "\n" is not part
//     of the last case) - use it for the extracted parser tests, where whitespace matters;
//   - a `.mw` file: the whole file is one case, parsed exactly as it is; the result gets "file".
// Without FILE it reads cases.txt next to this script. Relative paths that do not exist from the
// current directory are looked up next to this script.
//
// Output: [{text, events: [{start, end, title, occurrences?}], origin, offsets?, source?, file?}]
//   start/end: dateRangeIso.{from,to}DateTimeIso.slice(0, 16), i.e. wall time in the zone the parser
//           used (UTC under TZ=UTC, unless the document sets `timezone:` or the date has an offset)
//   offsets: the distinct non-UTC offsets of those ISO strings, only present when there are any
//   occurrences: for an event with a recurrence, every occurrence as the parser's own `expand` makes
//           them (at most OCCURRENCE_LIMIT, the most our importer expands to), as one string
//           "start/end start/end ..." (one line of the fixture, however many there are)
//   origin: "<file name>#<0-based case index in that file>"
//   source: test locations the case was extracted from, when FILE has a sidecar
//           <FILE without .txt>.sources.json (written by extract-parser-tests.cjs)
//
// The parser is `require("@markwhen/parser")` (resolved from here, or via NODE_PATH), or the package
// directory given by --parser DIR or the MW_PARSER environment variable. Its version is printed on stderr.
// MW_NOW=<ISO datetime> passes a fixed "now" to parse() (default: the real current time); cases using
// `now` (and relative dates falling back to it) depend on it.
// Always run with TZ=UTC. See README.md for the commands that regenerate each fixture.
// Regenerate the original fixture with:
//   cd tools/markwhen-oracle && npm install @markwhen/parser@1.2.0 && TZ=UTC node oracle.cjs > ../../tests/fixtures/markwhen-oracle.json
const fs = require('fs');
const path = require('path');

const SEPARATOR = '\n=====\n';

function readInputs(files, raw) {
  const out = [];
  for (const f of files) {
    let p = f;
    if (!fs.existsSync(p) && !path.isAbsolute(p) && fs.existsSync(path.join(__dirname, p))) p = path.join(__dirname, p);
    const content = fs.readFileSync(p, 'utf8');
    const base = path.basename(p);
    if (p.endsWith('.mw')) {
      out.push({ text: content, input: content, origin: `${base}#0`, file: base });
      continue;
    }
    const sidecar = p.replace(/\.txt$/, '') + '.sources.json';
    const sources = fs.existsSync(sidecar) ? JSON.parse(fs.readFileSync(sidecar, 'utf8')).cases : undefined;
    let cases;
    if (raw) {
      cases = (content.endsWith('\n') ? content.slice(0, -1) : content).split(SEPARATOR);
    } else {
      cases = content.split(SEPARATOR).map((c) => c.trim());
    }
    cases.forEach((text, i) => {
      if (!text) return;
      const item = { text, input: raw ? text : text + '\n', origin: `${base}#${i}` };
      if (sources && sources[i]) item.source = sources[i];
      out.push(item);
    });
  }
  return out;
}

const walk = (node, out) => {
  if (Array.isArray(node.children)) node.children.forEach((c) => walk(c, out));
  else out.push(node);
  return out;
};

const toEvent = (e) => ({
  start: e.dateRangeIso.fromDateTimeIso.slice(0, 16),
  end: e.dateRangeIso.toDateTimeIso.slice(0, 16),
  title: (e.firstLine && e.firstLine.restTrimmed) || '',
});

// As src/io/markwhen/dates.rs MAX_OCCURRENCES.
const OCCURRENCE_LIMIT = 1000;

// The occurrences of a recurring event, by the parser's own `expand(dateRange, recurrence, limit)`
// (what its timeline view draws), or undefined when the event does not recur or the parser has no
// `expand`.
function occurrencesOf(parser, e, event) {
  if (!e.recurrence || typeof parser.expand !== 'function' || typeof parser.toDateRange !== 'function') return undefined;
  // expand() writes dtstart into the recurrence: give it a copy.
  const ranges = parser.expand(parser.toDateRange(e.dateRangeIso), { ...e.recurrence }, OCCURRENCE_LIMIT);
  const iso = (d) => (typeof d === 'string' ? d : d.toISO());
  const out = ranges.map((r) => `${iso(r.fromDateTime).slice(0, 16)}/${iso(r.toDateTime).slice(0, 16)}`);
  // One occurrence that is the event itself says nothing more.
  return out.length === 1 && out[0] === `${event.start}/${event.end}` ? undefined : out.join(' ');
}

// parse: the parser's parse function; timelineOf: picks the timeline (with .events) from its result.
function run({ parse, parser = {}, files, raw, now, timelineOf, eventOf = toEvent }) {
  const versions = new Set();
  const results = readInputs(files, raw).map(({ text, input, origin, source, file }) => {
    const r = now ? parse(input, undefined, now) : parse(input);
    if (r && r.parser && r.parser.version) versions.add(r.parser.version);
    const tl = timelineOf(r);
    const nodes = walk(tl.events, []);
    const events = nodes.map((node) => {
      const event = eventOf(node);
      const occurrences = occurrencesOf(parser, node, event);
      return occurrences ? { ...event, occurrences } : event;
    });
    const res = { text, events, origin };
    // start/end are local wall times of whatever zone the parser used; list non-UTC offsets
    const offsets = new Set();
    for (const e of nodes) {
      const r = e.dateRangeIso || {};
      for (const iso of [r.fromDateTimeIso, r.toDateTimeIso]) {
        const m = /([+-]\d\d:\d\d|Z)$/.exec(typeof iso === 'string' ? iso : '');
        if (m && m[1] !== 'Z' && m[1] !== '+00:00') offsets.add(m[1]);
      }
    }
    if (offsets.size) res.offsets = [...offsets];
    if (source) res.source = source;
    if (file) res.file = file;
    return res;
  });
  console.error(`${results.length} cases; parser version reported: ${[...versions].join(', ') || 'unknown'}`);
  return results;
}

function parseArgs(argv, defaults) {
  const files = [];
  let raw = !!defaults.raw;
  let parser = process.env.MW_PARSER || defaults.parser;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--raw') raw = true;
    else if (argv[i] === '--parser') parser = argv[++i];
    else files.push(argv[i]);
  }
  // defaults.rawWithoutFiles: --raw is implied when no FILE is given (the default file is exact)
  if (!files.length && defaults.rawWithoutFiles) raw = true;
  return { files: files.length ? files : defaults.files, raw, parser };
}

const defaultTimeline = (r) => (Array.isArray(r) ? r[0] : r.timelines ? r.timelines[0] : r);

function main() {
  const { files, raw, parser } = parseArgs(process.argv.slice(2), { files: ['cases.txt'] });
  const module_ = require(parser ? path.resolve(parser) : '@markwhen/parser');
  const results = run({ parse: module_.parse, parser: module_, files, raw, now: process.env.MW_NOW, timelineOf: defaultTimeline });
  console.log(JSON.stringify(results, null, 1));
}

module.exports = { run, parseArgs, readInputs, walk, toEvent, defaultTimeline };

if (require.main === module) main();
