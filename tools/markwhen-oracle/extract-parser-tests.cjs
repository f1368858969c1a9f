#!/usr/bin/env node
// Extracts the Markwhen documents that the reference parser's own test suite
// (github.com/mark-when/parser, tests/*.ts) passes to the parser, and writes them
// as an `=====`-separated cases file for oracle.cjs (run it with --raw: the texts are exact).
//
// It reads the test sources straight out of a git directory (no checkout needed) and
// walks them with the TypeScript compiler API, so it can follow identifiers to their
// declarations (also across `import { x } from "./testStrings"`).
//
// Usage:
//   npm install --prefix /tmp/mwts typescript@5
//   NODE_PATH=/tmp/mwts/node_modules node extract-parser-tests.cjs \
//       --git-dir /path/to/parser.git --rev 65f6e82 --out parser-tests-1.2.0.txt
//
// What counts as "passed to the parser": the first argument of calls to `parse(...)`,
// `p(...)` (the parse variants the tests get from `sameParse()`/`sp()`) and `profileParse(...)`,
// plus every string constant exported by tests/testStrings.ts (all of them are Markwhen
// documents; some are only used through incremental-parse helpers).
// An argument is resolved statically when it is
//   - a string literal or a template literal (its cooked value, exactly as the test sees it:
//     the tests do not dedent, so indentation is kept verbatim),
//   - a template with `${}` / a `+` concatenation / `[..].join(sep)` whose parts all resolve,
//   - an identifier bound (const/let with an initializer, or import) to something resolvable,
//   - a destructured or plain callback parameter of `ARRAY.forEach/map(...)` or
//     `test.each(ARRAY)(...)` over a literal array,
//   - a parameter of a local helper function (then every call site of the helper is resolved).
// Anything else (strings built in loops, codemirror Text documents after an edit, ...)
// is reported on stderr as not extracted.
// Identical texts are written once; empty texts are dropped.
// Besides OUT it writes OUT with `.txt` replaced by `.sources.json`: for each case, the
// test locations (path:line) it was extracted from; oracle.cjs adds these as "source".

const ts = require(process.env.TYPESCRIPT || 'typescript');
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const gitDir = opt('--git-dir');
const rev = opt('--rev');
const out = opt('--out');
const verbose = args.includes('--verbose');
if (!gitDir || !rev || !out) {
  console.error('usage: extract-parser-tests.cjs --git-dir DIR --rev REV --out FILE.txt [--verbose]');
  process.exit(2);
}

const git = (...a) => execFileSync('git', ['--git-dir', gitDir, ...a], { encoding: 'utf8', maxBuffer: 1 << 28 });
const version = JSON.parse(git('show', `${rev}:package.json`)).version;
const commit = git('rev-parse', rev).trim();
const files = git('ls-tree', '-r', '--name-only', rev, '--', 'tests')
  .split('\n')
  .filter((f) => f.endsWith('.ts'));
const sources = new Map(files.map((f) => ['/' + f, git('show', `${rev}:${f}`)]));

// In-memory compiler host: only the test files exist; imports of ../src stay unresolved,
// which is fine since we only need symbols of the tests themselves.
const options = { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS, noResolve: false, allowJs: false, noLib: true };
const host = {
  getSourceFile: (name, lang) => (sources.has(name) ? ts.createSourceFile(name, sources.get(name), lang, true) : undefined),
  getDefaultLibFileName: () => '/lib.d.ts',
  writeFile: () => {},
  getCurrentDirectory: () => '/',
  getDirectories: () => [],
  fileExists: (name) => sources.has(name),
  readFile: (name) => sources.get(name),
  getCanonicalFileName: (n) => n,
  useCaseSensitiveFileNames: () => true,
  getNewLine: () => '\n',
};
const program = ts.createProgram([...sources.keys()], options, host);
const checker = program.getTypeChecker();

const where = (node) => {
  const sf = node.getSourceFile();
  const { line } = sf.getLineAndCharacterOfPosition(node.getStart());
  return `${sf.fileName.slice(1)}:${line + 1}`;
};

class Unresolved extends Error {}
const fail = (node, why) => {
  throw new Unresolved(`${why}: ${node.getText().replace(/\s+/g, ' ').slice(0, 80)}`);
};

const symbolOf = (id) => {
  let s = checker.getSymbolAtLocation(id);
  if (s && s.flags & ts.SymbolFlags.Alias) s = checker.getAliasedSymbol(s);
  return s;
};

// All combinations of one value from each list, folded with `combine` from `init`.
const cross = (lists, combine, init = '') =>
  lists.reduce((acc, l) => acc.flatMap((a) => l.map((b) => combine(a, b))), [init]);

// Returns the list of string values `node` can take (several for loops over literal arrays).
function strings(node, seen = new Set()) {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node) || ts.isTypeAssertionExpression?.(node))
    return strings(node.expression, seen);
  if (ts.isTemplateExpression(node)) {
    const parts = [[node.head.text]];
    for (const span of node.templateSpans) {
      parts.push(strings(span.expression, seen));
      parts.push([span.literal.text]);
    }
    return cross(parts, (a, b) => a + b);
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken)
    return cross([strings(node.left, seen), strings(node.right, seen)], (a, b) => a + b);
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'join') {
    const sep = node.arguments.length ? strings(node.arguments[0], seen) : [','];
    if (sep.length !== 1) fail(node, 'ambiguous join separator');
    const elems = elements(node.expression.expression, seen).map((e) => strings(e, seen));
    return cross(elems, (a, b) => a.concat([b]), []).map((parts) => parts.join(sep[0]));
  }
  // codemirror documents made from a string: toText(s) (a test helper) and Text.of(s.split("\n"))
  if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'toText' && node.arguments.length === 1)
    return strings(node.arguments[0], seen);
  if (ts.isCallExpression(node) && node.expression.getText() === 'Text.of' && node.arguments.length === 1) {
    const a = node.arguments[0];
    if (ts.isCallExpression(a) && ts.isPropertyAccessExpression(a.expression) && a.expression.name.text === 'split' &&
        a.arguments.length === 1 && ts.isStringLiteral(a.arguments[0]) && a.arguments[0].text === '\n')
      return strings(a.expression.expression, seen);
  }
  if (ts.isIdentifier(node)) return identifier(node, seen);
  fail(node, `unsupported ${ts.SyntaxKind[node.kind]}`);
}

// The element expressions of something that is (bound to) a literal array.
function elements(node, seen) {
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node)) return elements(node.expression, seen);
  if (ts.isArrayLiteralExpression(node)) {
    if (node.elements.some(ts.isSpreadElement)) fail(node, 'array with spread');
    return [...node.elements];
  }
  if (ts.isIdentifier(node)) {
    const decl = declarationOf(node, seen);
    if (ts.isVariableDeclaration(decl) && decl.initializer) return elements(decl.initializer, seen);
    fail(node, 'array identifier without literal initializer');
  }
  fail(node, `not a literal array (${ts.SyntaxKind[node.kind]})`);
}

function declarationOf(id, seen) {
  const sym = symbolOf(id);
  if (!sym || !sym.declarations || !sym.declarations.length) fail(id, 'unknown identifier');
  if (seen.has(sym)) fail(id, 'recursive definition');
  seen.add(sym);
  return sym.declarations[0];
}

function identifier(id, seen) {
  const decl = declarationOf(id, new Set(seen));
  const seen2 = new Set(seen).add(symbolOf(id));
  if (ts.isVariableDeclaration(decl)) {
    if (!decl.initializer) fail(id, 'variable without initializer');
    if (!(decl.parent.flags & ts.NodeFlags.Const) && isReassigned(id)) fail(id, 'reassigned variable');
    return strings(decl.initializer, seen2);
  }
  if (ts.isBindingElement(decl)) return bindingElement(decl, seen2);
  if (ts.isParameter(decl)) return parameter(decl, seen2);
  fail(id, `declared as ${ts.SyntaxKind[decl.kind]}`);
}

function isReassigned(id) {
  const sym = symbolOf(id);
  let found = false;
  const visit = (n) => {
    if (found) return;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
        ts.isIdentifier(n.left) && symbolOf(n.left) === sym) found = true;
    ts.forEachChild(n, visit);
  };
  visit(id.getSourceFile());
  return found;
}

// The call that a callback (function-like node) is passed to, and the iterated array.
function iteratedArray(fn) {
  const call = fn.parent;
  if (!ts.isCallExpression(call) || call.arguments[0] !== fn && !(call.arguments[1] === fn)) return undefined;
  const callee = call.expression;
  // ARRAY.forEach(cb) / ARRAY.map(cb)
  if (call.arguments[0] === fn && ts.isPropertyAccessExpression(callee) && ['forEach', 'map', 'flatMap'].includes(callee.name.text))
    return { array: callee.expression, each: false };
  // test.each(ARRAY)(name, cb)
  if (call.arguments[1] === fn && ts.isCallExpression(callee) && ts.isPropertyAccessExpression(callee.expression) &&
      callee.expression.name.text === 'each' && callee.arguments.length === 1)
    return { array: callee.arguments[0], each: true };
  return undefined;
}

function bindingElement(be, seen) {
  const pattern = be.parent;
  if (!ts.isObjectBindingPattern(pattern) || !ts.isParameter(pattern.parent)) fail(be, 'unsupported destructuring');
  const param = pattern.parent;
  const fn = param.parent;
  const key = (be.propertyName || be.name).getText();
  const fromObject = (el) => {
    if (!ts.isObjectLiteralExpression(el)) fail(el, 'argument is not an object literal');
    const prop = el.properties.find((p) => p.name && p.name.getText() === key);
    if (!prop) return [];
    if (ts.isPropertyAssignment(prop)) return strings(prop.initializer, seen);
    if (ts.isShorthandPropertyAssignment(prop)) return strings(prop.name, seen);
    fail(prop, 'unsupported property');
  };
  const it = iteratedArray(fn);
  if (it) {
    if (fn.parameters[0] !== param) fail(be, 'destructured loop callback parameter beyond the element');
    return elements(it.array, seen).flatMap(fromObject);
  }
  return helperCallSites(fn, fn.parameters.indexOf(param), fromObject);
}

function parameter(param, seen) {
  const fn = param.parent;
  const index = fn.parameters.indexOf(param);
  const it = iteratedArray(fn);
  if (it) {
    return elements(it.array, seen).flatMap((el) => {
      if (it.each && ts.isArrayLiteralExpression(el)) return el.elements[index] ? strings(el.elements[index], seen) : [];
      if (index !== 0) fail(param, 'loop callback parameter beyond the element');
      return strings(el, seen);
    });
  }
  return helperCallSites(fn, index, (arg) => strings(arg, seen));
}

// Parameter of a named local helper: resolve the argument at `index` of every call site.
function helperCallSites(fn, index, resolveArg) {
  let nameNode;
  if (ts.isFunctionDeclaration(fn)) nameNode = fn.name;
  else if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent)) nameNode = fn.parent.name;
  if (!nameNode || !ts.isIdentifier(nameNode)) throw new Unresolved(`helper-internal: parameter of an anonymous function`);
  const helper = symbolOf(nameNode);
  const results = [];
  for (const call of allCalls()) {
    if (ts.isIdentifier(call.expression) && symbolOf(call.expression) === helper && call.arguments[index]) {
      try {
        results.push(...resolveArg(call.arguments[index]));
      } catch (e) {
        if (!(e instanceof Unresolved)) throw e;
        unresolved.push({ at: where(call), why: `via helper ${nameNode.text}(): ${e.message}` });
      }
    }
  }
  return results;
}

let callCache;
function allCalls() {
  if (callCache) return callCache;
  callCache = [];
  for (const sf of program.getSourceFiles()) {
    const visit = (n) => {
      if (ts.isCallExpression(n)) callCache.push(n);
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return callCache;
}

const PARSE_CALLEES = new Set(['parse', 'p', 'profileParse']);
const found = new Map(); // text -> Set of locations
const unresolved = [];
const skipped = {}; // not Markwhen documents: parseDateRange/parseICal arguments
let sites = 0;
const add = (text, at) => {
  if (!text.trim()) {
    unresolved.push({ at, why: 'empty document' });
    return;
  }
  if (!found.has(text)) found.set(text, new Set());
  found.get(text).add(at);
};

for (const call of allCalls()) {
  const callee = call.expression;
  if (!ts.isIdentifier(callee)) continue;
  const name = callee.text;
  if (name === 'parseDateRange' || name === 'parseICal') {
    skipped[name] = (skipped[name] || 0) + 1;
    continue;
  }
  if (!PARSE_CALLEES.has(name) || !call.arguments.length) continue;
  sites++;
  try {
    for (const s of strings(call.arguments[0])) add(s, where(call));
  } catch (e) {
    if (!(e instanceof Unresolved)) throw e;
    unresolved.push({ at: where(call), why: e.message });
  }
}

// Exported string constants of tests/testStrings.ts.
const testStrings = program.getSourceFile('/tests/testStrings.ts');
let exportedConstants = 0;
if (testStrings) {
  for (const st of testStrings.statements) {
    if (!ts.isVariableStatement(st) || !st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    for (const d of st.declarationList.declarations) {
      // skip aggregates such as `export const all = { basic, ... }` (their members are exports too)
      if (!d.initializer || ts.isObjectLiteralExpression(d.initializer) || ts.isArrayLiteralExpression(d.initializer)) continue;
      try {
        for (const s of strings(d.initializer)) {
          exportedConstants++;
          add(s, where(d));
        }
      } catch (e) {
        if (!(e instanceof Unresolved)) throw e;
        unresolved.push({ at: where(d), why: `testStrings export ${d.name.getText()}: ${e.message}` });
      }
    }
  }
}

const cases = [...found.keys()];
const bad = cases.filter((c) => c.split('\n').includes('====='));
if (bad.length) {
  console.error(`${bad.length} case(s) contain a ===== line and cannot be written; dropped`);
}
const kept = cases.filter((c) => !bad.includes(c));
fs.writeFileSync(out, kept.join('\n=====\n') + '\n');
const sourcesFile = out.replace(/\.txt$/, '') + '.sources.json';
fs.writeFileSync(sourcesFile, JSON.stringify({ repo: 'mark-when/parser', commit, version, cases: kept.map((c) => [...found.get(c)]) }, null, 1) + '\n');

const helperInternal = unresolved.filter((u) => u.why.startsWith('helper-internal'));
const real = unresolved.filter((u) => !u.why.startsWith('helper-internal'));
console.error(`parser ${version} @ ${commit.slice(0, 10)}: ${files.length} test files, ${sites} parse call sites, ` +
  `${exportedConstants} testStrings exports -> ${kept.length} distinct cases written to ${out}`);
console.error(`  not Markwhen documents (skipped): ${JSON.stringify(skipped)}; parse calls inside generic helpers (covered by their call sites): ${helperInternal.length}`);
console.error(`  not extracted: ${real.length}`);
for (const u of verbose ? unresolved : real) console.error(`    ${u.at}  ${u.why}`);
