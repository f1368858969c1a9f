// Runs the old reference Markwhen parser, @markwhen/parser 0.16.8 (CommonJS build, group/endGroup and
// section/endSection syntax), and prints the same JSON as oracle.cjs:
//   [{text, events: [{start, end, title}], origin, offsets?, source?, file?}]
//
// Install the parser apart from the 1.x one and point MW016 (or --parser) at the package directory:
//   npm install --prefix /tmp/mw016 @markwhen/parser@0.16.8
//   TZ=UTC node oracle-0.16.cjs > ../../tests/fixtures/markwhen-oracle-parser-0.16.8.json
// (MW016 defaults to /tmp/mw016/node_modules/@markwhen/parser.)
// Arguments are as for oracle.cjs, except that without FILE it reads parser-tests-0.16.8.txt in --raw
// mode (cases parsed exactly as written); with FILE arguments, pass --raw yourself where wanted.
//
// 0.16.8's parse() has the same shape as 1.x: ParseResult = Timeline & {parser}, whose `events` is a
// tree of EventGroup {title, style: "group"|"section", children} and Event leaves with
// dateRangeIso {fromDateTimeIso, toDateTimeIso} and firstLine {datePart, restTrimmed}. Older results
// (a list of timelines, eventDescription/ranges) are handled too, in case a different build is used.
const path = require('path');
const { run, parseArgs, defaultTimeline } = require('./oracle.cjs');

const { files, raw, parser } = parseArgs(process.argv.slice(2), {
  files: ['parser-tests-0.16.8.txt'],
  rawWithoutFiles: true,
  parser: process.env.MW016 || '/tmp/mw016/node_modules/@markwhen/parser',
});
const module_ = require(path.resolve(parser));
const { parse } = module_;

const isoOf = (d) => (typeof d === 'string' ? d : d && typeof d.toISO === 'function' ? d.toISO() : String(d));
const eventOf = (e) => {
  const range = e.dateRangeIso || (e.ranges && e.ranges.date) || e.range || {};
  const from = isoOf(range.fromDateTimeIso || range.fromDateTime);
  const to = isoOf(range.toDateTimeIso || range.toDateTime);
  if (!e.dateRangeIso) e = { ...e, dateRangeIso: { fromDateTimeIso: from, toDateTimeIso: to } };
  const title =
    (e.firstLine && e.firstLine.restTrimmed) ||
    (e.eventDescription && (e.eventDescription.eventDescription || '').split('\n')[0].trim()) ||
    '';
  return { start: from.slice(0, 16), end: to.slice(0, 16), title };
};
const timelineOf = (r) => {
  const tl = defaultTimeline(r);
  // Very old results keep the events as a flat list (or a list of pages): wrap them as a group.
  return Array.isArray(tl.events) ? { events: { children: tl.events.flat() } } : tl;
};

const results = run({ parse, parser: module_, files, raw, now: process.env.MW_NOW, timelineOf, eventOf });
console.log(JSON.stringify(results, null, 1));
