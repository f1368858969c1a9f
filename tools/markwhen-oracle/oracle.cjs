// Runs the reference Markwhen parser (@markwhen/parser 1.x, CommonJS build)
// on each case of cases.txt (cases are separated by lines `=====`) and prints, per case, the events it finds:
// their count, start (ISO, to the minute) and first line of text.
// Regenerate the fixture with:
//   cd tools/markwhen-oracle && npm install @markwhen/parser@1.2.0 && TZ=UTC node oracle.cjs > ../../tests/fixtures/markwhen-oracle.json
const { parse } = require('@markwhen/parser');
const fs = require('fs');
const cases = fs.readFileSync(__dirname + '/cases.txt', 'utf8').split('\n=====\n').map(c => c.trim()).filter(c => c);
const walk = (node, out) => {
  if (Array.isArray(node.children)) node.children.forEach(c => walk(c, out));
  else out.push(node);
  return out;
};
const results = cases.map(text => {
  const r = parse(text + '\n');
  const tl = Array.isArray(r) ? r[0] : (r.timelines ? r.timelines[0] : r);
  const events = walk(tl.events, []).map(e => ({
    start: e.dateRangeIso.fromDateTimeIso.slice(0, 16),
    end: e.dateRangeIso.toDateTimeIso.slice(0, 16),
    title: (e.firstLine && e.firstLine.restTrimmed) || '',
  }));
  return { text, events };
});
console.log(JSON.stringify(results, null, 1));
