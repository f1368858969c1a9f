#!/usr/bin/env node
// Writes generated-cases.txt: a deterministic (no randomness) corpus of small Markwhen documents
// combining date forms, times, ISO dates, ranges, durations, relative dates, recurrence, groups and
// sections with indentation and front matter, for the 1.x oracle:
//   node generate-corpus.cjs                       # writes generated-cases.txt next to this script
//   TZ=UTC NODE_PATH=/tmp/mw120/node_modules node oracle.cjs --raw generated-cases.txt \
//       > ../../tests/fixtures/markwhen-oracle-generated.json
// Run the oracle with --raw: a few cases start with indentation, which the legacy mode would trim.
// Cases using `now` (and relative dates with nothing to be relative to) depend on the day they were run.
const fs = require('fs');
const path = require('path');

const cases = [];
const add = (text) => {
  if (!cases.includes(text)) cases.push(text);
};

// A. Single dates, one per line.
const single = [
  // years
  ['2025', 'year'],
  ['1999', 'year 1999'],
  ['0800', 'four-digit early year'],
  ['33', 'two-digit year'],
  ['12000', 'five-digit year'],
  // year-month, year-month-day
  ['2025-03', 'year-month'],
  ['2025-12', 'december'],
  ['2025-03-07', 'ISO day'],
  ['2024-02-29', 'leap day'],
  ['2023-02-29', 'non-leap Feb 29'],
  ['2025-13-01', 'month 13'],
  ['2025-3-7', 'ISO day without padding'],
  // casual
  ['Dec 1 2025', 'casual month day year'],
  ['Dec 1, 2025', 'casual with comma'],
  ['December 1 2025', 'long month name'],
  ['December 1, 2025', 'long month name with comma'],
  ['1 December 2025', 'day first'],
  ['1 Dec 2025', 'day first short'],
  ['Dec 2025', 'month year'],
  ['December 2025', 'long month year'],
  ['Sept 3 2025', 'Sept'],
  ['Sep 3 2025', 'Sep'],
  ['Dec 1', 'no year'],
  ['1st December 2025', 'ordinal day'],
  ['December 1st 2025', 'ordinal after month'],
  ['dec 1 2025', 'lowercase month'],
  // slashes
  ['10/15/2025', 'M/D/YYYY'],
  ['1/2/2025', 'short M/D/YYYY'],
  ['01/02/2025', 'padded M/D/YYYY'],
  ['10/2025', 'M/YYYY'],
  ['2025/10/15', 'YYYY/MM/DD'],
  ['13/01/2025', 'day 13 first'],
  // now
  ['now', 'now'],
  // eras
  ['300 BC', 'BC'],
  ['44 BCE', 'BCE'],
  ['476 AD', 'AD'],
  ['1066 CE', 'CE'],
  ['300BC', 'BC without space'],
  ['1 BC', 'one BC'],
  ['1000000 BC', 'million BC'],
  ['2.5 million BC', 'fractional million'],
];
for (const [d, t] of single) add(`${d}: ${t}`);

// B. Times.
const times = [
  ['Jan 4 2025 9:00am', 'time with minutes am'],
  ['Jan 4 2025 8am', 'hour am'],
  ['Jan 4 2025 8pm', 'hour pm'],
  ['Jan 4 2025 12am', 'midnight 12am'],
  ['Jan 4 2025 12pm', 'noon 12pm'],
  ['Jan 4 2025 13:27', '24h time'],
  ['Jan 4 2025 9:15am - 10:00am', 'time range same day'],
  ['Jan 4 2025 9:15am - Jan 4 2025 10:00am', 'full time range'],
  ['2025-01-04 9:00am', 'ISO day with am time'],
  ['2025-01-04 13:27', 'ISO day with 24h time'],
  ['2025-01-04 9:15am - 2025-01-04 10:00am', 'ISO days with times'],
  ['2025-01-04 23:30 / 2025-01-05 00:30', 'crossing midnight'],
  ['1/4/2025 9:00am', 'slash date with time'],
  ['4 January 2025 9:00am', 'day first with time'],
  ['Jan 4 2025 9:00 am', 'space before am'],
  ['Jan 4 2025 9:00AM', 'uppercase AM'],
  ['Jan 4 2025, 9:00am', 'comma before time'],
  ['9:00am', 'bare time'],
  ['13:27', 'bare 24h time'],
  ['8am - 5pm', 'bare time range'],
];
for (const [d, t] of times) add(`${d}: ${t}`);

// C. ISO date-times with zones.
const isos = [
  ['2023-08-19T18:31:26.742Z', 'ISO millis Z'],
  ['2023-08-19T18:31:26Z', 'ISO seconds Z'],
  ['2023-08-19T18:31Z', 'ISO minutes Z'],
  ['2023-08-19T18:31', 'ISO minutes local'],
  ['2023-08-19T18:31:26+02:00', 'ISO plus offset'],
  ['2023-08-19T18:31:26-05:00', 'ISO minus offset'],
  ['2023-08-19T18:31:26.000+05:30', 'ISO half-hour offset'],
  ['2023-08-19T18:31-05:00', 'ISO minutes with offset'],
  ['2023-08-19T18:31:26.742Z - 2023-08-20T06:00:00.000Z', 'ISO range'],
  ['2023-08-19T18:31:26.742Z/2023-08-20T06:00:00.000Z', 'ISO range with slash'],
];
for (const [d, t] of isos) add(`${d}: ${t}`);

// D. Ranges: pairs of forms with each separator.
const rangePairs = [
  ['2020', '2022'],
  ['2025-01', '2025-03'],
  ['2025-01-01', '2025-03-31'],
  ['Dec 1 2025', 'Dec 5 2025'],
  ['1 December 2025', '5 December 2025'],
  ['1/2/2025', '3/4/2025'],
  ['2020', 'now'],
  ['500 BC', '300 BC'],
  ['100 BC', '100 AD'],
];
const separators = [' - ', '-', ' / ', '/', ' – ', ' to '];
for (const [a, b] of rangePairs) {
  for (const sep of separators) add(`${a}${sep}${b}: range ${JSON.stringify(sep.trim())}`);
}
add('2025-01-01 - 2025-01-01: same day range');
add('2025-03-01 - 2025-01-01: reversed range');
add('Dec 1 - Dec 5 2025: range sharing the year');

// E. Durations, alone and after an event.
const durations = ['2 weeks', '1 year', '3 months', '10 days', '1 day', '5 hours', '90 minutes', '2 years', '1 week', '4 week days'];
for (const d of durations) add(`2025-01-01: start\n${d}: lasts ${d}`);
for (const d of ['2 weeks', '1 year', '3 days']) {
  add(`2025-06-01/${d}: from a date for ${d}`);
  add(`2025-06-01 - ${d}: from a date, dash, ${d}`);
}
add('1 year: duration alone');
add('2025-01-01: start\n1 month - 2 weeks: gap then duration');

// F. Relative dates.
for (const [rel, t] of [
  ['after !base 2 days', 'after 2 days'],
  ['after !base 1 week - 3 days', 'after a week for 3 days'],
  ['after !base', 'right after'],
  ['before !base 3 days', 'before 3 days'],
  ['before !base', 'right before'],
  ['!base 1 week', 'id then duration'],
  ['!base - 2025-03-01', 'from id to date'],
]) {
  add(`2025-02-01: base !base\n${rel}: ${t}`);
  add(`2025-02-01: base\nid: base\n\n${rel}: ${t} (id property)`);
}
add('2025-02-01: first !a\n2025-02-10: second !b\n!a / !b: between ids');
add('after !missing 2 days: unknown id');
add('2025-02-01: base\nafter 2 days: after previous without id');
add('2025-02-01: base\nby 1 week: by previous');

// G. Recurrence.
for (const r of [
  'every 2 weeks for 3 times',
  'every week x5',
  'every day for 10 days',
  'every 3 months for 1 year',
  'every year x3',
  'every day until 2025-01-10',
  'every 2 days | 2025-01-10',
  'every weekday for 5 times',
]) {
  add(`2025-01-01 ${r}: recurring ${r}`);
}
add('Dec 1 2025 every 2 weeks for 3 times: casual recurring');
add('2025-01-01 9:00am every week x3: recurring with time');

// H. Groups and sections with indentation.
add('group Trip\n2025-02-25: land\n2025-02-26: explore\nendGroup');
add('group Trip\n  2025-02-25: land, indented\n  2025-02-26: explore, indented\nendGroup');
add('group Trip\n\t2025-02-25: land, tab\nendGroup');
add('  group Indented group\n  2025-02-25: inside\n  endGroup\n2025-03-01: outside');
add('section Work\n  2025-01-01: in section\n  2025-01-05: another\nendSection');
add('section Work\n2025-01-01: in section\nendSection\n2025-02-01: after section');
add('group Outer\n  2025-01-01: outer event\n  group Inner\n    2025-01-02: inner event\n  endGroup\n  2025-01-03: outer again\nendGroup');
add('section S\n  group G\n    2025-01-01: in group in section\n  endGroup\nendSection');
add('group #tagged Tagged group\n2025-01-01: event\nendGroup');
add('group Unclosed\n2025-01-01: event in unclosed group');
add('group\n2025-01-01: event in unnamed group\nendGroup');
add('endGroup\n2025-01-01: stray endGroup');
add('group A\n2025-01-01: a\nendGroup\ngroup B\n2025-02-01: b\nendGroup');
add('group Trip\n  2025-02-25: land\n    with an indented description\n  2025-02-26: next\nendGroup');
add('# Heading\n2025-01-01: under heading\n## Sub\n  2025-01-02: indented under sub');
add('  2025-01-01: indented event at top level');

// I. Front matter and header.
add('---\ntitle: x\n---\n2025-01-01: after front matter');
add('---\ntitle: x\ndescription: y\n---\n\n2025-01-01: after front matter and blank');
add('---\ntitle: x\n---\ngroup G\n  2025-01-01: front matter then group\nendGroup');
add('---\ntitle: x\ntimezone: +5\n---\n2025-01-01: front matter with timezone');
add('---\ntimezone: America/New_York\n---\n2025-01-01 9:00am: named timezone');
add('---\ndateFormats: d/M/y\n---\n1/2/2025: european date format');
add('title: x\n\n2025-01-01: header without dashes');
add('---\ntitle: x\n---');
add('---\ntitle: unclosed front matter\n2025-01-01: event');

// J. Mixed multi-line documents.
add('2025-01-01: one\n2025-02-01: two\n2025-03-01: three');
add('2025-01-01: with description\nmore text\n- [ ] a checklist item\n2025-02-01: next');
add('// comment\n2025-01-01: after comment\n// 2025-02-01: commented out');
add('2025-01-01: tags #one #two\n2025-02-01: more #three');
add('2025-01-01: title: with colon');
add('2025-01-01:no space after colon');
add('2025-01-01 : space before colon');
add('2025-01-01:');
add('no date here: not an event');
add('2025-01-01: first\n\n\n2025-01-02: after blank lines');

const out = path.join(__dirname, 'generated-cases.txt');
for (const c of cases) if (!c.trim() || c.split('\n').includes('=====')) throw new Error(`bad case ${JSON.stringify(c)}`);
fs.writeFileSync(out, cases.join('\n=====\n') + '\n');
console.error(`${cases.length} cases written to ${out}`);
